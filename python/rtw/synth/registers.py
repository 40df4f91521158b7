"""Write the cohort as the register files of REGISTERS.md (names, types, grains)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from rtw.synth import dream as D
from rtw.synth.background import death_year
from rtw.synth.calendar import add_months, from_days, iso_year_week, to_days, year_of, yyyymm
from rtw.synth.cohort import Cohort
from rtw.synth.people import LINKED_FATES
from rtw.synth.plans import LATE_SERVICE, SINGLE_SERVICE, SPECIALISED
from rtw.synth.reference_data import ReferenceData

BEF_YEARS = range(2014, 2019)
IND_YEARS = range(2013, 2019)
S = pa.string()


def zfill(a: np.ndarray, width: int) -> np.ndarray:
    """np.char.zfill that also takes an empty array (a small extract may have no rows)."""
    a = np.asarray(a)
    if a.size == 0:
        return np.array([], dtype=f"<U{width}")
    return np.char.zfill(a, width)


def pnr(i: np.ndarray) -> np.ndarray:
    """Pseudonymised person numbers: 10 characters, never a CPR number."""
    i = np.asarray(i, dtype=np.int64)
    if i.size == 0:
        return np.array([], dtype="<U10")
    return np.char.add("R", zfill(i.astype(str), 9))


def _date(days) -> pa.Array:
    return pa.array(np.asarray(days, dtype=np.int32), type=pa.date32())


def _write(out: Path, name: str, table: pa.Table) -> int:
    path = out / f"{name}.parquet"
    pq.write_table(table, path, compression="zstd", row_group_size=250_000)
    return path.stat().st_size


def _spread(starts, counts):
    """Index arrays for `counts[i]` consecutive items starting at starts[i]."""
    idx = np.repeat(np.arange(len(counts)), counts)
    offs = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    return idx, offs


class _WithWorking:
    """A sink that appends the working population's rows to each register."""

    def __init__(self, sink, working):
        self.sink = sink
        self.working = working

    def write(self, name: str, table: pa.Table) -> int:
        extra = self.working.tables.get(name) if self.working is not None else None
        if extra is not None:
            table = pa.concat_tables([table, extra.select(table.column_names).cast(table.schema)])
        return self.sink.write(name, table)

    def write_dream(self, mx: D.DreamMatrix, cohort_ids, bg: D.DreamMatrix, bg_ids) -> int:
        if self.working is not None:
            both = D.DreamMatrix(0, bg.calendar, bg.codes)
            both.m = np.vstack([bg.m, self.working.dream])
            bg, bg_ids = both, np.concatenate([bg_ids, self.working.ids])
        return self.sink.write_dream(mx, cohort_ids, bg, bg_ids)


class FileSink:
    """Writes each register as one Parquet file in `out` (the default scale)."""

    def __init__(self, out: Path):
        self.out = out

    def write(self, name: str, table: pa.Table) -> int:
        return _write(self.out, name, table)

    def write_dream(self, mx: D.DreamMatrix, cohort_ids, bg: D.DreamMatrix, bg_ids) -> int:
        return _write_dream(self.out, mx, cohort_ids, bg, bg_ids)


