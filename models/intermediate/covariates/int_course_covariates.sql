{#- Every covariate of METHOD §5 for each course of the final population, as the level
    names of ref_covariate_levels (reference first there), banded as §5 says. Where a
    register has no value the covariate takes a stated level (decisions): a diagnosis
    outside every group of §5.1 is "Andre sygdomme", an unknown industry "Andre" (§5.2:
    "unknown"), an unknown specialty "Andre specialer", an unknown or missing education
    "Øvrige", a missing income the lowest band; each such course is flagged in the
    has_*/is_* columns so that they can be counted. measurement_month_m<m> is the month
    in which month m after the start is measured (start + its last week); the covariate
    measurement_month is the one of var outcome_month. -#}

with

courses as (
    select
        course_id,
        pnr,
        municipality_code,
        plan_date,
        rehab_start_date,
        start_year
    from {{ ref('int_rehab_courses_assessed') }}
    where exclusion_rule is null
),

plans as (
    select * from {{ ref('int_rehab_plans_selected') }}
),

persons as (
    select * from {{ ref('int_course_persons_matched') }}
),

jobs as (
    select * from {{ ref('int_course_jobs_matched') }}
),

outcomes as (
    select * from {{ ref('int_course_outcomes_measured') }}
),

hospital as (
    select * from {{ ref('int_course_hospital_histories_summarised') }}
),

primary_care as (
    select * from {{ ref('int_course_primary_care_summarised') }}
),

diagnosis_groups as (
    select
        courses.course_id,
        diagnosis_ranges.diagnosis_group,
        diagnosis_ranges.joint_size
    from courses
    inner join plans
        on courses.course_id = plans.course_id
    inner join {{ ref('ref_diagnosis_groups') }} as diagnosis_ranges
        on substr(plans.grouping_diagnosis, 1, 4) between diagnosis_ranges.code_from and diagnosis_ranges.code_to
),

industries as (
    select
        courses.course_id,
        sections.industry_group,
        sections.physically_demanding
    from courses
    inner join jobs
        on courses.course_id = jobs.course_id
    inner join {{ ref('ref_db07_divisions') }} as divisions
        on substr(jobs.main_job_industry_db07_code, 1, 2) = divisions.division
    inner join {{ ref('ref_db07_sections') }} as sections
        on divisions.section = sections.section
),

-- Highest completed education by the start year: the latest UDDA row up to it.
educations as (
    select
        courses.course_id,
        levels.education_group
    from courses
    inner join {{ ref('stg_udda__educations') }} as udda
        on
            courses.pnr = udda.pnr
            and courses.start_year >= udda.year
    left join {{ ref('ref_education_levels') }} as levels
        on substr(udda.highest_education_code, 1, 2) = levels.hfaudd_prefix
    qualify row_number() over (partition by courses.course_id order by udda.year desc) = 1
),

incomes as (
    select
        courses.course_id,
        ind.disposable_income_dkk as disposable_income
    from courses
    inner join {{ ref('stg_ind__incomes') }} as ind
        on
            courses.pnr = ind.pnr
            and ind.year = courses.start_year - 1
),

plan_shares as (
    select * from {{ ref('int_municipal_plan_shares_computed') }}
),

densities as (
    select * from {{ ref('int_municipal_densities_computed') }}
),

joined as (
    select
        courses.course_id,
        courses.municipality_code,
        courses.start_year,
        courses.rehab_start_date,
        diagnosis_groups.diagnosis_group,
        diagnosis_groups.joint_size,
        primary_care.has_physio_contact_during_rehab,
        hospital.has_surgery_14d_before_plan,
        hospital.hospital_contact_days,
        plans.admission_type_code,
        jobs.is_full_time,
        jobs.paid_hours_total,
        persons.sex_code,
        persons.age_in_start_year,
        persons.partner_id,
        persons.origin_type_code,
        countries.is_western as is_western_country,
        incomes.disposable_income,
        educations.education_group,
        industries.industry_group,
        industries.physically_demanding,
        specialties.specialty_group,
        plan_shares.general_plan_share_pct,
        densities.inhabitants_per_km2,
        primary_care.gp_contacts_6m,
        hospital.has_psychiatric_illness,
        hospital.has_comorbidity,
        outcomes.benefit_weeks_before_start,
        outcomes.benefit_weeks_prior_year
    from courses
    inner join plans
        on courses.course_id = plans.course_id
    inner join persons
        on courses.course_id = persons.course_id
    inner join jobs
        on courses.course_id = jobs.course_id
    inner join outcomes
        on courses.course_id = outcomes.course_id
    inner join hospital
        on courses.course_id = hospital.course_id
    inner join primary_care
        on courses.course_id = primary_care.course_id
    left join diagnosis_groups
        on courses.course_id = diagnosis_groups.course_id
    left join industries
        on courses.course_id = industries.course_id
    left join educations
        on courses.course_id = educations.course_id
    left join incomes
        on courses.course_id = incomes.course_id
    left join {{ ref('ref_countries') }} as countries
        on persons.country_of_origin_code = countries.country_code
    left join {{ ref('ref_hospital_specialties') }} as specialties
        on plans.specialty_code = specialties.specialty_code
    left join plan_shares
        on
            courses.municipality_code = plan_shares.municipality_code
            and year(courses.plan_date) = plan_shares.plan_year
    left join densities
        on
            courses.municipality_code = densities.municipality_code
            and courses.start_year = densities.year
),

covariates as (
    select
        course_id,
        municipality_code,
        -- Covariates in the order of METHOD §5.
        coalesce(diagnosis_group, 'Andre sygdomme') as diagnosis_group,
        {{ yes_no('has_physio_contact_during_rehab') }} as physio_contact_during_rehab,
        {{ yes_no('has_surgery_14d_before_plan') }} as surgery_14d_before_plan,
        {{ band_level('rehab', 'hospital_contact_days', 'hospital_contact_days') }} as hospital_contact_days,
        {{ yes_no("admission_type_code = '1'") }} as acute_admission,
        {{ yes_no('is_full_time') }} as full_time,
        case sex_code when 1 then 'man' when 2 then 'woman' end as sex,
        {{ band_level('rehab', 'age_group', 'age_in_start_year') }} as age_group,
        {{ yes_no('partner_id is not null') }} as cohabiting,
        case
            when origin_type_code = 1 then 'danish'
            when is_western_country then 'western'
            else 'non-western'
        end as origin,
        {{ band_level('rehab', 'income_group', 'coalesce(disposable_income, 0)') }} as income_group,
        coalesce(education_group, 'Øvrige') as education,
        coalesce(industry_group, 'Andre') as industry_group,
        coalesce(specialty_group, 'Andre specialer') as hospital_specialty,
        {{ band_level('rehab', 'general_plan_share_municipality', 'general_plan_share_pct') }}
            as general_plan_share_municipality,
        {{ band_level('rehab', 'population_density', 'inhabitants_per_km2') }} as population_density,
        {{ band_level('rehab', 'gp_contacts_6m', 'gp_contacts_6m') }} as gp_contacts_6m,
        {{ yes_no('has_psychiatric_illness') }} as psychiatric_illness,
        {{ yes_no('has_comorbidity') }} as comorbidity,
        {{ band_level('rehab', 'benefit_weeks_before_start', 'benefit_weeks_before_start') }}
            as benefit_weeks_before_start,
        {{ band_level('rehab', 'benefit_weeks_prior_year', 'benefit_weeks_prior_year') }}
            as benefit_weeks_prior_year,
        monthname(rehab_start_date + 7 * {{ month_weeks(var('outcome_month')) | last }}) as measurement_month,
        cast(start_year as varchar) as start_year,
        -- The months in which each outcome month is measured (for other outcome months).
        {%- for m in outcome_months() %}
            monthname(rehab_start_date + 7 * {{ month_weeks(m) | last }}) as measurement_month_m{{ m }},
        {%- endfor %}
        -- Characteristics of Bilag 2 table 4 and §6.4.
        coalesce(joint_size, 'other') as joint_size,
        coalesce(physically_demanding, false) as is_physically_demanding_industry,
        age_in_start_year,
        -- The values behind the bands, and where a register had no value.
        hospital_contact_days as hospital_contact_days_count,
        paid_hours_total,
        disposable_income,
        general_plan_share_pct,
        inhabitants_per_km2,
        gp_contacts_6m as gp_contacts_6m_count,
        benefit_weeks_before_start as benefit_weeks_before_start_count,
        benefit_weeks_prior_year as benefit_weeks_prior_year_count,
        diagnosis_group is null as is_diagnosis_ungrouped,
        industry_group is null as is_industry_unknown,
        education_group is null as is_education_unknown,
        disposable_income is null as is_income_missing
    from joined
)

select * from covariates
