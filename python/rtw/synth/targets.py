"""Calibration targets: the report's figures that the synthetic registers reproduce.

Shares are taken from the report's text and tables (shared/reference); where the report
gives no figure the value is a plausible choice and marked `# assumed`.
"""

from __future__ import annotations

DEFAULT_PLANS = 300_000  # general + specialised plans in the plan period -> ~275,000 persons
FINAL_COURSES = 20_265  # the report's final population
PLANS_PER_PERSON = 1.10  # 158,000 plans for 142,000 persons in 2017, over 26 months
PERSONS_WITHOUT_PLAN_SHARE = 0.25  # extra persons in BEF/DREAM with no plan  # assumed
GENERAL_PLAN_SHARE = 0.90  # of all plans; per municipality 77-100 %  # assumed mean

NATIONAL_SHARE_3M = 0.219
NATIONAL_SHARE_START = 0.392
NATIONAL_SHARE_6M = 0.127

# Funnel (METHOD §3): shares of the courses reaching each rule that fail it.
MSK_SHARE = 0.60  # "about 60 % of them musculoskeletal"
LINK_RATE_MEDIAN = 0.81  # table 3.2: min 35, max 97, median 81, mean 77 %
START_OUTSIDE_YEARS = 0.08  # linked courses starting in 2015 or 2018 (plan Nov-Dec 2015)
WORKING_AGE_SHARE = 0.53  # "a little over half of those of working age"
IN_WORK_SHARE = 0.41  # of working-age linked courses, >= 80 BFL hours  # assumed
FAIL_RULE_6 = 0.10  # of those in work: benefits 2 months before  # assumed
FAIL_RULE_7 = 0.013  # repeat course within 10 months  # assumed
FAIL_RULE_8 = 0.012  # died or emigrated  # assumed
FAIL_RULE_9 = 0.021  # "a little under 500" undeterminable at 3 months
KEPT_TWICE_PERSONS = 200  # "about 200 persons counted twice"

# Table 3.1 overrides: courses passing rules 1-9 in a municipality-year that must fail
# 10c (under 30 that year) or 10d (under 75 in total with >= 30 each year).
UNDER_30_RANGE = (14, 27)
UNDER_75_YEAR_RANGE = (30, 36)

