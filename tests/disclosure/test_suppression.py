"""Secondary suppression (rtw.publish.suppression) and the attacker's solver
(tests/disclosure/solver.py) on hand-made tables whose answers are worked out by hand."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest
from solver import equations as equations_of_spec
from solver import leaks, recoverable

from rtw.publish import suppression


def declaration(cells, sums, elsewhere=(), grain=("key",)) -> suppression.Declaration:
    return suppression.Declaration(
        mart="hand_made",
        schema="marts",
        relation="hand_made",
        grain=list(grain),
        cells=[c if isinstance(c, suppression.Cell) else suppression.Cell(**c) for c in cells],
        sums=list(sums),
        published_elsewhere=list(elsewhere),
    )


def spec(decl: suppression.Declaration) -> dict:
    """The same declaration as the YAML writes it, for the independent solver."""
    return {
        "cells": [{"count": c.count, "flag": c.flag, "with": list(c.with_)} for c in decl.cells],
        "sums": decl.sums,
    }


# The solver, on equation systems solved by hand.


def test_solver_finds_a_complement_and_not_a_pair():
    a, b, c = "a", "b", "c"
    # a + b = T with b published: a follows.
    assert recoverable([{a: 1, b: 1}], {a}) == {a}
    # a + b = T with both suppressed: neither does.
    assert recoverable([{a: 1, b: 1}], {a, b}) == set()
    # a + b, b + c and a + c known: every one follows, although each sum hides two.
    assert recoverable([{a: 1, b: 1}, {b: 1, c: 1}, {a: 1, c: 1}], {a, b, c}) == {a, b, c}
    # a - b and a + b known: a = (s + d) / 2 needs fractions.
    assert recoverable([{a: 1, b: -1}, {a: 1, b: 1}], {a, b}) == {a, b}
    # a chain a = b + x, b = c + y with x, y suppressed and a, c published: nothing.
    assert recoverable([{a: -1, b: 1, "x": 1}, {b: -1, c: 1, "y": 1}], {b, "x", "y"}) == set()


# Suppression, on the three kinds of sum of METHOD §6.6.


def test_women_men_all_suppresses_the_smaller_complement():
    frame = pd.DataFrame(
        {
            "key": [1, 2],
            "n_women": [None, 30],
            "women_pct": [None, 20.0],
            "women_is_suppressed": [True, False],
            "n_men": [40, 3],
            "men_pct": [25.0, 10.0],
            "men_is_suppressed": [False, False],  # 3: the threshold catches it
            "n_all": [43, 33],
        }
    )
    decl = declaration(
        [
            {"count": "n_women", "flag": "women_is_suppressed", "with_": ("women_pct",)},
            {"count": "n_men", "flag": "men_is_suppressed", "with_": ("men_pct",)},
            {"count": "n_all"},
        ],
        [{"columns": ["n_women", "n_men"], "total": "n_all"}],
    )
    before = leaks(frame.assign(n_men=frame.n_men.where(frame.n_men > 5)), spec(decl))
    assert before == {(0, "n_women"), (1, "n_men")}  # women = all - men, and so on
    out, primary, secondary = suppression.suppress(frame, decl, threshold=5)
    assert primary == {(0, "n_women"), (1, "n_men")}
    # Row 1: men (40) is smaller than all (43); row 2: women (30) than all (33).
    assert secondary == {(0, "n_men"), (1, "n_women")}
    assert out.men_is_suppressed.tolist() == [True, True]
    assert out.women_is_suppressed.tolist() == [True, True]
    assert out.men_pct.isna().all() and out.women_pct.isna().all()
    assert out.n_all.tolist() == [43, 33]
    assert leaks(out, spec(decl)) == set()


def test_municipalities_and_national_row():
    frame = pd.DataFrame(
        {
            "scope": ["national", "municipality", "municipality", "municipality", "municipality"],
            "key": [0, 1, 2, 3, 4],
            "n": [85, 4, 12, 20, 49],
            "share": [1.0, 2.0, 3.0, 4.0, 5.0],
            "flag": [False, True, False, False, False],
        }
    )
    decl = declaration(
        [{"count": "n", "flag": "flag", "with_": ("share",)}],
        [
            {
                "rows": {"parts": {"scope": "municipality"}, "total": {"scope": "national"}},
                "columns": ["n"],
            }
        ],
    )
    out, primary, secondary = suppression.suppress(
        frame.assign(n=frame.n.where(~frame.flag)), decl, 5
    )
    assert primary == {(1, "n")}
    assert secondary == {(2, "n")}  # 12, the smallest other part
    assert out.flag.tolist() == [False, True, True, False, False]
    assert out.share.isna().tolist() == [False, True, True, False, False]
    assert leaks(out, spec(decl)) == set()


def test_population_flow_rows():
    # remaining 100, 97, 60, 58 after rules 1-4; left out 0, 3, 37, 2.
    frame = pd.DataFrame(
        {
            "key": [1, 2, 3, 4],
            "rule": ["1", "2", "3", "4"],
            "n_courses": [100, 97, 60, 58],
            "n_excluded": [0, 3, 37, 2],
        }
    )
    chain = {
        "chain": {"order": "key", "previous": "n_courses", "parts": ["n_courses", "n_excluded"]}
    }
    decl = declaration([{"count": "n_courses"}, {"count": "n_excluded"}], [chain])
    out, primary, secondary = suppression.suppress(frame, decl, 5)
    assert primary == {(0, "n_excluded"), (1, "n_excluded"), (3, "n_excluded")}
    # 3 left out by rule 2 = 100 - 97: the smaller remaining, 97, goes; then 97 = 60 + 37
    # has one hidden: 37 goes; 2 left out by rule 4 = 60 - 58: 58 goes.
    assert secondary == {(1, "n_courses"), (2, "n_excluded"), (3, "n_courses")}
    assert leaks(out, spec(decl)) == set()
    # When the last remaining count is published elsewhere, 60 goes instead of 58.
    fixed = declaration(
        decl.cells, [chain], elsewhere=[{"count": "n_courses", "where": {"rule": "4"}}]
    )
    _, _, secondary = suppression.suppress(frame, fixed, 5)
    assert (3, "n_courses") not in secondary and (2, "n_courses") in secondary


def test_a_count_published_elsewhere_that_no_sum_here_can_hide_is_left_to_that_mart():
    # Two rules per group; rule 2's remaining counts are the final population, published
    # elsewhere. Municipality "none" (no known residence) has 8 spells after rule 1 and
    # none left after rule 2 (the national build of 2026-12-03): its 0 is suppressed, and
    # national 300 - 150 - 150 gives it back through rule 2's row sum, whose other
    # counts are all published elsewhere. Its chain still hides it (8 = 0 + 8: both 8s
    # go), and the build goes on instead of failing.
    frame = pd.DataFrame(
        {
            "scope": ["municipality"] * 6 + ["national"] * 2,
            "municipality": ["a", "a", "b", "b", "none", "none", None, None],
            "rule": ["1", "2"] * 4,
            "n_courses": [160, 150, 170, 150, 8, 0, 338, 300],
            "n_excluded": [40, 10, 30, 20, 2, 8, 72, 38],
        }
    )
    sums = [
        {
            "rows": {
                "by": ["rule"],
                "parts": {"scope": "municipality"},
                "total": {"scope": "national"},
            },
            "columns": ["n_courses", "n_excluded"],
        },
        {
            "chain": {
                "by": ["scope", "municipality"],
                "order": "rule",
                "previous": "n_courses",
                "parts": ["n_courses", "n_excluded"],
            }
        },
    ]
    elsewhere = [{"count": "n_courses", "where": {"rule": "2"}}]
    decl = declaration(
        [{"count": "n_courses"}, {"count": "n_excluded"}], sums, elsewhere, grain=("scope",)
    )
    out, primary, secondary = suppression.suppress(frame, decl, 5)
    assert primary == {(4, "n_excluded"), (5, "n_courses")}
    assert (4, "n_courses") in secondary and (5, "n_excluded") in secondary
    # What is left recoverable is the 0 published elsewhere only, for the solver too.
    hidden = primary | secondary
    assert recoverable(equations_of_spec(out, spec(decl)), hidden) == {(5, "n_courses")}
    assert leaks(out, {**spec(decl), "published_elsewhere": elsewhere}) == set()


def test_the_exact_check_catches_what_pairs_do_not():
    # a + b + d, b + c and a + c are known elsewhere; a, b and c are suppressed, so each
    # sum hides two, yet all three follow. Suppressing d (the only published) stops it.
    frame = pd.DataFrame({"key": [1], "a": [2], "b": [3], "c": [4], "d": [50]})
    sums = [
        {"columns": ["a", "b", "d"], "total": "elsewhere"},
        {"columns": ["b", "c"], "total": "elsewhere"},
        {"columns": ["a", "c"], "total": "elsewhere"},
    ]
    decl = declaration([{"count": c} for c in "abcd"], sums)
    assert leaks(frame.assign(a=None, b=None, c=None), spec(decl)) == {(0, "a"), (0, "b"), (0, "c")}
    out, primary, secondary = suppression.suppress(frame, decl, 5)
    assert secondary == {(0, "d")}
    assert leaks(out, spec(decl)) == set()


def test_a_leak_with_nothing_left_to_suppress_is_an_error():
    frame = pd.DataFrame({"key": [1], "a": [2], "b": [3], "c": [4]})
    sums = [
        {"columns": pair, "total": "elsewhere"} for pair in (["a", "b"], ["b", "c"], ["a", "c"])
    ]
    with pytest.raises(ValueError, match="stay recoverable"):
        suppression.suppress(frame, declaration([{"count": c} for c in "abc"], sums), 5)


def test_apply_rewrites_the_mart_in_place_and_counts():
    con = duckdb.connect()
    con.execute("create schema marts")
    con.execute(
        "create table marts.mart_x as select * from (values "
        "('national', null, 85, false), ('municipality', 1, null, true), "
        "('municipality', 2, 12, false), ('municipality', 3, 69, false)) "
        "as t(scope, municipality_code, n_courses, is_suppressed)"
    )
    con.execute(
        "create table marts.mart_publication_settings as select 5 as disclosure_max_courses"
    )
    meta = {
        "grain": ["scope", "municipality_code"],
        "disclosure": {
            "cells": [{"count": "n_courses", "flag": "is_suppressed"}],
            "sums": [
                {
                    "rows": {"parts": {"scope": "municipality"}, "total": {"scope": "national"}},
                    "columns": ["n_courses"],
                }
            ],
        },
    }
    node = {
        "resource_type": "model",
        "tags": ["published"],
        "name": "mart_x",
        "alias": "mart_x",
        "schema": "marts",
        "config": {"meta": meta},
    }
    manifest = {"nodes": {"model.rtw.mart_x": node}}
    assert suppression.threshold(con, manifest) == 5
    counts = suppression.apply(con, manifest, 5)
    assert counts == {"mart_x": {"primary": 1, "secondary": 1}}
    rows = con.execute(
        "select municipality_code, n_courses, is_suppressed from marts.mart_x "
        "order by municipality_code nulls first"
    ).fetchall()
    assert rows == [(None, 85, False), (1, None, True), (2, None, True), (3, 69, False)]
    # Idempotent: a second pass finds both cells already suppressed and adds none.
    assert suppression.apply(con, manifest, 5) == {"mart_x": {"primary": 2, "secondary": 0}}
