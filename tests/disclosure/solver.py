"""An attacker's view of a published mart, written apart from rtw.publish.suppression so
that the recovery tests do not trust the code they test: the mart's declared sums (from
the dbt manifest) as equations, and an exact solver in fractions that says which
suppressed counts they determine from what is published.

A suppressed count is recoverable iff its unit vector lies in the row space of the
equations restricted to the suppressed counts (the published ones are constants). In
reduced row echelon form that is: some row is exactly that unit vector.
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd


def recoverable(equations: list[dict], unknown: set) -> set:
    """The unknowns the equations determine (Gauss-Jordan in fractions, sparse rows)."""
    pivots: dict = {}  # pivot unknown -> row with coefficient 1 there and no other pivot
    for equation in equations:
        row = {v: Fraction(c) for v, c in equation.items() if v in unknown and c}
        for p in [v for v in row if v in pivots]:
            factor = row.get(p, 0)
            if factor:
                for v, c in pivots[p].items():
                    row[v] = row.get(v, 0) - factor * c
                    if row[v] == 0:
                        del row[v]
        if not row:
            continue
        q = min(row, key=repr)
        scale = row[q]
        row = {v: c / scale for v, c in row.items()}
        for other in pivots.values():
            factor = other.get(q, 0)
            if factor:
                for v, c in row.items():
                    other[v] = other.get(v, 0) - factor * c
                    if other[v] == 0:
                        del other[v]
        pivots[q] = row
    return {q for q, row in pivots.items() if len(row) == 1}


def _where(frame: pd.DataFrame, spec: dict) -> pd.Series:
    keep = pd.Series(True, index=frame.index)
    for column, value in spec.items():
        keep &= frame[column].map(lambda x: str(x) if pd.notna(x) else None) == str(value)
    return keep


def _by(frame: pd.DataFrame, columns: list[str]):
    if not columns:
        return [frame]
    keys = frame[columns].astype("string").fillna("<null>").agg("|".join, axis=1)
    return [frame[keys == key] for key in keys.unique()]


def equations(frame: pd.DataFrame, spec: dict) -> list[dict]:
    """Equations over (row label, count column) from a mart's meta.disclosure; a total
    published elsewhere is a known constant and so no unknown."""
    out = []
    for s in spec.get("sums", []):
        if "rows" in s:
            r = s["rows"]
            for group in _by(frame, r.get("by", [])):
                total = r.get("total", "elsewhere")
                tot = list(group.index[_where(group, total)]) if total != "elsewhere" else []
                assert total == "elsewhere" or len(tot) == 1, (s, len(tot))
                parts = (
                    group.index[_where(group, r["parts"])]
                    if "parts" in r
                    else [i for i in group.index if i not in tot]
                )
                for c in s["columns"]:
                    eq = {(i, c): 1 for i in parts}
                    for i in tot:
                        eq[(i, c)] = -1
                    out.append(eq)
        elif "chain" in s:
            ch = s["chain"]
            for group in _by(frame, ch.get("by", [])):
                rows = list(group.sort_values(ch["order"]).index)
                for before, row in zip(rows[:-1], rows[1:], strict=True):
                    eq = {(row, c): 1 for c in ch["parts"]}
                    eq[(before, ch["previous"])] = -1
                    out.append(eq)
        elif "columns" in s:
            total = s.get("total", "elsewhere")
            for i in frame.index:
                eq = {(i, c): 1 for c in s["columns"]}
                if total != "elsewhere":
                    eq[(i, total)] = -1
                out.append(eq)
        else:
            raise AssertionError(f"unknown disclosure sum {s}")
    return out


def suppressed_counts(frame: pd.DataFrame, spec: dict) -> set:
    """(row label, count column) of every withheld count: its flag set or the count null."""
    out = set()
    for cell in spec["cells"]:
        hidden = frame[cell["count"]].isna()
        if cell.get("flag"):
            hidden |= frame[cell["flag"]].fillna(True).astype(bool)
        out.update((i, cell["count"]) for i in frame.index[hidden])
    return out


def published_elsewhere(frame: pd.DataFrame, spec: dict) -> set:
    """(row label, count column) of the counts the declaration says another mart publishes
    as well: that mart's sums protect them (its own leaks are checked there)."""
    return {
        (i, item["count"])
        for item in spec.get("published_elsewhere", [])
        for i in frame.index[_where(frame, item.get("where", {}))]
    }


def leaks(frame: pd.DataFrame, spec: dict) -> set:
    """The suppressed counts of a published mart that its declared sums give back, but
    those another mart publishes as well (published_elsewhere)."""
    unknown = suppressed_counts(frame, spec)
    return recoverable(equations(frame, spec), unknown) - published_elsewhere(frame, spec)
