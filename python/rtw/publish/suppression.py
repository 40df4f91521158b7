"""Secondary suppression of the published marts (METHOD §6.6).

dbt suppresses every cell computed from `disclosure_max_courses` or fewer courses (the
primary suppression, macros/disclosure/). A suppressed cell must also not follow by
addition or subtraction from the cells that are published, so each published mart
declares in its YAML which of its counts add up to which, and `apply` suppresses further
cells until none of the suppressed ones can be solved for.

The declaration, `config: meta: disclosure:` of a model tagged `published`:

    disclosure:
      cells:                          # what is suppressed together
        - count: n_women              # the count that decides it; the size "smallest" means
          flag: women_is_suppressed   # set true when suppressed; without one, a null count
                                      # is the mark
          with: [women_pct]           # withheld with the count: shares, means, other counts
      sums:                           # equations between counts (each one a cell's count)
        - columns: [n_women, n_men]   # within each row, these add up to total: a column,
          total: elsewhere            # or `elsewhere` (a number another mart publishes)
        - rows:                       # across rows, per group of `by`: the `parts` rows add
            by: [rule]                # up to the one `total` row (`elsewhere`: published
            parts: {scope: municipality}   # in another mart); no `parts`: all other rows
            total: {scope: national}
          columns: [n_courses, n_courses_excluded]
        - chain:                      # per group of `by`, ordered by `order`: `previous`
            by: [scope, municipality_code]  # of the row before = the sum of `parts` of
            order: rule_order               # the row (remaining(k-1) = remaining(k) +
            previous: n_courses             # left out(k))
            parts: [n_courses, n_courses_excluded]
      published_elsewhere:            # cells another mart publishes as well: never chosen
        - {count: n_courses, where: {rule: 10d}}   # as a secondary cell

A total published in another mart is treated as known: that can only suppress more.
Counts in `with` add up as their cell's count does (the same cells of the same sums), so
protecting the count protects them.

Secondary suppression: a sum with exactly one suppressed count gets its smallest
published count suppressed too (ties: the first in the mart's grain order); when every
sum has none or at least two, the exact check (`recoverable`) looks for a suppressed count
that still follows from a combination of sums, and suppresses the smallest published
count of a sum it is in; repeat until nothing is recoverable. A recoverable count that is
published elsewhere and has no published count left in its sums here (the last rule's
remaining courses of every municipality are all published elsewhere, so the row sum of
that rule holds nothing to suppress) is that other mart's to protect, by its own sums: it
is left as it is, where any other recoverable count stops the build.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

ELSEWHERE = "elsewhere"

Var = tuple[int, str]  # (row position, count column)


@dataclass(frozen=True)
class Cell:
    count: str
    flag: str | None = None
    with_: tuple[str, ...] = ()


@dataclass
class Declaration:
    mart: str
    schema: str
    relation: str
    grain: list[str]
    cells: list[Cell]
    sums: list[dict] = field(default_factory=list)
    published_elsewhere: list[dict] = field(default_factory=list)

    def cell(self, count: str) -> Cell:
        for cell in self.cells:
            if cell.count == count:
                return cell
        raise ValueError(f"{self.mart}: disclosure sum names {count!r}, which is no cell's count")

    def columns(self) -> list[str]:
        return sorted({c for cell in self.cells for c in (cell.count, *cell.with_, cell.flag) if c})


def declarations(manifest: dict) -> list[Declaration]:
    """The disclosure declarations of the published marts that have one, by name."""
    out = []
    for node in manifest.get("nodes", {}).values():
        if node.get("resource_type") != "model" or "published" not in node.get("tags", []):
            continue
        meta = node.get("config", {}).get("meta", {})
        spec = meta.get("disclosure")
        if not spec:
            continue
        cells = [Cell(c["count"], c.get("flag"), tuple(c.get("with", []))) for c in spec["cells"]]
        out.append(
            Declaration(
                mart=node["name"],
                schema=node["schema"],
                relation=node.get("alias") or node["name"],
                grain=list(meta["grain"]),
                cells=cells,
                sums=list(spec.get("sums", [])),
                published_elsewhere=list(spec.get("published_elsewhere", [])),
            )
        )
    return sorted(out, key=lambda d: d.mart)


def _matches(frame: pd.DataFrame, where: dict) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column].astype("string") == str(value)
    return mask


def _groups(frame: pd.DataFrame, by: list[str]):
    if not by:
        yield frame
        return
    for _, group in frame.groupby(by, dropna=False, sort=False):
        yield group


def equations(frame: pd.DataFrame, decl: Declaration) -> list[dict[Var, int]]:
    """The declared sums as equations over (row position, count column) with
    coefficients +1/-1; a total published elsewhere is a constant and left out. `frame`
    is in grain order with a default index (row position)."""
    out: list[dict[Var, int]] = []
    for spec in decl.sums:
        if "rows" in spec:
            rows = spec["rows"]
            for count in spec["columns"]:
                decl.cell(count)
            for group in _groups(frame, list(rows.get("by", []))):
                total = rows.get("total", ELSEWHERE)
                totals = group.index[_matches(group, total)] if total != ELSEWHERE else []
                if total != ELSEWHERE and len(totals) != 1:
                    raise ValueError(
                        f"{decl.mart}: {len(totals)} total rows {total} in a group of "
                        f"{rows.get('by')} (a disclosure sum needs exactly one)"
                    )
                parts = (
                    group.index[_matches(group, rows["parts"])]
                    if "parts" in rows
                    else (group.index.difference(totals))
                )
                for count in spec["columns"]:
                    eq = {(row, count): 1 for row in parts}
                    if len(totals):
                        eq[(totals[0], count)] = -1
                    if len(eq) > 1:
                        out.append(eq)
        elif "chain" in spec:
            chain = spec["chain"]
            for c in (chain["previous"], *chain["parts"]):
                decl.cell(c)
            for group in _groups(frame, list(chain.get("by", []))):
                ordered = group.sort_values(chain["order"], kind="stable").index
                for before, row in zip(ordered[:-1], ordered[1:], strict=True):
                    eq = {(row, c): 1 for c in chain["parts"]}
                    eq[(before, chain["previous"])] = eq.get((before, chain["previous"]), 0) - 1
                    out.append(eq)
        elif "columns" in spec:
            for count in spec["columns"]:
                decl.cell(count)
            total = spec.get("total", ELSEWHERE)
            if total != ELSEWHERE:
                decl.cell(total)
            for row in frame.index:
                eq = {(row, c): 1 for c in spec["columns"]}
                if total != ELSEWHERE:
                    eq[(row, total)] = -1
                out.append(eq)
        else:
            raise ValueError(f"{decl.mart}: a disclosure sum needs columns, rows or chain: {spec}")
    return out


def _components(eqs: list[dict[Var, int]], unknown: set[Var]) -> list[tuple[list, list]]:
    """Groups of equations that share unknowns, each with its unknowns (union-find)."""
    parent: dict[Var, Var] = {}

    def find(v: Var) -> Var:
        while parent.setdefault(v, v) != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for eq in eqs:
        vs = [v for v in eq if v in unknown]
        for v in vs[1:]:
            parent[find(v)] = find(vs[0])
    groups: dict[Var, tuple[list, set]] = defaultdict(lambda: ([], set()))
    for eq in eqs:
        vs = [v for v in eq if v in unknown]
        if vs:
            eqs_of, vars_of = groups[find(vs[0])]
            eqs_of.append(eq)
            vars_of.update(vs)
    return [(e, sorted(v)) for e, v in groups.values()]


def recoverable(eqs: list[dict[Var, int]], unknown: set[Var]) -> set[Var]:
    """The unknowns that the equations determine, given every other count: those whose
    unit vector lies in the row space of the equations restricted to the unknowns, i.e.
    on which every null-space vector is zero."""
    out: set[Var] = set()
    for eqs_of, vars_of in _components(eqs, unknown):
        index = {v: i for i, v in enumerate(vars_of)}
        a = np.zeros((len(eqs_of), len(vars_of)))
        for i, eq in enumerate(eqs_of):
            for v, coef in eq.items():
                if v in index:
                    a[i, index[v]] = coef
        _, s, vt = np.linalg.svd(a)
        rank = int((s > 1e-9 * max(a.shape)).sum())
        null = vt[rank:]
        determined = np.all(np.abs(null) < 1e-9, axis=0) if len(null) else np.ones(len(vars_of))
        out.update(v for v, d in zip(vars_of, determined, strict=True) if d)
    return out


def suppress(
    frame: pd.DataFrame, decl: Declaration, threshold: int
) -> tuple[pd.DataFrame, set[tuple[int, str]], set[tuple[int, str]]]:
    """Secondary suppression of one mart. `frame` in grain order with a default index.
    Returns the suppressed frame and the primary and secondary cells, each as (row
    position, count column of the cell). Primary: flagged, null count, or count at or
    below the threshold."""
    frame = frame.copy()
    cells = {c.count: c for c in decl.cells}
    primary: set[tuple[int, str]] = set()
    for cell in decl.cells:
        n = frame[cell.count]
        mark = n.isna() | (n <= threshold)
        if cell.flag:
            mark |= frame[cell.flag].fillna(True).astype(bool)
        primary.update((int(row), cell.count) for row in frame.index[mark])
    fixed = {
        (int(row), item["count"])
        for item in decl.published_elsewhere
        for row in frame.index[_matches(frame, item.get("where", {}))]
    }
    eqs = equations(frame, decl)
    by_var: dict[Var, list[int]] = defaultdict(list)
    for i, eq in enumerate(eqs):
        for v in eq:
            by_var[v].append(i)
    order = {c: i for i, c in enumerate(cells)}
    suppressed = set(primary)

    def smallest(candidates) -> Var | None:
        free = [v for v in candidates if v not in suppressed and v not in fixed]
        if not free:
            return None
        return min(free, key=lambda v: (float(frame.at[v[0], v[1]]), v[0], order[v[1]]))

    while True:
        added = False
        for eq in eqs:
            hidden = [v for v in eq if v in suppressed]
            if len(hidden) == 1 and (pick := smallest(eq)) is not None:
                suppressed.add(pick)
                added = True
        if added:
            continue
        leaks = sorted(recoverable(eqs, suppressed))
        if not leaks:
            break
        for leak in leaks:
            pick = smallest(v for i in by_var[leak] for v in eqs[i])
            if pick is not None:
                suppressed.add(pick)
                added = True
                break
        if not added:
            ours = [leak for leak in leaks if leak not in fixed]
            if ours:
                raise ValueError(
                    f"{decl.mart}: {len(ours)} suppressed cell(s) stay recoverable and no sum "
                    "they are in has a published count left to suppress"
                )
            break  # every one left is published elsewhere (module docstring)
    for row, count in suppressed:
        cell = cells[count]
        for column in (cell.count, *cell.with_):
            frame.at[row, column] = None
        if cell.flag:
            frame.at[row, cell.flag] = True
    return frame, primary, suppressed - primary


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def apply(
    con, manifest: dict, threshold: int, schema: str | None = None
) -> dict[str, dict[str, int]]:
    """Secondary suppression of every declared published mart in `con` (read-write),
    rewriting the cells in place. Returns {mart: {primary: n, secondary: n}} in cells
    (row × cell declaration). The marts are looked up in `schema` (default: the schema
    dbt built them in); a mart the database does not hold is skipped (a partial build
    without a previous publication; export_marts reports it)."""
    tables = set(con.execute("select schema_name, table_name from duckdb_tables()").fetchall())
    counts: dict[str, dict[str, int]] = {}
    for decl in declarations(manifest):
        where = schema or decl.schema
        if (where, decl.relation) not in tables:
            continue
        relation = f"{_quote(where)}.{_quote(decl.relation)}"
        order = ", ".join(f"{_quote(c)} asc nulls first" for c in decl.grain)
        frame = con.execute(f"select rowid as __rowid, * from {relation} order by {order}").df()
        frame = frame.reset_index(drop=True)
        _, primary, secondary = suppress(frame, decl, threshold)
        # Primary cells from the threshold alone (a count dbt left shown) are withheld too.
        todo: dict[str, list[int]] = defaultdict(list)
        for row, count in primary | secondary:
            todo[count].append(int(frame.at[row, "__rowid"]))
        for cell in decl.cells:
            if not todo[cell.count]:
                continue
            sets = [f"{_quote(c)} = null" for c in (cell.count, *cell.with_)]
            if cell.flag:
                sets.append(f"{_quote(cell.flag)} = true")
            rowids = ", ".join(map(str, sorted(todo[cell.count])))
            con.execute(f"update {relation} set {', '.join(sets)} where rowid in ({rowids})")
        counts[decl.mart] = {"primary": len(primary), "secondary": len(secondary)}
    return counts


SETTINGS = "mart_publication_settings"


def threshold(con, manifest: dict | None = None) -> int:
    """The disclosure threshold the publication in `con` was built with (var
    disclosure_max_courses, in the published mart_publication_settings): the one place
    reports, tests and the secondary suppression read it from."""
    schema = "marts"
    for node in (manifest or {}).get("nodes", {}).values():
        if node.get("resource_type") == "model" and node.get("name") == SETTINGS:
            schema = node["schema"]
    row = con.execute(f"select disclosure_max_courses from {_quote(schema)}.{SETTINGS}").fetchone()
    if row is None or row[0] is None:
        raise ValueError(f"{schema}.{SETTINGS} holds no disclosure_max_courses")
    return int(row[0])


def summary(counts: dict[str, dict[str, int]]) -> str:
    """One line: suppressed cells, primary and secondary, over all marts."""
    primary = sum(c["primary"] for c in counts.values())
    secondary = sum(c["secondary"] for c in counts.values())
    return (
        f"disclosure control: {primary} cells suppressed as computed from few courses, "
        f"{secondary} more so that none can be recovered, in {len(counts)} marts"
    )
