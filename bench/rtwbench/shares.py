"""Municipal shares on benefits at 3 months: the pandas reference against the warehouse.

A share is compared as its two counts (courses of the final population, and of those
the courses on benefits at the month), so "identical" means identical, not close. The
published mart (Bilag 2 table 1) rounds the share to 4 decimals in per cent and
suppresses cells of 5 or fewer courses; it is checked to be the correct rounding of the
reference's exact share and to suppress the same cells.
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd

MONTH = 3
COLUMNS = ["municipality_code", "n_courses", "n_on_benefits"]


def reference_shares(courses: pd.DataFrame, month: int = MONTH) -> pd.DataFrame:
    """Per municipality of the final population (exclusion_rule null) of a
    rtw.reference.compute_courses result: courses determinable at `month` and those on
    benefits then. Sorted by municipality_code."""
    final = courses[courses["exclusion_rule"].isna()]
    outcome = final[f"on_benefits_m{month}"]
    measured = final[outcome.notna()]
    on = measured[f"on_benefits_m{month}"].astype(int) == 1
    table = (
        measured.assign(on=on)
        .groupby("municipality_code")
        .agg(n_courses=("on", "size"), n_on_benefits=("on", "sum"))
        .reset_index()
    )
    return _typed(table)


def warehouse_shares(con, month: int = MONTH) -> pd.DataFrame:
    """The same counts from the warehouse's marts.fct_rehab_courses."""
    table = con.sql(
        f"""
        select
            municipality_code,
            count(*) as n_courses,
            count(*) filter (where on_benefits_m{month} = 1) as n_on_benefits
        from marts.fct_rehab_courses
        where exclusion_rule is null and on_benefits_m{month} is not null
        group by municipality_code
        """
    ).df()
    return _typed(table)


def published_shares(con) -> pd.DataFrame:
    """marts.mart_bilag2_table1_benchmark: scope, municipality_code, outcome_month,
    n_courses, actual_share_pct, is_suppressed."""
    return con.sql(
        """
        select scope, municipality_code, outcome_month, n_courses, actual_share_pct,
            is_suppressed
        from marts.mart_bilag2_table1_benchmark
        """
    ).df()


def _typed(table: pd.DataFrame) -> pd.DataFrame:
    table = table[COLUMNS].astype("int64")
    return table.sort_values("municipality_code", ignore_index=True)


def _same_count(published, n: int) -> bool:
    return pd.notna(published) and int(published) == int(n)


def _share_problem(where: str, n: int, k: int, pct, suppressed: bool, max_small: int) -> list:
    if n <= max_small:
        if not suppressed or pd.notna(pct):
            return [f"{where}: {n} courses should be suppressed, published {pct}"]
        return []
    if suppressed or pd.isna(pct):
        return [f"{where}: {n} courses suppressed in the mart"]
    exact = Fraction(100 * k, n)
    # The mart's 4-decimal rounding of the exact share (either way at a tie).
    if abs(Fraction(float(pct)) - exact) > Fraction(1, 20_000) + Fraction(1, 10**9):
        return [f"{where}: published {pct} % but the reference has {k}/{n} = {float(exact):.6f} %"]
    return []


def compare_shares(
    reference: pd.DataFrame,
    warehouse: pd.DataFrame,
    published: pd.DataFrame | None = None,
    month: int = MONTH,
    max_small: int = 5,
) -> list[str]:
    """Problems (empty when identical) between the reference's counts, the warehouse's
    counts and (optionally) the published mart."""
    problems: list[str] = []
    ref = reference.set_index("municipality_code")
    wh = warehouse.set_index("municipality_code")
    for code in sorted(set(ref.index) - set(wh.index)):
        problems.append(f"municipality {code}: in the reference only ({ref.loc[code].tolist()})")
    for code in sorted(set(wh.index) - set(ref.index)):
        problems.append(f"municipality {code}: in the warehouse only ({wh.loc[code].tolist()})")
    for code in sorted(set(ref.index) & set(wh.index)):
        a, b = ref.loc[code], wh.loc[code]
        if (a.n_courses, a.n_on_benefits) != (b.n_courses, b.n_on_benefits):
            problems.append(
                f"municipality {code}: reference {a.n_on_benefits}/{a.n_courses} on benefits, "
                f"warehouse {b.n_on_benefits}/{b.n_courses}"
            )
    if published is None:
        return problems

    pub = published[published["outcome_month"] == month]
    municipal = pub[pub["scope"] == "municipality"].set_index("municipality_code")
    if set(municipal.index) != set(ref.index):
        only_mart = sorted(set(municipal.index) - set(ref.index))
        only_ref = sorted(set(ref.index) - set(municipal.index))
        problems.append(
            f"published municipalities differ: mart only {only_mart}, reference only {only_ref}"
        )
    for code in sorted(set(municipal.index) & set(ref.index)):
        row, r = municipal.loc[code], ref.loc[code]
        where = f"published municipality {code}"
        if not row.is_suppressed and not _same_count(row.n_courses, r.n_courses):
            problems.append(f"{where}: {row.n_courses} courses, reference {r.n_courses}")
        problems += _share_problem(
            where,
            int(r.n_courses),
            int(r.n_on_benefits),
            row.actual_share_pct,
            bool(row.is_suppressed),
            max_small,
        )
    national = pub[pub["scope"] == "national"]
    if len(national) != 1:
        problems.append(f"published national rows: {len(national)}, expected 1")
    else:
        row = national.iloc[0]
        n, k = int(ref.n_courses.sum()), int(ref.n_on_benefits.sum())
        if not row.is_suppressed and not _same_count(row.n_courses, n):
            problems.append(f"published national: {row.n_courses} courses, reference {n}")
        problems += _share_problem(
            "published national",
            n,
            k,
            row.actual_share_pct,
            bool(row.is_suppressed),
            max_small,
        )
    return problems
