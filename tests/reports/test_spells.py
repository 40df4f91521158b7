"""Without a build: the figure beside the white paper's figur 7 (issue 17) reads the start
year whose spells are followed to spell week 78, its survival relative to week 5 is
suppressed where the mart suppresses either week, and a case's page words the model's
notes in its own units. Hand-made marts."""

from __future__ import annotations

import pandas as pd

from rtw.reports.data import FIGUR7, BenchmarkCase, Cell, Marts
from rtw.reports.national_tables import flow_table, in_units
from rtw.reports.spells import WEEKS, figur7_charts, relative_survival, start_year

SPELLS = BenchmarkCase("sickness", "Sygedagpengeforløb", "spell", "spells")


def survival_rows(year, counts, *, population="in_work_before", scope="national"):
    """Rows of mart_sickness_spell_survival: counts = {week: (n_spells, n_known, n_running)}."""
    return [
        {
            "population": population,
            "scope": scope,
            "start_year": year,
            "spell_week": week,
            "n_spells": n,
            "n_known": known,
            "n_running": running,
            "is_suppressed": known is None,
        }
        for week, (n, known, running) in counts.items()
    ]


def frame(*parts) -> pd.DataFrame:
    return pd.DataFrame([row for part in parts for row in part])


FOLLOWED = {1: (200, 200, 200), 5: (200, 200, 80), 13: (200, 200, 40), 78: (200, 200, 10)}
CENSORED = {1: (300, 300, 300), 5: (300, 300, 150), 13: (300, 280, 60), 78: (300, 250, 5)}


def test_start_year_is_the_one_followed_to_week_78():
    assert start_year(frame(survival_rows(2016, FOLLOWED), survival_rows(2017, CENSORED))) == (
        2016,
        True,
    )
    # Every start year followed: all of them together (the null start year).
    assert start_year(frame(survival_rows(2016, FOLLOWED), survival_rows(2017, FOLLOWED))) == (
        None,
        True,
    )
    # None followed: the earliest, said to be not followed.
    assert start_year(frame(survival_rows(2017, CENSORED), survival_rows(2016, CENSORED))) == (
        2016,
        False,
    )
    # Other populations and municipal rows do not count.
    mixed = frame(
        survival_rows(2016, FOLLOWED),
        survival_rows(2017, FOLLOWED, population="all"),
        survival_rows(2017, FOLLOWED, scope="municipality"),
        survival_rows(2017, CENSORED),
    )
    assert start_year(mixed) == (2016, True)


def test_survival_is_relative_to_week_5_and_suppressed_with_it():
    survival = frame(survival_rows(2016, FOLLOWED))
    cells = relative_survival(survival, 2016)
    # 200/200 against 80/200 at week 5: 250 %; 40/200: 50 %; 10/200: 12.5 %.
    expected = {1: 250.0, 5: 100.0, 13: 50.0, 78: 12.5}
    for week, c in zip(WEEKS, cells, strict=True):
        if week in expected:
            assert c.value is not None and abs(c.value - expected[week]) < 1e-9, week
        else:  # a week the mart has no row for: not available, not 0
            assert c == Cell(None), week
    # The share is of the spells whose status is known (n_known), not of all.
    censored = relative_survival(frame(survival_rows(2017, CENSORED)), 2017)
    assert abs(censored[2].value - 100 * (60 / 280) / (150 / 300)) < 1e-9
    # Week 5 suppressed: every relative share is suppressed.
    hidden = {**FOLLOWED, 5: (200, None, None)}
    assert all(c.suppressed for c in relative_survival(frame(survival_rows(2016, hidden)), 2016))


def test_the_figure_needs_the_spell_marts_and_figur_7():
    survival = frame(survival_rows(2016, FOLLOWED), survival_rows(2017, CENSORED))
    udstoedning = pd.DataFrame(
        [
            {
                "population": "in_work_before",
                "scope": "national",
                "start_year": 2016,
                "spell_week": w,
                "n_spells": 100,
                "not_in_work_pct": 30.0,
                "is_suppressed": False,
            }
            for w in WEEKS
        ]
    )
    seed = pd.DataFrame(
        {
            "spell_week": list(WEEKS),
            "on_sickness_benefit": [300, 100, 50, 25, 10, 5],
            "udstoedningsgrad_pct": [15.0, 25.0, 40.0, 60.0, 75.0, 80.0],
        }
    )
    frames = {
        "mart_sickness_spell_survival": survival,
        "mart_sickness_spell_udstoedning": udstoedning,
    }
    assert figur7_charts(Marts(frames, [SPELLS]), SPELLS) == []
    (chart,) = figur7_charts(Marts({**frames, FIGUR7: seed}, [SPELLS]), SPELLS)
    rows = [[t.text for t in row] for row in chart.table.rows]
    assert [r[0] for r in rows] == [str(w) for w in WEEKS]
    # Figur 7 relative to its week 5 (100): 300 %, 50 %; its udstødningsgrad as given.
    assert rows[0][4] == "300.0 %" and rows[2][4] == "50.0 %"
    assert [r[7] for r in rows] == ["15.0 %", "25.0 %", "40.0 %", "60.0 %", "75.0 %", "80.0 %"]
    assert "starting in 2016" in chart.caption and "course" not in chart.caption + " ".join(
        chart.table.columns
    )
    # A case without spell marts has no such figure.
    other = BenchmarkCase("rehab", "Genoptræning", "course", "courses")
    assert figur7_charts(Marts({**frames, FIGUR7: seed}, [other]), other) == []


def test_a_case_words_the_models_notes_in_its_units():
    note = "separation: all 3 courses have outcome 0; no courses: not estimable"
    assert in_units(note, None) == note
    assert in_units(note, SPELLS) == (
        "separation: all 3 spells have outcome 0; no spells: not estimable"
    )
    assert in_units("no course of the final population", SPELLS) == (
        "no spell of the final population"
    )
    assert in_units("n_courses_fitted", SPELLS) == "n_courses_fitted"  # not inside a word


def test_a_case_without_plans_has_no_plans_column_in_its_flow():
    flow = pd.DataFrame(
        {
            "scope": "national",
            "rule_order": [1, 2],
            "rule": ["1", "2"],
            "rule_name": ["sickness spell", "alive and resident"],
            "rule_description": ["", ""],
            "n_plans": [None, None],
            "n_persons": [10, None],
            "n_courses": [12, None],
            "n_courses_is_suppressed": [False, True],  # a suppressed rule is no plan count
            "n_courses_excluded": [0, None],
            "n_courses_excluded_is_suppressed": [False, True],
        }
    )
    marts = Marts({"mart_population_flow": flow}, [SPELLS])
    spells_table = flow_table(marts, SPELLS)
    assert "Plans" not in spells_table.columns
    assert spells_table.columns[-2:] == ["Spells", "Spells left out"]
    assert all(len(row) == len(spells_table.columns) for row in spells_table.rows)
    # The rehab case's table keeps its plans column (the report's figure 1.2).
    assert flow_table(marts).columns[3:6] == ["Plans", "Persons", "Courses"]
