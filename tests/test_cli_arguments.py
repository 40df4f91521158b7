"""The CLI refuses arguments out of range with argparse's message and exit code 2 before
it does anything (0 plans used to write empty registers, whose build fails late)."""

from __future__ import annotations

import pytest

from rtw.cli import main


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["generate", "--plans", "-5"], "argument --plans: -5 is not 1 or more"),
        (["generate", "--plans", "0"], "argument --plans: 0 is not 1 or more"),
        (["generate", "--plans", "many"], "argument --plans: 'many' is not a whole number"),
        (["generate", "--population", "0"], "argument --population: 0.0 is not in (0, 1]"),
        (["generate", "--population", "1.5"], "argument --population: 1.5 is not in (0, 1]"),
        (["build", "--keep", "0"], "argument --keep: 0 is not 1 or more"),
        (["report", "--jobs", "0"], "argument --jobs: 0 is not 1 or more"),
    ],
)
def test_an_argument_out_of_range_is_refused_with_its_reason(argv, message, capsys):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    assert message in capsys.readouterr().err
