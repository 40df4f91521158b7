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

# --- The sickness-spell benchmark (METHOD §9; working.py) ---------------------------
# Designed spells per start year (2016, 2017) at the default scale, spread over the
# municipalities by population with a floor per municipality and year, so that the §9
# population has at least 40,000 spells (issue 16) and every municipality passes §9.1
# rule 9 (30 a year, 75 in all). Scaled with --plans like the cohort.
SICKNESS_SPELLS_PER_YEAR = 22_000  # assumed (a fraction of figur 7's 125,000 a year)
SICKNESS_MIN_PER_MUNICIPALITY_YEAR = 45  # assumed, above rule 9's 30 a year
# Figur 7 (whitepaper_figur7_sickness_spells.csv, AE 2004): spells still on sickness
# benefit in spell week w relative to week 5 (125,749): 55,977 / 29,533 / 13,492 / 5,624.
SICKNESS_SURVIVAL = {5: 1.0, 13: 0.445, 26: 0.235, 52: 0.107, 78: 0.045}
# After week 78 (figur 7 ends there): the share left after each further 26 weeks, as
# from week 52 to 78 (5,624 / 13,492).  # assumed
SICKNESS_SURVIVAL_104 = 0.42
# Spell weeks of a designed spell over by month 3 (5-12): most end soon after the
# employer period, so that the exit within a quarter at weeks 5-8 comes near the white
# paper's 53 % with figur 7's survival.  # assumed shape
SICKNESS_OFF_DURATION = {5: 0.36, 6: 0.20, 7: 0.12, 8: 0.08, 9: 0.07, 10: 0.06, 11: 0.06, 12: 0.05}
# Spells of 1-4 weeks (the employer period) in 2016-17 of the working population (as
# room after the designed spell allows), and their length: brings the exit within a
# quarter at weeks 1-4 near 68 % (figur 7: 59 % of the spells end before week 5, most
# of them not in DREAM).  # assumed
SICKNESS_SHORT_SPELLS = (0.9, 0.5)  # chance of a first and (after it) a second one
SICKNESS_SHORT_DURATION = {1: 0.30, 2: 0.27, 3: 0.23, 4: 0.20}
SICKNESS_SURVIVAL_TOLERANCE = 0.03  # absolute, at the default scale (calibration test)
# Figur 7's spells reaching spell week 5 a year (125,749; AE 2004): persons in work whose
# spell outlasts the employer period. A 2004 level, so a loose target; at the default
# scale REFORM_FRACTION of it (the designed spells plus each municipality's floor and
# the spells of the other populations).
SICKNESS_WEEK5_PER_YEAR = 125_749
SICKNESS_WEEK5_TOLERANCE = 0.30  # relative
# Exit within a quarter of spells running in spell weeks 1-4 / 5-8 / 21+ (the white
# paper's text, whitepaper_quarter_exit.csv): 68 / 53 / "a little over 30" %.
SICKNESS_QUARTER_EXIT = {"1-4": 0.68, "5-8": 0.53, "21+": 0.30}
SICKNESS_QUARTER_EXIT_TOLERANCE = 0.10  # absolute; figur 7 and the text are two sources
# True municipal effects on the log-odds of being on benefits at month 3: normal(0, sd).
SICKNESS_MUNICIPAL_SD = 0.25  # assumed
# Mixes of the designed population (assumed, near the rehab cohort's where it has one).
SICKNESS_WOMAN = 0.55  # women are sick-listed more often  # assumed
SICKNESS_AGE_GROUP = {
    "18-25": 0.08,
    "26-30": 0.08,
    "31-40": 0.19,
    "41-45": 0.12,
    "46-50": 0.14,
    "51-55": 0.14,
    "56-60": 0.14,
    "61-64": 0.11,
}
SICKNESS_FULL_TIME = 0.55  # assumed
SICKNESS_PRIOR_YEAR = {"none": 0.75, "up to 26 weeks": 0.20, "26-52 weeks": 0.05}  # assumed
SICKNESS_PSYCHIATRIC = 0.08  # assumed
SICKNESS_COMORBIDITY = 0.07  # assumed
SICKNESS_CONTACT_AROUND_START = {  # assumed
    "none": 0.55,
    "musculoskeletal": 0.22,
    "psychiatric": 0.06,
    "other": 0.17,
}
SICKNESS_SURGERY_GIVEN_CONTACT = 0.25  # assumed
SICKNESS_PARTIAL_RETURN = 0.25  # spells with a week of 899 (from spell week 5)  # assumed
SICKNESS_TO_UNEMPLOYMENT = 0.12  # of spells past month 3 back in work: a short unemployment
# spell (4-26 weeks) first  # assumed
# Udstødning (METHOD §9.4, figur 7): of the spells running in spell week w, the share not
# in work at any time in the 52 weeks after it: AE's 2004 figures (figur 7,
# whitepaper_figur7_sickness_spells.csv) 15.8 / 26.7 / 43.3 / 59.5 / 75.2 / 82.8 %.
SICKNESS_UDSTOEDNING = {1: 0.158, 5: 0.267, 13: 0.433, 26: 0.595, 52: 0.752, 78: 0.828}
# Absolute, at the default scale, population in work before, national, all start years.
# A shape, not a level (METHOD §9.4): the marts also count the rehab cohort's and
# background persons' sickness spells of people in work before (about 9,500 from spell
# week 1, 8,500 past week 5), written by the rehab case's trajectories, which the
# generator does not steer and which are almost all followed by a year out of work;
# they hold week 1 about 5 points above figur 7's 15.8 %.
SICKNESS_UDSTOEDNING_TOLERANCE = 0.06
# The chance that a designed spell of d weeks is followed by a year or more out of work
# (linear between the points): none before half a year (the rest of the spells that
# end by then return to work, some after a short unemployment spell), then rising with
# the duration; chosen so that with figur 7's survival and the rehab cohort's spells
# above the marts' udstødningsgrad comes near SICKNESS_UDSTOEDNING (a spell still
# running 52 weeks after week w counts as not in work on its own).  # assumed shape
SICKNESS_OUT_AFTER = {5: 0.0, 25: 0.0, 26: 0.30, 52: 0.55, 65: 0.65, 78: 0.75, 130: 0.80}
# Where those out of work go (benefit groups of METHOD §8, weights): jobafklaring only
# after 22 weeks (sickness benefit runs out, SICKNESS_MAX_WEEKS), førtidspension from age
# 40, efterløn (pension) from 60, education under 40; the rest to unemployment (then
# social assistance) or ressourceforløb.  # assumed
SICKNESS_OUT_GROUPS = {
    "jobafklaring": 0.35,
    "ressourceforloeb": 0.20,
    "unemployment": 0.20,
    "foertidspension": 0.12,
    "pension": 0.08,
    "education": 0.05,
}