def write_registers(
    c: Cohort, ref: ReferenceData, out: Path, rng, n_background: int, sink=None, working=None
) -> dict[str, int]:
    """Build every register of the cohort and its background persons and hand each to
    `sink` (default: a FileSink on `out`), always in the same order and with the same
    draws from `rng`, so that a seed gives the same tables whatever the sink does.
    `working` (working.Working) adds the working population's rows to each register
    (its DREAM rows after the background's); its draws are its own."""
    out.mkdir(parents=True, exist_ok=True)
    sink = _WithWorking(sink or FileSink(out), working)
    sizes: dict[str, int] = {}
    plans, persons = c.plans, c.persons
    n_cohort = len(persons)
    bg = _background_persons(n_cohort, n_background, ref, rng)
    everyone = pd.concat([persons, bg], ignore_index=True)
    last_year = np.concatenate([death_year(plans, persons), np.full(len(bg), 9999)])
    ids = pnr(everyone.person.to_numpy())

    sizes["bef"] = sink.write("bef", _bef(everyone, ids, last_year, ref, rng))
    sizes["ind"] = sink.write("ind", _ind(everyone, ids, last_year, rng))
    sizes["udda"] = sink.write("udda", _udda(everyone, ids, last_year, ref, rng))
    dod = plans[plans.death_day >= 0]
    sizes["dod"] = sink.write(
        "dod", pa.table({"pnr": pa.array(pnr(dod.person), S), "doddato": _date(dod.death_day)})
    )
    sizes["vnds"] = sink.write("vnds", _vnds(plans, everyone, ids, rng))
    sizes["bfl"] = sink.write("bfl", _bfl(plans, ids, ref, c.dream, rng))
    lpr = _lpr(plans, ref, rng)
    for name, table in lpr.items():
        sizes[name] = sink.write(name, table)
    sizes["ges"] = sink.write("ges", _ges(plans, everyone, ids, c, rng))
    sizes["sssy"] = sink.write("sssy", _sssy(plans, ids, rng))
    bmx = background_dream(c.dream, bg, rng)
    sizes["dream"] = sink.write_dream(c.dream, ids[:n_cohort], bmx, ids[n_cohort:])
    return sizes


def _background_persons(start_id, n, ref, rng) -> pd.DataFrame:
    pop = ref.inhabitants(2016)
    k = rng.choice(len(pop), size=n, p=pop / pop.sum())
    age = rng.integers(16, 95, n)
    birth = to_days(((2016 - age) - 1970).astype("datetime64[Y]")) + (rng.random(n) * 365).astype(
        int
    )
    return pd.DataFrame(
        {
            "person": start_id + np.arange(n),
            "k": k,
            "sex": rng.integers(1, 3, n),
            "birth": birth,
            "origin": rng.choice(3, size=n, p=[0.87, 0.05, 0.08]),
            "cohabiting": rng.random(n) < 0.6,
            "education": rng.integers(0, 7, n),
            "income": rng.uniform(60_000, 500_000, n),
            "income_year": 2015,
        }
    )


def country_of_origin(origin: np.ndarray, ref, rng) -> np.ndarray:
    """BEF's opr_land for origin 0 (Danish: 5100), 1 (western), 2 (non-western): a
    country drawn uniformly from the seed's western or non-western countries."""
    countries = ref.countries
    west = countries[countries.is_western.astype(bool) & (countries.country_code > 5100)]
    nonwest = countries[~countries.is_western.astype(bool) & (countries.country_code > 5101)]
    n = len(origin)
    country = np.where(
        origin == 1,
        west.country_code.to_numpy()[rng.integers(len(west), size=n)],
        nonwest.country_code.to_numpy()[rng.integers(len(nonwest), size=n)],
    )
    return np.where(origin == 0, 5100, country)


def _bef(p, ids, last_year, ref, rng) -> pa.Table:
    n = len(p)
    origin = p.origin.to_numpy()
    country = country_of_origin(origin, ref, rng)
    ie_type = np.where(origin == 0, 1, np.where(rng.random(n) < 0.8, 2, 3))
    partner = np.where(
        p.cohabiting.to_numpy(),
        np.char.add("F", zfill(rng.integers(0, 10**9, n).astype(str), 9)),
        None,
    )
    codes = ref.municipalities.municipality_code.to_numpy()
    years = np.array(list(BEF_YEARS))
    born = year_of(from_days(p.birth.to_numpy()))
    alive = (years[None, :] < last_year[:, None]) & (years[None, :] >= born[:, None])
    r, j = np.nonzero(alive)
    return pa.table(
        {
            "pnr": pa.array(ids[r], S),
            "aar": pa.array(years[j], pa.int32()),
            "koen": pa.array(p.sex.to_numpy()[r], pa.int32()),
            "foed_dag": _date(p.birth.to_numpy()[r]),
            "kom": pa.array(codes[p.k.to_numpy()[r]], pa.int32()),
            "e_faelle_id": pa.array(partner[r], S),
            "ie_type": pa.array(ie_type[r], pa.int32()),
            "opr_land": pa.array(country[r], pa.int32()),
        }
    )


