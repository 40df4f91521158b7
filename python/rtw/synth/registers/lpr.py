"""LPR, hospital contacts: lpr_adm (contacts), lpr_diag (diagnoses), lpr_sksopr
(operations) and lpr_sksube (other procedures, among them the rehab plan codes AWG*),
linked by record number."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from rtw.synth.registers.columns import date, strings, take, zfill


def record_numbers(prefix: str, n: int, width: int = 11) -> np.ndarray:
    """recnum: a prefix (one per population and random stream, so that record numbers
    never clash) and a running number."""
    return np.char.add(prefix, zfill(np.arange(n).astype(str), width))


def psychiatric_specialties(ref) -> np.ndarray:
    s = ref.specialties
    return s.loc[s.is_psychiatric.astype(bool), "specialty_code"].to_numpy()


def check_not_charlson(ref, diagnoses, what: str) -> None:
    """Designed diagnoses must not be Charlson codes (they would make a comorbidity)."""
    charl = ref.charlson.icd10_prefix.to_numpy()
    clash = [d for d in diagnoses if any(d.startswith(c) for c in charl)]
    if clash:
        raise ValueError(f"{what} diagnoses {clash} are Charlson codes")


def adm(recnum, ids, r, start, end, pattype, indm, spec, kom, adiag, mdc) -> pa.Table:
    """lpr_adm: contact recnum of person r from day `start` to `end` (days since 1970);
    patient type, admission kind, specialty, municipality code, action diagnosis and
    DRG major diagnostic category, per row or one string for all rows."""
    n = len(recnum)
    return pa.table(
        {
            "recnum": strings(recnum),
            "pnr": take(ids, r),
            "d_inddto": date(start),
            "d_uddto": date(end),
            "c_pattype": strings(pattype, n),
            "c_indm": strings(indm, n),
            "c_spec": strings(spec, n),
            "c_kom": pa.array(np.asarray(kom), pa.int32()),
            "c_adiag": strings(adiag, n),
            "mdc": strings(mdc, n),
        }
    )


def diag(recnum, diagnosis, kind) -> pa.Table:
    """lpr_diag: diagnoses of contacts, kind A (action) or B (secondary) or one for all."""
    return pa.table(
        {
            "recnum": strings(recnum),
            "c_diag": strings(diagnosis),
            "c_diagtype": strings(kind, len(recnum)),
        }
    )


def procedures(recnum, code, day) -> pa.Table:
    """lpr_sksopr or lpr_sksube: procedure codes of contacts and their days."""
    return pa.table({"recnum": strings(recnum), "c_opr": strings(code), "d_odto": date(day)})