# The generator's own covariate effects (log-odds of being on benefits at month 3;
# reference levels 0; level names as seeds/ref_covariate_levels.csv, case `sickness`).
# All assumed: plausible directions (age, health, prior benefits raise the risk; income,
# education and cohabiting lower it), sizes like the rehab case's table 5.4.
SICKNESS_TRUE_COEFFICIENTS = {
    "sex": {"man": 0.0, "woman": 0.05},
    "age_group": {
        "18-25": 0.0,
        "26-30": 0.05,
        "31-40": 0.15,
        "41-45": 0.25,
        "46-50": 0.30,
        "51-55": 0.40,
        "56-60": 0.50,
        "61-64": 0.55,
    },
    "cohabiting": {"no": 0.0, "yes": -0.10},
    "origin": {"danish": 0.0, "western": 0.10, "non-western": 0.30},
    "income_group": {
        "0-199999": 0.0,
        "200000-299999": -0.10,
        "300000-399999": -0.20,
        "400000+": -0.35,
    },
    "education": {
        "Grundskole": 0.0,
        "Gymnasial": -0.10,
        "Erhvervsfaglig": -0.05,
        "KVU": -0.15,
        "MVU": -0.20,
        "LVU": -0.30,
        "Øvrige": 0.0,
    },
    "industry_group": {
        "Bygge og anlæg": 0.0,
        "Landbrug, jagt, skov, fiskeri, råstof": -0.05,
        "Fremstillingsvirksomhed": -0.05,
        "El, gas, fjernvarme, vand, kloak, affald": -0.10,
        "Engros og detailhandel": 0.0,
        "Transport og gods": 0.05,
        "Hotel og restaurant": 0.10,
        "Information og kommunikation": -0.20,
        "Finans, bank, forsikring, ejendom": -0.20,
        "Liberale, videnskabelige, tekniske tjenesteydelser": -0.15,
        "Administrative tjenesteydelser": 0.05,
        "Offentlig forvaltning, forsvar": -0.10,
        "Undervisning": -0.05,
        "Sundhed og social": 0.10,
        "Andre": 0.0,
    },
    "full_time": {"no": 0.0, "yes": -0.10},
    "benefit_weeks_prior_year": {"none": 0.0, "up to 26 weeks": 0.30, "26-52 weeks": 0.60},
    "gp_contacts_6m": {"0-2": 0.0, "3-5": 0.20, "6-10": 0.40, "over 10": 0.60},
    "psychiatric_illness": {"no": 0.0, "yes": 0.60},
    "comorbidity": {"no": 0.0, "yes": 0.40},
    "population_density": {
        "0-100 per km2": 0.0,
        "101-500 per km2": 0.05,
        "501-1000 per km2": 0.05,
        "over 1000 per km2": 0.10,
    },
    "start_year": {"2016": 0.0, "2017": -0.05},
    "hospital_contact_around_start": {
        "none": 0.0,
        "musculoskeletal": 0.35,
        "psychiatric": 0.70,
        "other": 0.20,
    },
    "surgery_around_start": {"no": 0.0, "yes": 0.50},
    "start_quarter": {"Q1": 0.0, "Q2": -0.05, "Q3": -0.10, "Q4": 0.0},
}

