"""The mapping from DST's file names to the registers of REGISTERS.md (mapping.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from rtw.contract import REGISTERS


@dataclass(frozen=True)
class RegisterMap:
    name: str
    pattern: re.Pattern
    year_column: str | None = None
    pad: dict[str, int] = field(default_factory=dict)
    rename: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FileMatch:
    path: Path
    register: RegisterMap
    year: int | None


def _parse(doc: dict, source: str) -> dict[str, RegisterMap]:
    out = {}
    for name, spec in (doc.get("registers") or {}).items():
        if name not in REGISTERS:
            raise ValueError(f"{source}: register {name!r} is not one of REGISTERS.md's")
        try:
            pattern = re.compile(spec["pattern"], re.IGNORECASE)
        except (KeyError, re.error) as error:
            message = f"{source}: register {name}: bad or missing pattern ({error})"
            raise ValueError(message) from None
        out[name] = RegisterMap(
            name=name,
            pattern=pattern,
            year_column=spec.get("year_column"),
            pad={k.lower(): int(v) for k, v in (spec.get("pad") or {}).items()},
            rename={k.lower(): v.lower() for k, v in (spec.get("rename") or {}).items()},
        )
    return out


def load_mapping(user_file: Path | None = None) -> dict[str, RegisterMap]:
    """The shipped mapping, with the registers of `user_file` (if any) replacing it by name."""
    text = resources.files("rtw.importer").joinpath("mapping.yaml").read_text()
    mapping = _parse(yaml.safe_load(text), "rtw/importer/mapping.yaml")
    if user_file is not None:
        mapping.update(_parse(yaml.safe_load(Path(user_file).read_text()) or {}, str(user_file)))
    return mapping


SUFFIXES = {".sas7bdat", ".csv", ".xpt"}


def match_files(source: Path, mapping: dict[str, RegisterMap]) -> list[FileMatch]:
    """Each data file of `source` with its register and year; unknown or doubled files fail."""
    problems = []
    matches = []
    seen: dict[tuple[str, int | None], Path] = {}
    files = sorted(p for p in Path(source).iterdir() if p.is_file() and not p.name.startswith("."))
    for path in files:
        if path.suffix.lower() not in SUFFIXES:
            problems.append(f"{path.name}: not a .sas7bdat, .xpt or .csv file")
            continue
        found = [(r, m) for r in mapping.values() if (m := r.pattern.match(path.stem))]
        if len(found) != 1:
            which = ", ".join(r.name for r, _ in found) or "no register"
            problems.append(f"{path.name}: unknown file (its name matches {which} of the mapping)")
            continue
        register, m = found[0]
        year = int(m.group("year")) if "year" in m.groupdict() and m.group("year") else None
        key = (register.name, year)
        if key in seen:
            what = f"year {year}" if year is not None else "the whole register"
            problems.append(f"{path.name}: {register.name} {what} twice (also in {seen[key].name})")
            continue
        seen[key] = path
        matches.append(FileMatch(path, register, year))
    if not matches and not problems:
        problems.append(f"{source}: no register files")
    if problems:
        raise ValueError("rtw import: " + "; ".join(problems))
    return matches
