"""The input contract of REGISTERS.md: register files, their columns, types and grains."""

from __future__ import annotations

REGISTERS: dict[str, dict] = {
    "bef": {
        "grain": ["pnr", "aar"],
        "columns": {
            "pnr": "VARCHAR",
            "aar": "INTEGER",
            "koen": "INTEGER",
            "foed_dag": "DATE",
            "kom": "INTEGER",
            "e_faelle_id": "VARCHAR",
            "ie_type": "INTEGER",
            "opr_land": "INTEGER",
        },
    },
    "dod": {"grain": ["pnr"], "columns": {"pnr": "VARCHAR", "doddato": "DATE"}},
    "vnds": {
        "grain": ["pnr", "haend_dato", "indud_kode"],
        "columns": {"pnr": "VARCHAR", "haend_dato": "DATE", "indud_kode": "VARCHAR"},
    },
    "ind": {
        "grain": ["pnr", "aar"],
        "columns": {"pnr": "VARCHAR", "aar": "INTEGER", "dispon_13": "DOUBLE"},
    },
    "udda": {
        "grain": ["pnr", "aar"],
        "columns": {"pnr": "VARCHAR", "aar": "INTEGER", "hfaudd": "VARCHAR"},
    },
    "bfl": {
        "grain": ["pnr", "aarmd", "cvrnr"],
        "columns": {
            "pnr": "VARCHAR",
            "aarmd": "INTEGER",
            "cvrnr": "VARCHAR",
            "ajo_arbejdstimer": "DOUBLE",
            "arb_hoved_bra_db07": "VARCHAR",
        },
    },
    "dream": {"grain": ["pnr"], "columns": {"pnr": "VARCHAR"}, "week_columns": "SMALLINT"},
    "lpr_adm": {
        "grain": ["recnum"],
        "columns": {
            "recnum": "VARCHAR",
            "pnr": "VARCHAR",
            "d_inddto": "DATE",
            "d_uddto": "DATE",
            "c_pattype": "VARCHAR",
            "c_indm": "VARCHAR",
            "c_spec": "VARCHAR",
            "c_kom": "INTEGER",
            "c_adiag": "VARCHAR",
            "mdc": "VARCHAR",
        },
    },
    "lpr_diag": {
        "grain": ["recnum", "c_diag", "c_diagtype"],
        "columns": {"recnum": "VARCHAR", "c_diag": "VARCHAR", "c_diagtype": "VARCHAR"},
    },
    "lpr_sksopr": {
        "grain": ["recnum", "c_opr", "d_odto"],
        "columns": {"recnum": "VARCHAR", "c_opr": "VARCHAR", "d_odto": "DATE"},
    },
    "lpr_sksube": {
        "grain": ["recnum", "c_opr", "d_odto"],
        "columns": {"recnum": "VARCHAR", "c_opr": "VARCHAR", "d_odto": "DATE"},
    },
    "ges": {
        "grain": ["ges_id"],
        "columns": {
            "ges_id": "VARCHAR",
            "pnr": "VARCHAR",
            "ydelse_dato": "DATE",
            "kom": "INTEGER",
            "ydelse_kode": "VARCHAR",
        },
    },
    "sssy": {
        "grain": ["pnr", "honuge", "speciale", "ydelsesnr"],
        "columns": {
            "pnr": "VARCHAR",
            "honuge": "VARCHAR",
            "speciale": "INTEGER",
            "ydelsesnr": "VARCHAR",
            "antydel": "INTEGER",
        },
    },
}
