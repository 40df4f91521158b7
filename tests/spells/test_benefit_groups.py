"""The seed ref_benefit_groups against METHOD §8's list, restated here by hand."""

from __future__ import annotations

import pandas as pd

from rtw import project_root

SEEDS = project_root() / "seeds"

# METHOD §8 "Benefit groups", typed from the method text (ranges inclusive).
METHOD_GROUPS = {
    "sickness": [(890, 899)],
    "sickness_flexjob": [(774, 774)],
    "jobafklaring": [(785, 785)],
    "ressourceforloeb": [(810, 818)],
    "flexjob": [(771, 771)],
    "ledighedsydelse": [(740, 748)],
    "foertidspension": [(783, 783)],
    "unemployment": [(111, 114), (211, 218), (299, 299), (231, 232)],
    "social_assistance": [(130, 149), (151, 152), (700, 739)],
    "revalidering": [(750, 768)],
    "education": [(651, 652), (661, 661)],
    "leave": [(412, 413), (881, 881), (121, 126)],
    "pension": [(611, 611), (621, 622), (998, 998)],
    "left_country": [(997, 997)],
    "dead": [(999, 999)],
}


def method_group(code: int) -> str:
    for group, ranges in METHOD_GROUPS.items():
        if any(low <= code <= high for low, high in ranges):
            return group
    return "other"


def test_every_dream_code_has_exactly_one_group():
    codes = pd.read_csv(SEEDS / "ref_dream_codes.csv")
    groups = pd.read_csv(SEEDS / "ref_benefit_groups.csv")
    assert groups["dream_code"].is_unique
    assert set(groups["dream_code"]) == set(codes["dream_code"])
    assert groups["benefit_group"].notna().all()


def test_groups_are_those_of_method_section_8():
    groups = pd.read_csv(SEEDS / "ref_benefit_groups.csv")
    expected = groups["dream_code"].map(method_group)
    wrong = groups[groups["benefit_group"] != expected]
    assert wrong.empty, wrong.to_string()
    # The rest of §8's "other": servicejob, voksenlærling, rotationsvikar, skånejob.
    assert set(groups.loc[groups["benefit_group"] == "other", "dream_code"]) == {511, 521, 522, 781}


def test_sickness_group_is_the_sickness_codes_of_ref_dream_codes():
    codes = pd.read_csv(SEEDS / "ref_dream_codes.csv")
    groups = pd.read_csv(SEEDS / "ref_benefit_groups.csv")
    sickness = set(groups.loc[groups["benefit_group"] == "sickness", "dream_code"])
    assert sickness == set(codes.loc[codes["is_sickness"], "dream_code"])
