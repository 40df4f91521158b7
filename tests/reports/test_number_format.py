"""Numbers on the pages: a value that rounds to zero has no sign."""

from rtw.reports.data import Cell
from rtw.reports.style import fmt_number, fmt_pp


def test_rounded_zero_has_no_sign():
    assert fmt_pp(Cell(-0.04)) == "0.0 pp"
    assert fmt_pp(Cell(0.04)) == "0.0 pp"
    assert fmt_pp(Cell(-0.0)) == "0.0 pp"
    assert fmt_number(-0.4, 0) == "0"


def test_signs_stay_on_other_values():
    assert fmt_pp(Cell(-1.26)) == "−1.3 pp"
    assert fmt_pp(Cell(0.05001)) == "+0.1 pp"
    assert fmt_number(-1234.5, 1) == "−1,234.5"