# Covariate mixes of the final population (report table 3.3, text, figures).
SEX_WOMAN = 0.47
AGE_GROUP = {  # 18-30 13 %, 31-40 17 %, 41-50 29 %, 51-64 40 %
    "18-25": 0.055,
    "26-30": 0.075,
    "31-40": 0.175,
    "41-45": 0.135,
    "46-50": 0.16,
    "51-55": 0.155,
    "56-60": 0.15,
    "61-64": 0.095,
}
DIAGNOSIS_GROUP = {  # table 3.3 for the large groups; the rest assumed
    "Slidgigt hofte": 4.0,
    "Slidgigt knæ": 8.0,
    "Slidgigt andre": 1.5,
    "Knæ og knæskal": 8.0,
    "Andre ledsygdomme": 2.5,
    "Ryg": 15.0,
    "Skulder": 9.0,
    "Andre bløddelsvæv": 7.8,
    "Osteopatier og kondropatier": 0.8,
    "Muskler, knogle, bindevæv - andre": 1.2,
    "Læsion hoved/hals": 0.7,
    "Læsion mave, lænd, bækken": 1.0,
    "Læsion skulder/overarm": 8.0,
    "Læsion albue/underarm": 4.0,
    "Læsion håndled/hånd": 2.0,
    "Læsion hofte/lår": 2.5,
    "Læsion knæ/underben": 16.0,
    "Læsion ankel/fod": 2.0,
    "Andre læsioner, forgiftninger og andet": 2.5,
    "Kontakter til sygehus": 2.5,
    "Andre sygdomme": 1.0,
}
DZ_WITH_SECONDARY = 0.075  # contacts with a DZ action diagnosis and an MSK secondary one
EDUCATION = {  # table 3.3
    "Grundskole": 0.158,
    "Gymnasial": 0.059,
    "Erhvervsfaglig": 0.415,
    "KVU": 0.059,
    "MVU": 0.208,
    "LVU": 0.086,
    "Øvrige": 0.015,
}
INDUSTRY_GROUP = {  # table 3.3 for the five largest; the rest assumed
    "Bygge og anlæg": 7.0,
    "Landbrug, jagt, skov, fiskeri, råstof": 1.5,
    "Fremstillingsvirksomhed": 11.0,
    "El, gas, fjernvarme, vand, kloak, affald": 1.0,
    "Engros og detailhandel": 13.0,
    "Transport og gods": 4.5,
    "Hotel og restaurant": 2.5,
    "Information og kommunikation": 2.0,
    "Finans, bank, forsikring, ejendom": 3.0,
    "Liberale, videnskabelige, tekniske tjenesteydelser": 4.0,
    "Administrative tjenesteydelser": 5.0,
    "Offentlig forvaltning, forsvar": 6.0,
    "Undervisning": 10.0,
    "Sundhed og social": 26.0,
    "Andre": 3.5,
}
SPECIALTY_GROUP = {  # assumed
    "Fys/ergo og ortopædkirurgi": 0.85,
    "Neurokirurgi": 0.04,
    "Reumatologi": 0.05,
    "Andre specialer": 0.06,
}
ORIGIN = {"danish": 0.89, "western": 0.04, "non-western": 0.07}  # assumed
INCOME_GROUP = {"0-199999": 0.25, "200000-299999": 0.45, "300000-399999": 0.20, "400000+": 0.10}
HOSPITAL_CONTACT_DAYS = {
    "1-3 days": 0.62,
    "4-5 days": 0.20,
    "6-10 days": 0.14,
    "over 10 days": 0.04,
}
GP_CONTACTS = {"0-2": 0.52, "3-5": 0.32, "6-10": 0.14, "over 10": 0.02}
PLAN_SHARE_BAND = {"77-85 pct": 0.30, "85-90 pct": 0.35, "90-95 pct": 0.28, "95-100 pct": 0.07}
PLAN_SHARE_CENTRE = {"77-85 pct": 0.81, "85-90 pct": 0.875, "90-95 pct": 0.925, "95-100 pct": 0.97}
P_COHABITING = 0.68
P_FULL_TIME = 0.50
P_ACUTE = 0.075
P_PHYSIO = 0.10
P_SURGERY = 0.38  # "operated about one in three [on benefits], not operated 15 %"
P_PSYCHIATRIC = 0.04
P_COMORBIDITY = 0.09
# Benefit weeks from week -8 to the start, by surgery (none, 1-4, 5-8, over 8): gives
# ~42 % with any, so that 10 % of those on benefits at 3 months and 71 % of those off
# had none (report figure 5.1).
BW_BEFORE_START = {False: (0.70, 0.14, 0.12, 0.04), True: (0.38, 0.30, 0.22, 0.10)}
P_PRIOR_YEAR_BENEFITS = 0.20  # some benefit week in the year before week -8  # assumed
P_PRIOR_YEAR_LONG = 0.15  # of those, 26-52 weeks  # assumed

# Weekly trajectories after the start (figure 4.2/4.3 and Bilag 2 table 3, national).
# Survival of the spell running at the start, as a share of all courses, at the last
# week that decides months 1-6 (weeks 3, 8, 12, 16, 21, 25).
SINCE_START_SHARE = {1: 0.328, 2: 0.258, 3: 0.1905, 4: 0.141, 5: 0.100, 6: 0.064}
NEW_RECIPIENT_SHARE = {1: 0.012, 2: 0.022, 3: 0.0285, 4: 0.039, 5: 0.044, 6: 0.053}
SICKNESS_MAX_WEEKS = 22  # sickness benefit runs out; the spell moves to jobafklaring
P_SWITCH_UNEMPLOYMENT = 0.09  # of spells running at 3 months: job lost  # assumed
P_UNDETERMINABLE_LATER = 0.02  # leave/study/pension weeks after month 3  # assumed
