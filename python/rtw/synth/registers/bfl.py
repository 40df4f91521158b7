"""BFL, jobs: paid hours per person, month and employer (CVR), with the industry."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from rtw.synth.registers.columns import strings, take, zfill


def db07(division: np.ndarray, rng) -> np.ndarray:
    """arb_hoved_bra_db07 codes: the industry's division and four drawn digits."""
    return np.char.add(
        np.asarray(division).astype(str),
        zfill(rng.integers(0, 10000, len(division)).astype(str), 4),
    )


def cvr_numbers(n: int, rng) -> np.ndarray:
    """n drawn employer numbers (8 digits)."""
    return zfill(rng.integers(10**7, 10**8, n).astype(str), 8)


def table(ids, r, aarmd, cvrnr, hours, db07_code) -> pa.Table:
    """Rows of person r: month YYYYMM, employer, hours that month and the job's industry
    (cvrnr and db07_code per row: numpy or Arrow)."""
    return pa.table(
        {
            "pnr": take(ids, r),
            "aarmd": pa.array(np.asarray(aarmd), pa.int32()),
            "cvrnr": strings(cvrnr),
            "ajo_arbejdstimer": pa.array(np.asarray(hours), pa.float64()),
            "arb_hoved_bra_db07": strings(db07_code),
        }
    )
