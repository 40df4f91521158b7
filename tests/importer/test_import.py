"""rtw import: SAS fixtures made by ReadStat's writer (fixtures/make_sas.py), hand-made CSV
files, and a round trip of generated registers through DST's layout (dst_layout.py)."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from rtw.cli import main
from rtw.contract import REGISTERS
from rtw.importer import import_registers

sys.path.insert(0, str(Path(__file__).parent))
from dst_layout import write_dst_layout  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"


def _source(tmp_path: Path, *names: str) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for name in names:
        shutil.copy(FIXTURES / name, src / name)
    return src


def _rows(path: Path) -> list[dict]:
    return pq.read_table(path).to_pylist()


def test_sas_files_become_the_contract(tmp_path):
    src = _source(tmp_path, "BEF201612.sas7bdat", "LPR_ADM2016.sas7bdat", "IND2016.sas7bdat")
    out = tmp_path / "raw"
    import_registers(src, out, progress=False)
    assert sorted(p.name for p in out.iterdir()) == [
        "bef.parquet",
        "ind.parquet",
        "lpr_adm.parquet",
    ]
    bef = _rows(out / "bef.parquet")
    assert bef[0] == {
        "pnr": "R000000001",
        "aar": 2016,
        "koen": 1,
        "foed_dag": dt.date(1973, 9, 25),
        "kom": 101,
        "e_faelle_id": "F000000001",
        "ie_type": 1,
        "opr_land": 5100,
    }
    assert bef[1]["foed_dag"] == dt.date(1955, 5, 2)
    assert bef[1]["e_faelle_id"] is None
    assert bef[2]["foed_dag"] == dt.date(1960, 1, 1)
    adm = _rows(out / "lpr_adm.parquet")
    assert [(r["mdc"], r["c_spec"], r["c_pattype"]) for r in adm] == [
        ("08", "05", "0"),
        ("08", "42", "2"),
    ]
    assert adm[0]["d_inddto"] == dt.date(2016, 1, 1)
    assert [r["aar"] for r in _rows(out / "ind.parquet")] == [2016, 2016]
    schema = pq.read_schema(out / "bef.parquet")
    assert [str(t) for t in schema.types] == [
        "string", "int32", "int32", "date32[day]", "int32", "string", "int32", "int32"
    ]  # fmt: skip


def _csv(folder: Path, name: str, text: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text)


IND_HEAD = "PNR;DISPON_13\n"


def test_csv_years_are_unioned_and_typed(tmp_path):
    src = tmp_path / "src"
    _csv(src, "IND2015.csv", IND_HEAD + "R1  ;100.5\nR2;\n")
    _csv(src, "ind2016.CSV", IND_HEAD + "R1;200\n")
    _csv(src, "DOD.csv", "PNR,DODDATO\nR1,2016-03-01\nR2,01MAR2017\nR3,20515\n")
    import_registers(src, tmp_path / "raw", progress=False)
    ind = _rows(tmp_path / "raw" / "ind.parquet")
    assert ind == [
        {"pnr": "R1", "aar": 2015, "dispon_13": 100.5},
        {"pnr": "R2", "aar": 2015, "dispon_13": None},
        {"pnr": "R1", "aar": 2016, "dispon_13": 200.0},
    ]
    assert [r["doddato"] for r in _rows(tmp_path / "raw" / "dod.parquet")] == [
        dt.date(2016, 3, 1),
        dt.date(2017, 3, 1),
        dt.date(2016, 3, 2),
    ]


def _fails(src: Path, out: Path, *fragments: str) -> None:
    with pytest.raises(ValueError) as info:
        import_registers(src, out, progress=False)
    for fragment in fragments:
        assert fragment in str(info.value)
    # Nothing written: neither the output nor a temporary folder next to it.
    assert not out.exists()
    assert not out.parent.exists() or not any(out.parent.iterdir())


def test_unconvertible_values_are_named_with_file_column_count(tmp_path):
    src = tmp_path / "src"
    _csv(src, "IND2015.csv", IND_HEAD + "R1;100\n")
    _csv(src, "IND2016.csv", IND_HEAD + "R1;abc\nR2;abc\nR3;x\nR4;1\n")
    _fails(src, tmp_path / "out" / "raw", "IND2016.csv", "dispon_13", "3 values", "'abc'")


def test_unknown_file_missing_column_and_year_twice(tmp_path):
    src = tmp_path / "src"
    _csv(src, "FOO2016.csv", IND_HEAD)
    _fails(src, tmp_path / "out" / "raw", "FOO2016.csv: unknown file")
    shutil.rmtree(src)
    _csv(src, "IND2016.csv", "PNR\nR1\n")
    _fails(src, tmp_path / "out" / "raw", "IND2016.csv: missing column dispon_13")
    shutil.rmtree(src)
    _csv(src, "IND2016.csv", IND_HEAD)
    shutil.copy(FIXTURES / "IND2016.sas7bdat", src)
    _fails(src, tmp_path / "out" / "raw", "ind year 2016 twice")


def test_user_mapping_overrides_a_register(tmp_path, capsys):
    src = tmp_path / "src"
    _csv(src, "INDKOMST_2016.csv", "PNR;DISPINDK\nR1;7\n")
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "registers:\n  ind:\n    pattern: '^indkomst_(?P<year>\\d{4})$'\n"
        "    year_column: aar\n    rename: {DISPINDK: dispon_13}\n"
    )
    out = tmp_path / "raw"
    assert main(["import", str(src), "--out", str(out), "--mapping", str(mapping)]) == 0
    assert _rows(out / "ind.parquet") == [{"pnr": "R1", "aar": 2016, "dispon_13": 7.0}]
    # Without the override the file is unknown, and the CLI prints the message, exit 2.
    assert main(["import", str(src), "--out", str(tmp_path / "other"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("rtw import: INDKOMST_2016.csv: unknown file")
    assert "Traceback" not in err


def test_round_trip_of_generated_registers(tmp_path):
    from rtw.synth import generate

    raw = tmp_path / "raw"
    generate(out=raw, seed=3, plans=3000, progress=False)
    dst = tmp_path / "dst"
    written = write_dst_layout(raw, dst)
    assert any(p.name == "BEF201612.csv" for p in written)
    back = tmp_path / "back"
    import_registers(dst, back, progress=False)
    con = duckdb.connect()
    for name in REGISTERS:
        a = f"read_parquet('{raw / name}.parquet')"
        b = f"read_parquet('{back / name}.parquet')"
        assert pq.read_schema(back / f"{name}.parquet").equals(
            pq.read_schema(raw / f"{name}.parquet"), check_metadata=False
        ), name
        for x, y in ((a, b), (b, a)):
            diff = con.execute(
                f"select count(*) from (select * from {x} except all select * from {y})"
            )
            assert diff.fetchone()[0] == 0, name