def _ind(p, ids, last_year, rng) -> pa.Table:
    years = np.array(list(IND_YEARS))
    alive = years[None, :] < last_year[:, None]
    r, j = np.nonzero(alive)
    inc = p.income.to_numpy()[r] * 1.02 ** (years[j] - p.income_year.to_numpy()[r])
    return pa.table(
        {
            "pnr": pa.array(ids[r], S),
            "aar": pa.array(years[j], pa.int32()),
            "dispon_13": pa.array(np.round(inc, 0), pa.float64()),
        }
    )


def _udda(p, ids, last_year, ref, rng) -> pa.Table:
    from rtw.synth import targets as T

    edu = ref.education
    groups = list(T.EDUCATION)
    prefixes = {g: edu.loc[edu.education_group == g, "hfaudd_prefix"].to_numpy() for g in groups}
    n = len(p)
    grp = np.array(groups)[p.education.to_numpy()]
    code = np.empty(n, dtype=object)
    for g in groups:
        m = grp == g
        pre = prefixes[g][rng.integers(len(prefixes[g]), size=m.sum())]
        code[m] = [f"{a}{b:02d}" for a, b in zip(pre, rng.integers(10, 100, m.sum()), strict=True)]
    unknown = (grp == "Øvrige") & (rng.random(n) < 0.3)
    code[unknown] = None
    years = np.array(list(BEF_YEARS))
    alive = years[None, :] < last_year[:, None]
    r, j = np.nonzero(alive)
    return pa.table(
        {
            "pnr": pa.array(ids[r], S),
            "aar": pa.array(years[j], pa.int32()),
            "hfaudd": pa.array(code[r], S),
        }
    )


def _vnds(plans, everyone, ids, rng) -> pa.Table:
    em = plans[plans.emigration_day >= 0]
    imm = everyone[everyone.origin > 0].sample(frac=0.8, random_state=int(rng.integers(1 << 30)))
    imm_day = np.minimum(
        imm.birth.to_numpy() + rng.integers(365 * 18, 365 * 40, len(imm)),
        to_days(np.array(["2013-12-31"], dtype="datetime64[D]"))[0],
    )
    pn = np.concatenate([pnr(em.person.to_numpy()), ids[imm.index.to_numpy()]])
    day = np.concatenate([em.emigration_day.to_numpy(), imm_day])
    code = np.concatenate([np.full(len(em), "U"), np.full(len(imm), "I")])
    t = pd.DataFrame({"pnr": pn, "d": day, "c": code}).drop_duplicates(["pnr", "d", "c"])
    return pa.table(
        {"pnr": pa.array(t.pnr, S), "haend_dato": _date(t.d), "indud_kode": pa.array(t.c, S)}
    )


