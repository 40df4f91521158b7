"""Every rule of METHOD §3 lives in exactly one dbt model, found by its
`meta: {method: [...]}` in the manifest; when a model holds several rules, each has a
CTE named after it (`rule_07_...`). The rule list is read from METHOD.md's §3."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from rtw import project_root
from support.builds import dbt_env

METHOD_MD = Path(os.environ.get("RTW_METHOD_MD", "/work/shared/spec/METHOD.md"))


def method_rules(text: str) -> list[str]:
    """'§3 rule N' for every numbered rule of §3, 'rule 10a'... for lettered sub-rules."""
    section = text.split("\n## 3.", 1)[1].split("\n## 4.", 1)[0]
    rules = []
    for number, body in re.findall(r"^(\d+)\. \*\*.*?\n((?:   .*\n|\n(?=   ))*)", section, re.M):
        letters = re.findall(r"^ {4}([a-z])\. ", body, re.M)
        rules += [f"§3 rule {number}{letter}" for letter in letters] or [f"§3 rule {number}"]
    return rules


def cte_name(rule: str) -> str:
    number, letter = re.fullmatch(r"§3 rule (\d+)([a-z]?)", rule).groups()
    return f"rule_{int(number):02d}{letter}_"


@pytest.fixture(scope="module")
def manifest(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("parse")
    env = dbt_env(folder)
    env.setdefault("DBT_PROFILES_DIR", str(project_root() / "profiles"))
    dbt = Path(sys.executable).with_name("dbt")
    proc = subprocess.run(
        [str(dbt), "parse", "--project-dir", str(project_root())],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads((folder / "target" / "manifest.json").read_text())


@pytest.mark.skipif(not METHOD_MD.exists(), reason=f"{METHOD_MD} not here")
def test_method_md_lists_the_rules_of_the_flow():
    rules = method_rules(METHOD_MD.read_text())
    assert rules[0] == "§3 rule 1" and "§3 rule 10d" in rules and len(rules) == 13


def test_method_rule_parser_on_a_hand_made_section():
    text = (
        "\n## 3. The population\n\n1. **A.** one\n   more\n2. **B.** two\n"
        "3. **C.** three:\n    a. x;\n    b. y.\n\nAfter.\n## 4. Outcome\n"
    )
    assert method_rules(text) == ["§3 rule 1", "§3 rule 2", "§3 rule 3a", "§3 rule 3b"]


@pytest.mark.slow  # dbt parse: up to a minute on the shared machine
@pytest.mark.skipif(not METHOD_MD.exists(), reason=f"{METHOD_MD} not here")
def test_every_rule_has_exactly_one_model(manifest):
    models: dict[str, list[str]] = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] != "model":
            continue
        method = node["config"].get("meta", {}).get("method", [])
        for rule in [method] if isinstance(method, str) else method:
            models.setdefault(rule, []).append(node["name"])
    rules = method_rules(METHOD_MD.read_text())
    section_3 = {rule: names for rule, names in models.items() if rule.startswith("§3 ")}
    assert set(section_3) == set(rules), "meta names a rule METHOD.md does not have, or misses one"
    for rule in rules:
        assert len(models[rule]) == 1, (rule, models[rule])


@pytest.mark.slow
def test_a_model_with_several_rules_has_a_cte_per_rule(manifest):
    for node in manifest["nodes"].values():
        method = node.get("config", {}).get("meta", {}).get("method", [])
        method = [method] if isinstance(method, str) else method
        rules = [rule for rule in method if rule.startswith("§3 ")]
        for rule in rules if len(rules) > 1 else []:
            assert re.search(rf"\b{cte_name(rule)}\w* as \(", node["raw_code"]), (
                node["name"],
                rule,
            )