# --- The reform groups (METHOD §11-12; reform.py) ------------------------------------
# Sources: the reform evaluation (shared/reference/reform_*.csv: tables 6, 7, 20, 28,
# chapters 5-6). National counts; the default scale holds REFORM_FRACTION of them (the
# working population's fraction of figur 7's 125,000 spells a year, 22,000 / 125,000),
# the national scale all of them; both times the plan scale (--plans), like the cohort.
REFORM_FRACTION = 22_000 / 125_000
# Førtidspension: stock in DREAM week 46 of 2016 (chapter 6: 214,100), awards a year
# (table 20, 2013-2016: 6,738), the share under 40 (table 20: 1,341 / 6,738 = 20 %).
REFORM_STOCK_WEEK = (2016, 46)  # the evaluation's "nedslag i DREAM uge 46"
REFORM_FP_STOCK = 214_100
REFORM_AWARDS_PER_YEAR = 6_738
REFORM_AWARD_UNDER_40 = 1_341 / 6_738
REFORM_DEATH_RATE_PENSION = 0.025  # deaths a year on førtidspension  # assumed
REFORM_EMIGRATION_RATE = 0.003  # emigrations a year  # assumed
# Weeks before an award (26-156) in one gross-target-group benefit: social assistance,
# jobafklaring, revalidering (shares assumed).
REFORM_AWARD_BEFORE = {131: 0.5, 785: 0.3, 750: 0.2}  # assumed
# Table 28: award shares 2014-16 (awards ÷ full-time persons of the gross target group)
# in the lowest, middle and highest third of municipalities, all ages.
REFORM_AWARD_THIRDS = (0.007, 0.011, 0.014)
REFORM_GROSS_GROUPS = (
    "social_assistance",
    "sickness",
    "jobafklaring",
    "revalidering",
    "flexjob",
    "ledighedsydelse",
    "ressourceforloeb",
    "foertidspension",
)
# Full-time persons of the gross target group a year: awards ÷ the thirds' mean share
# (6,738 / 0.01067 = 631,500); the generator fills it up with persons on one benefit.
REFORM_GROSS_FULLTIME = REFORM_AWARDS_PER_YEAR / (sum(REFORM_AWARD_THIRDS) / 3)
REFORM_TARGET_GROUP_CODES = {131: 0.70, 785: 0.15, 750: 0.15}  # assumed
REFORM_AWARD_SHARE_YEARS = (2015, 2016, 2017)  # table 28's 2014-16; 2014 has no 52 weeks before
# True municipal award ratio: normal(1, sd); sd so that the thirds' means are about
# 0.7 / 1.1 / 1.4 % (a third's mean is ±1.09 sd from the mean).  # assumed
REFORM_AWARD_RATIO_SD = 0.22
# Flexjob scheme (chapter 5: 84,200 full-time persons in September 2017; about 18 % on
# ledighedsydelse): alternating spells with mean lengths in that proportion.
REFORM_FLEX_MONTH = 201709
REFORM_FLEX_FULLTIME = 84_200
REFORM_LY_SHARE = 0.18
# Stationary share 21 / (21 + 110) = 0.16; the entrants, who start on ledighedsydelse,
# bring it to about 0.18.
REFORM_LY_MEAN_WEEKS = 21  # assumed
REFORM_FLEX_MEAN_WEEKS = 110  # assumed
REFORM_FLEX_ENTRIES_PER_YEAR = 6_000  # assumed
REFORM_FLEX_HOURS = (45.0, 115.0)  # paid hours a month in flexjob (partial)  # assumed
# Ressourceforløb (table 6): starts = ended ÷ share ended, by start year and age band;
# 2017-2018 assumed as 2016. Share ended by the cut-off (end of February 2017: the last
# week with its Thursday in February) and mean duration (years) of the ended ones.
REFORM_RF_CUTOFF_WEEK = (2017, 8)
REFORM_RF_TABLE6 = {
    (2013, "under 40"): (0.44, 1.9),
    (2014, "under 40"): (0.32, 1.6),
    (2015, "under 40"): (0.15, 1.0),
    (2016, "under 40"): (0.04, 0.4),
    (2013, "40 and over"): (0.75, 1.7),
    (2014, "40 and over"): (0.53, 1.6),
    (2015, "40 and over"): (0.23, 1.0),
    (2016, "40 and over"): (0.05, 0.4),
}
REFORM_RF_STARTS = {
    (2013, "under 40"): 371 / 0.44,
    (2014, "under 40"): 985 / 0.32,
    (2015, "under 40"): 546 / 0.15,
    (2016, "under 40"): 117 / 0.04,
    (2017, "under 40"): 117 / 0.04,
    (2018, "under 40"): 117 / 0.04,
    (2013, "40 and over"): 1_081 / 0.75,
    (2014, "40 and over"): 2_248 / 0.53,
    (2015, "40 and over"): 1_093 / 0.23,
    (2016, "40 and over"): 173 / 0.05,
    (2017, "40 and over"): 173 / 0.05,
    (2018, "40 and over"): 173 / 0.05,
}
REFORM_RF_REMAINING_WEEKS = 70  # mean weeks a spell runs past the cut-off  # assumed
REFORM_RF_LATE_SHORT = 0.15  # 2017-18 starts ending within a year  # assumed
REFORM_RF_STOCK = 16_900  # table 2: persons in week 46 of 2016
REFORM_RF_BEFORE = {131: 0.6, 785: 0.25, 750: 0.15}  # assumed
# Table 7: status 13 weeks after the end, by age band (percent of ended spells).
REFORM_RF_STATUS = {
    "under 40": {
        "wage employment": 5.4,
        "education": 4.9,
        "flexjob": 17.3,
        "ledighedsydelse": 17.1,
        "A-dagpenge": 0.0,
        "revalidering": 3.1,
        "self-supporting": 5.7,
        "kontanthjaelp": 5.0,
        "uddannelseshjaelp": 3.8,
        "ressourceforloeb": 4.6,
        "sickness benefit or jobafklaring": 1.8,
        "foertidspension": 29.3,
        "other": 2.0,
    },
    "40 and over": {
        "wage employment": 2.0,
        "education": 0.3,
        "flexjob": 11.2,
        "ledighedsydelse": 12.6,
        "A-dagpenge": 0.4,
        "revalidering": 0.4,
        "self-supporting": 4.4,
        "kontanthjaelp": 8.4,
        "uddannelseshjaelp": 0.0,
        "ressourceforloeb": 2.7,
        "sickness benefit or jobafklaring": 1.1,
        "foertidspension": 54.2,
        "other": 2.4,
    },
}
# Hospital contacts 2012-2018 and GP consultations of the reform groups (METHOD §12's
# psychiatric_illness and gp_contacts_6m): chance of a psychiatric and of a
# musculoskeletal contact by group, mean GP consultations in the 26 weeks before week 1
# of each §12 year.  # assumed
REFORM_PSYCHIATRIC = {
    "ressourceforloeb": 0.45,
    "award": 0.40,
    "foertidspension": 0.35,
    "flexjob": 0.20,
    "target_group": 0.25,
}
REFORM_MUSCULOSKELETAL = {
    "ressourceforloeb": 0.35,
    "award": 0.35,
    "foertidspension": 0.25,
    "flexjob": 0.35,
    "target_group": 0.20,
}
REFORM_GP_YEARS = (2016, 2017)  # METHOD §12's award_years
REFORM_GP_CONTACTS_6M = 3.0
# Tolerances at the default scale (calibration tests, tests/synth/test_reform_calibration.py).
REFORM_STOCK_TOLERANCE = 0.05  # relative: førtidspension stock, flexjob full-time persons
REFORM_AWARDS_TOLERANCE = 0.08  # relative: awards a year (about 1,190 at the default scale)
REFORM_SHARE_TOLERANCE = 0.04  # absolute: award share under 40, ledighedsydelse share
REFORM_THIRDS_TOLERANCE = 0.0015  # absolute, each third's mean award share
REFORM_RF_STOCK_TOLERANCE = 0.15  # relative: the stock follows from table 6's starts
REFORM_RF_ENDED_TOLERANCE = 0.05  # absolute: table 6's share ended
REFORM_RF_DURATION_TOLERANCE = 0.15  # years: table 6's mean duration of the ended
REFORM_RF_STATUS_TOLERANCE = 0.06  # absolute, each status share (loose: few ended spells)