def _bfl(plans, ids, ref, dream: D.DreamMatrix, rng) -> pa.Table:
    db = ref.db07
    div_by_group = {g: grp.division.to_numpy() for g, grp in db.groupby("industry_group")}
    p = plans[np.isin(plans.fate, LINKED_FATES) & (plans.hours > 0)]
    n = len(p)
    month = yyyymm(add_months(from_days(p.admission.to_numpy()), -2))
    div = np.array([div_by_group[g][rng.integers(len(div_by_group[g]))] for g in p.industry_group])
    db07 = np.char.add(div.astype(str), zfill(rng.integers(0, 10000, n).astype(str), 4))
    cvr = zfill(rng.integers(10**7, 10**8, n).astype(str), 8)
    hours = p.hours.to_numpy()
    second = p.second_job.to_numpy()
    main_h = np.where(second, np.round(hours * 0.75 * 2) / 2, hours)
    sec_h = hours - main_h
    frames = []
    # Hours go with DREAM: the months either side of the one that decides rule 5 get
    # their hours in proportion to the month's weeks without full benefit, none in a
    # month of full benefit only. The deciding month keeps its designed hours (the
    # in-work and full-time levels); the trajectories leave it a week without full
    # benefit (trajectories.fail_rule_6).
    months, share = D.work_share(dream.m, dream.calendar)
    person = p.person.to_numpy()
    for shift, noise in ((0, 0.0), (-1, 1.0), (1, 1.0)):
        m = yyyymm(add_months(from_days(p.admission.to_numpy()), -2 + shift))
        h = np.maximum(main_h + noise * rng.normal(0, 6, n), 1).round(1) if shift else main_h
        if shift:
            col = np.clip(np.searchsorted(months, m), 0, len(months) - 1)
            inside = months[col] == m
            h = np.where(inside, np.round(h * share[person, col], 1), h)
        frames.append(
            pd.DataFrame({"pnr": ids[person], "aarmd": m, "cvrnr": cvr, "h": h, "db": db07})[h > 0]
        )
    other_div = db.division.to_numpy()[rng.integers(len(db), size=n)]
    sec_db = np.char.add(other_div.astype(str), "0000")
    sec_cvr = zfill(rng.integers(10**7, 10**8, n).astype(str), 8)
    frames.append(
        pd.DataFrame(
            {"pnr": ids[p.person], "aarmd": month, "cvrnr": sec_cvr, "h": sec_h, "db": sec_db}
        )[second]
    )
    t = pd.concat(frames).drop_duplicates(["pnr", "aarmd", "cvrnr"])
    return pa.table(
        {
            "pnr": pa.array(t.pnr, S),
            "aarmd": pa.array(t.aarmd, pa.int32()),
            "cvrnr": pa.array(t.cvrnr, S),
            "ajo_arbejdstimer": pa.array(t.h, pa.float64()),
            "arb_hoved_bra_db07": pa.array(t.db, S),
        }
    )


OPERATIONS = np.array(
    ["KNFB20", "KNGB20", "KNBJ51", "KNHJ60", "KNGE21", "KNAG71", "KNCJ65", "KNDM09"]
)
PSYCH_DIAGNOSES = np.array(["DF321", "DF412", "DF431", "DF100", "DF603"])


