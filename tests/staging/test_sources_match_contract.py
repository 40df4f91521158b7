"""The dbt sources declare exactly the input contract of REGISTERS.md (rtw.contract):
every register file, column and type, and a grain test on the contract's grain."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rtw import project_root
from rtw.contract import REGISTERS


def _source_tables() -> dict[str, dict]:
    tables = {}
    for path in Path(project_root(), "models", "staging").glob("*/_*__sources.yml"):
        for source in yaml.safe_load(path.read_text())["sources"]:
            for table in source["tables"]:
                tables[table["name"]] = table
    return tables


TABLES = _source_tables()


def test_every_register_is_a_source():
    assert sorted(TABLES) == sorted(REGISTERS)


@pytest.mark.parametrize("register", sorted(REGISTERS))
def test_columns_and_types(register):
    declared = {c["name"]: c["data_type"].upper() for c in TABLES[register]["columns"]}
    assert declared == REGISTERS[register]["columns"]
    assert all(c.get("description") for c in TABLES[register]["columns"])


@pytest.mark.parametrize("register", sorted(REGISTERS))
def test_grain_is_tested(register):
    grains = [
        t["grain_is_unique"]["arguments"]["columns"]
        for t in TABLES[register].get("data_tests", [])
        if "grain_is_unique" in t
    ]
    assert grains == [REGISTERS[register]["grain"]]