# --- The §12 award benchmark's designed units (METHOD §12; award.py) -----------------
# Persons in a long spell (26+ weeks) of a §12 baseline group in ISO week 1 of 2016, and
# persons whose spell started in 2016 (units from 2017 on). National counts, scaled as
# the reform groups (REFORM_FRACTION at the default scale).  # assumed
AWARD_UNITS_2016 = 170_000
AWARD_ENTRANTS_2017 = 40_000
# At least this many units per municipality (2016 persons; 2017 entrants), times the plan
# scale at the default scale, so that every municipality passes §12's size rule (§9
# rule 9: 30 a year, 75 in total).  # assumed
AWARD_MIN_PER_MUNICIPALITY = (45, 12)
# The designed units' awards: this share of table 20's awards a year less the
# ressourceforløb persons' (reform.py's award persons give the rest).  # assumed
AWARD_UNIT_AWARDS_SHARE = 0.8
# A unit not awarded stays in its spell to week 1 of the next year with this chance;
# else it leaves the spell in the year (2016) or the next (2017) for AWARD_LEAVE_TO.
AWARD_STAY = 0.8  # assumed
AWARD_LEAVE_TO = {"work": 0.5, "unemployment": 0.3, "self-support": 0.2}  # assumed
# The spell's DREAM code by baseline group (clean codes of ref_benefit_groups); the
# ressourceforløb units are reform.py's ressourceforløb persons (table 6), not designed.
AWARD_BASELINE_CODES = {131: 0.55, 890: 0.12, 785: 0.23, 750: 0.10}  # assumed
AWARD_AGE_BAND = {"18-29": 0.18, "30-39": 0.17, "40-49": 0.23, "50-59": 0.29, "60-64": 0.13}
AWARD_LONG_SPELL_2016 = 0.5  # 2016 units whose spell has lasted 52-103 weeks  # assumed
AWARD_PRIOR_UNEMPLOYMENT = 0.5  # an unemployment spell before the gap  # assumed
AWARD_WORK = {"recent": 0.4, "earlier": 0.3, "never": 0.3}  # last paid work  # assumed
AWARD_PSYCHIATRIC = 0.30  # assumed
AWARD_COMORBIDITY = 0.15  # assumed
AWARD_GP_CONTACTS = {"0-2": 0.35, "3-5": 0.35, "6-10": 0.22, "over 10": 0.08}  # assumed
# The generator's own covariate effects (log-odds of an award within weeks 1-52 of the
# year; reference level first, 0; dict order is the level order of METHOD §12). All
# assumed: older, longer spells, more benefit weeks, longer out of work, ill health raise
# the chance; jobafklaring and sickness lead there more often than social assistance.
AWARD_TRUE_COEFFICIENTS = {
    "sex": {"man": 0.0, "woman": 0.10},
    "age_band": {"18-29": 0.0, "30-39": 0.50, "40-49": 1.00, "50-59": 1.40, "60-64": 1.60},
    "origin": {"danish": 0.0, "western": 0.10, "non-western": 0.20},
    "cohabiting": {"no": 0.0, "yes": -0.10},
    "education": {
        "Grundskole": 0.0,
        "Gymnasial": -0.15,
        "Erhvervsfaglig": -0.05,
        "KVU": -0.15,
        "MVU": -0.20,
        "LVU": -0.30,
        "Øvrige": 0.0,
    },
    "baseline_group": {
        "social_assistance": 0.0,
        "sickness": 0.30,
        "jobafklaring": 0.60,
        "revalidering": -0.20,
        "ressourceforloeb": 0.80,
    },
    "baseline_spell_weeks": {"26-51": 0.0, "52-103": 0.30, "104+": 0.50},
    "benefit_weeks_3y": {"0-51": 0.0, "52-103": 0.20, "104-155": 0.40, "156": 0.50},
    "years_since_work": {"under 1": 0.0, "1-4": 0.20, "5+": 0.30, "never": 0.40},
    "psychiatric_illness": {"no": 0.0, "yes": 0.60},
    "comorbidity": {"no": 0.0, "yes": 0.50},
    "gp_contacts_6m": {"0-2": 0.0, "3-5": 0.10, "6-10": 0.25, "over 10": 0.40},
    "population_density": {
        "0-100 per km2": 0.0,
        "101-500 per km2": 0.05,
        "501-1000 per km2": 0.05,
        "over 1000 per km2": 0.10,
    },
    # Fewer awards in 2017: the ressourceforløb persons of table 6 end their spells then,
    # and 30-54 % of them are awarded (table 7), so less room is left in table 20's.
    "year": {"2016": 0.0, "2017": -0.90},
}