def _lpr(plans, ref, rng) -> dict[str, pa.Table]:
    n = len(plans)
    recnum = np.char.add("L", zfill(np.arange(n).astype(str), 11))
    pat = np.where(plans.discharge > plans.admission, "0", np.where(plans.acute, "3", "2"))
    adm = pd.DataFrame(
        {
            "recnum": recnum,
            "pnr": pnr(plans.person.to_numpy()),
            "d_inddto": plans.admission,
            "d_uddto": plans.discharge,
            "c_pattype": pat,
            "c_indm": np.where(plans.acute, "1", "2"),
            "c_spec": plans.specialty_code,
            "c_kom": ref.municipalities.municipality_code.to_numpy()[plans.k],
            "c_adiag": plans.action_diagnosis,
            "mdc": plans.mdc,
        }
    )
    diag = [pd.DataFrame({"recnum": recnum, "c_diag": plans.action_diagnosis, "c_diagtype": "A"})]
    sec = plans.secondary_diagnosis.notna().to_numpy()
    diag.append(
        pd.DataFrame(
            {
                "recnum": recnum[sec],
                "c_diag": plans.secondary_diagnosis[sec],
                "c_diagtype": plans.secondary_type[sec],
            }
        )
    )
    plan_code = np.where(
        plans.fate == SPECIALISED, np.where(rng.random(n) < 0.5, "AWG2", "AWG3"), "AWG1"
    )
    ube = pd.DataFrame({"recnum": recnum, "c_opr": plan_code, "d_odto": plans.plan})

    surg = plans.surgery.to_numpy()
    op_day = np.maximum(
        plans.admission.to_numpy(),
        plans.plan.to_numpy() - plans.surgery_days_before_plan.to_numpy(),
    )
    opr = pd.DataFrame(
        {
            "recnum": recnum[surg],
            "c_opr": OPERATIONS[rng.integers(len(OPERATIONS), size=surg.sum())],
            "d_odto": op_day[surg],
        }
    )

    # Outpatient visits on distinct days before admission, within two months of discharge.
    extra = plans.extra_contact_days.to_numpy().astype(int)
    window_start = to_days(add_months(from_days(plans.discharge.to_numpy()), -2))
    room = np.maximum(plans.admission.to_numpy() - window_start, 1)
    step = np.maximum(room // np.maximum(extra, 1), 1)
    i, j = _spread(np.zeros(n, int), extra)
    vday = plans.admission.to_numpy()[i] - 1 - j * step[i]
    v = pd.DataFrame(
        {
            "recnum": np.char.add("V", zfill(np.arange(len(i)).astype(str), 11)),
            "pnr": adm.pnr.to_numpy()[i],
            "d_inddto": vday,
            "d_uddto": vday,
            "c_pattype": "2",
            "c_indm": "2",
            "c_spec": adm.c_spec.to_numpy()[i],
            "c_kom": adm.c_kom.to_numpy()[i],
            "c_adiag": adm.c_adiag.to_numpy()[i],
            "mdc": adm.mdc.to_numpy()[i],
        }
    )
    # Earlier contacts: psychiatric (specialty + DF diagnosis) and Charlson diagnoses.
    psy_spec = ref.specialties.loc[
        ref.specialties.is_psychiatric.astype(bool), "specialty_code"
    ].to_numpy()
    charl = ref.charlson.icd10_prefix.to_numpy()
    early = []
    for flag, prefix in (("psychiatric", "P"), ("comorbidity", "C")):
        m = plans[flag].to_numpy() & np.isin(plans.fate, LINKED_FATES)
        sy = np.where(
            plans.start >= 0, year_of(from_days(plans.start.clip(lower=0).to_numpy())), 2016
        )[m]
        year = sy - plans.years_back.to_numpy()[m]
        day = to_days((year - 1970).astype("datetime64[Y]")) + rng.integers(0, 365, m.sum())
        day = np.minimum(day, plans.admission.to_numpy()[m] - 90 - rng.integers(0, 30, m.sum()))
        if flag == "psychiatric":
            spec = psy_spec[rng.integers(len(psy_spec), size=m.sum())]
            dg = PSYCH_DIAGNOSES[rng.integers(len(PSYCH_DIAGNOSES), size=m.sum())]
            mdc = "19"
        else:
            spec = np.full(m.sum(), "01")
            pre = charl[rng.integers(len(charl), size=m.sum())]
            dg = np.array(
                [
                    x if len(x) >= 5 else x + str(d)
                    for x, d in zip(pre, rng.integers(0, 10, m.sum()), strict=True)
                ]
            )
            mdc = "05"
        early.append(
            pd.DataFrame(
                {
                    "recnum": np.char.add(prefix, zfill(np.arange(m.sum()).astype(str), 11)),
                    "pnr": adm.pnr.to_numpy()[m],
                    "d_inddto": day,
                    "d_uddto": day,
                    "c_pattype": "2",
                    "c_indm": "2",
                    "c_spec": spec,
                    "c_kom": adm.c_kom.to_numpy()[m],
                    "c_adiag": dg,
                    "mdc": mdc,
                }
            )
        )
    contacts = pd.concat([adm, v, *early], ignore_index=True)
    diag.append(
        contacts.iloc[n:][["recnum", "c_adiag"]]
        .rename(columns={"c_adiag": "c_diag"})
        .assign(c_diagtype="A")
    )
    diag = pd.concat(diag, ignore_index=True).drop_duplicates(["recnum", "c_diag", "c_diagtype"])

    def table(df, cols):
        return pa.table(
            {
                c: (
                    _date(df[c])
                    if c.startswith("d_")
                    else pa.array(df[c].to_numpy(), pa.int32() if c == "c_kom" else S)
                )
                for c in cols
            }
        )

    return {
        "lpr_adm": table(
            contacts,
            [
                "recnum",
                "pnr",
                "d_inddto",
                "d_uddto",
                "c_pattype",
                "c_indm",
                "c_spec",
                "c_kom",
                "c_adiag",
                "mdc",
            ],
        ),
        "lpr_diag": table(diag, ["recnum", "c_diag", "c_diagtype"]),
        "lpr_sksopr": table(opr.drop_duplicates(), ["recnum", "c_opr", "d_odto"]),
        "lpr_sksube": table(ube, ["recnum", "c_opr", "d_odto"]),
    }


def _ges(plans, everyone, ids, c: Cohort, rng) -> pa.Table:
    """Municipal rehab services. Courses get a first service at the start and more after
    it; long-term trainees keep each municipality's monthly reporting steady, and in the
    municipality-years that fail the quality rules their services swing month to month."""
    codes = c.design.codes
    fate = plans.fate.to_numpy()
    linked_like = np.isin(fate, (*LINKED_FATES, 30, LATE_SERVICE))
    non_msk_rehab = (fate == 2) & (rng.random(len(plans)) < 0.5)
    has = linked_like | (fate == SINGLE_SERVICE) | non_msk_rehab
    p = plans[has]
    n = len(p)
    f = fate[has]
    first = np.where(
        f == LATE_SERVICE,
        p.discharge + rng.integers(61, 121, n),
        np.where(
            f == SINGLE_SERVICE,
            p.discharge + rng.integers(0, 61, n),
            np.where(p.start >= 0, p.start, p.discharge + rng.integers(0, 30, n)),
        ),
    )
    count = np.where(f == SINGLE_SERVICE, 1, 2 + rng.poisson(7, n))
    i, j = _spread(np.zeros(n, int), count)
    gaps = np.where(j == 0, 0, rng.integers(2, 8, len(i)))
    gaps[j == 1] = rng.integers(1, 6, (j == 1).sum())
    day = first[i] + _group_cumsum(gaps, i)
    death = p.death_day.to_numpy()[i]
    keep = (death < 0) | (day < death) | (j < 2)
    k = p.k.to_numpy()[i]
    # About 5 % of courses are performed by another municipality than the residence.
    elsewhere = np.repeat(rng.random(n) < 0.05, count)
    kom = np.where(elsewhere, codes[rng.integers(len(codes), size=len(i))], codes[k])
    svc = pd.DataFrame(
        {
            "pnr": pnr(p.person.to_numpy())[i],
            "day": day,
            "kom": kom,
            "single": f[i] == SINGLE_SERVICE,
        }
    )[keep]

    # Long-term trainees without a plan in the period: one service a week, 2015-2018.
    bg = everyone.iloc[len(c.persons) :]
    pop = np.bincount(bg.k, minlength=len(codes))
    lt = []
    for kk in range(len(codes)):
        cand = bg.index[bg.k.to_numpy() == kk].to_numpy()
        m = min(len(cand), max(15, pop[kk] // 20))
        lt.append(pd.DataFrame({"row": cand[:m], "k": kk}))
    lt = pd.concat(lt, ignore_index=True)
    mondays = np.arange(
        to_days(np.array(["2015-01-05"], dtype="datetime64[D]"))[0],
        to_days(np.array(["2018-12-31"], dtype="datetime64[D]"))[0],
        7,
    )
    grid = pd.DataFrame(
        {
            "row": np.repeat(lt.row.to_numpy(), len(mondays)),
            "k": np.repeat(lt.k.to_numpy(), len(mondays)),
            "day": np.tile(mondays, len(lt)),
        }
    )
    yr = year_of(from_days(grid.day.to_numpy()))
    mon = from_days(grid.day.to_numpy()).astype("datetime64[M]").astype(int) % 12
    bad = set(map(tuple, c.design.quality_failure[["k", "year"]].to_numpy()))
    failing = np.array([(kk, y) in bad for kk, y in zip(grid.k, yr, strict=True)], bool)
    # Failing years: three services a week in even months, one in odd months.
    extra = failing & (mon % 2 == 0)
    reps = np.where(extra, 3, 1)
    grid = grid.loc[grid.index.repeat(reps)].reset_index(drop=True)
    grid["day"] = grid.day + (np.arange(reps.sum()) - np.repeat(np.cumsum(reps) - reps, reps)) * 2
    lt_svc = pd.DataFrame(
        {
            "pnr": ids[grid.row.to_numpy()],
            "day": grid.day,
            "kom": codes[grid.k.to_numpy()],
            "single": False,
        }
    )
    allsvc = pd.concat([svc, lt_svc], ignore_index=True)
    allsvc = _double_report(allsvc, codes, bad)
    allsvc = allsvc.sort_values(["pnr", "day"], kind="stable")
    gid = np.char.add("G", zfill(np.arange(len(allsvc)).astype(str), 11))
    kode = np.where(rng.random(len(allsvc)) < 0.7, "AGI", "AGH")
    return pa.table(
        {
            "ges_id": pa.array(gid, S),
            "pnr": pa.array(allsvc.pnr.to_numpy(), S),
            "ydelse_dato": _date(allsvc.day),
            "kom": pa.array(allsvc.kom.to_numpy(), pa.int32()),
            "ydelse_kode": pa.array(kode, S),
        }
    )


def _double_report(svc: pd.DataFrame, codes: np.ndarray, bad: set) -> pd.DataFrame:
    """Reporting errors of the municipality-years that fail the GES quality rules (table
    3.1): in even months every service they performed is reported three times, so that
    services per person swing month to month (rule 10b) whatever the municipality's
    size. A course with a single service keeps it single (rule 3 must still fail)."""
    k_of_code = np.full(int(codes.max()) + 1, -1)
    k_of_code[codes] = np.arange(len(codes))
    years = np.arange(2000, 2031)
    bad_lut = np.zeros((len(codes), len(years)), bool)
    for k, y in bad:
        bad_lut[k, y - years[0]] = True
    dates = from_days(svc.day.to_numpy())
    year = np.clip(year_of(dates), years[0], years[-1]) - years[0]
    even_month = (dates.astype("datetime64[M]").astype(int) % 12) % 2 == 1
    failing = bad_lut[k_of_code[svc.kom.to_numpy()], year]
    twice = svc[failing & even_month & ~svc.single.to_numpy()]
    return pd.concat([svc, twice, twice], ignore_index=True).drop(columns="single")


def _group_cumsum(values, group):
    cs = np.cumsum(values)
    if len(values) == 0:
        return cs
    starts = np.r_[0, np.flatnonzero(np.diff(group)) + 1]
    base = np.repeat(cs[starts] - values[starts], np.diff(np.r_[starts, len(values)]))
    return cs - base


def _sssy(plans, ids, rng) -> pa.Table:
    """GP consultations in the 6 months before admission; physio/occupational therapy
    in weeks 1-12 after the start."""
    p = plans[np.isin(plans.fate, LINKED_FATES)]
    n = len(p)
    gp = p.gp_contacts.to_numpy().astype(int)
    lo = to_days(add_months(from_days(p.admission.to_numpy()), -6)) + 7
    hi = p.admission.to_numpy() - 7
    i, _ = _spread(np.zeros(n, int), gp)
    day = lo[i] + (rng.random(len(i)) * np.maximum(hi[i] - lo[i], 1)).astype(int)
    g = pd.DataFrame(
        {"pnr": ids[p.person.to_numpy()[i]], "day": day, "speciale": 80, "ydelsesnr": "0101"}
    )
    ph = p.physio.to_numpy() & (p.start >= 0).to_numpy()
    cnt = np.where(ph, rng.integers(1, 7, n), 0)
    i, _ = _spread(np.zeros(n, int), cnt)
    day = p.start.to_numpy()[i] + rng.integers(7, 84, len(i))
    spec = np.where(rng.random(len(i)) < 0.9, 51, 55)
    f = pd.DataFrame(
        {"pnr": ids[p.person.to_numpy()[i]], "day": day, "speciale": spec, "ydelsesnr": "5001"}
    )
    t = pd.concat([g, f], ignore_index=True)
    y, w = iso_year_week(from_days(t.day.to_numpy()))
    t["honuge"] = np.char.add(zfill((y % 100).astype(str), 2), zfill(w.astype(str), 2))
    t = t.groupby(["pnr", "honuge", "speciale", "ydelsesnr"], as_index=False).size()
    return pa.table(
        {
            "pnr": pa.array(t.pnr, S),
            "honuge": pa.array(t.honuge, S),
            "speciale": pa.array(t.speciale, pa.int32()),
            "ydelsesnr": pa.array(t.ydelsesnr, S),
            "antydel": pa.array(t["size"], pa.int32()),
        }
    )


def background_dream(mx: D.DreamMatrix, bg: pd.DataFrame, rng) -> D.DreamMatrix:
    """The background persons' DREAM spells: unemployment, sickness, disability pension.

    Førtidspension (783) is awarded for good: it is painted last and runs until the week
    before the person turns 65, folkepension (998) from then on, so that no other code
    follows a 783 week (METHOD §12)."""
    from rtw.synth.background import _random_spells

    n = len(bg)
    bmx = D.DreamMatrix(n, mx.calendar, mx.codes)
    free = np.ones(bmx.m.shape, bool)
    rows = np.arange(n)
    _random_spells(bmx, rows[rng.random(n) < 0.3], 1, 4, 40, D.UNEMPLOYED, free, rng)
    _random_spells(bmx, rows[rng.random(n) < 0.2], 1, 1, 20, D.SICK, free, rng)
    week65 = bmx.calendar.week_index(from_days(bg.birth.to_numpy())) + 65 * 52 + 13
    award = rows[rng.random(n) < 0.05]
    start = rng.integers(0, bmx.n_weeks, len(award))
    before_65 = start < week65[award]
    award, start = award[before_65], start[before_65]
    bmx.paint(award, start, week65[award] - 1, D.DISABILITY_PENSION)
    bmx.paint(award, week65[award], np.full(len(award), bmx.n_weeks - 1), D.OLD_AGE_PENSION)
    return bmx


def _write_dream(out, mx: D.DreamMatrix, cohort_ids, bmx: D.DreamMatrix, bg_ids) -> int:
    """DREAM, wide: the cohort's matrix, then the background persons' spells."""
    names = mx.calendar.column_names()
    schema = pa.schema([("pnr", S), *[(c, pa.int16()) for c in names]])
    path = out / "dream.parquet"
    with pq.ParquetWriter(path, schema, compression="zstd") as w:
        for ids, matrix in ((cohort_ids, mx), (bg_ids, bmx)):
            for lo in range(0, len(ids), 100_000):
                sl = slice(lo, min(lo + 100_000, len(ids)))
                w.write_table(
                    pa.Table.from_arrays(
                        [pa.array(ids[sl], S), *matrix.to_arrow_columns(sl)], schema=schema
                    )
                )
    return path.stat().st_size
