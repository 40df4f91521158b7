{#- One row per course of the final population with what the descriptive marts group
    and count by (METHOD §6.3-6.4): the outcome at months 0-6 and the benefit type of
    those on benefits, whether on benefits since the start, and the characteristics
    (municipality and region, sex, age, industry, diagnosis, joint size, surgery). -#}

with

courses as (
    select * from {{ ref('int_rehab_courses_assessed') }}
    where exclusion_rule is null
),

outcomes as (
    select * from {{ ref('int_course_outcomes_measured') }}
),

covariates as (
    select * from {{ ref('int_course_covariates') }}
),

municipalities as (
    select * from {{ ref('ref_municipalities') }}
),

described as (
    select
        courses.course_id,
        courses.municipality_code,
        municipalities.municipality_name,
        municipalities.region_name,
        courses.start_year,
        {%- for m in outcome_months() %}
            outcomes.on_benefits_m{{ m }},
            outcomes.benefit_type_m{{ m }},
            -- On benefits at start and at every month up to m; an undeterminable
            -- month in between breaks it.
            coalesce(
                {%- for k in range(m + 1) %}
                    outcomes.on_benefits_m{{ k }} = 1{{ " and" if not loop.last }}
                {%- endfor %}, false
            ) as on_benefits_since_start_m{{ m }},
        {%- endfor %}
        outcomes.on_benefits_outcome_month,
        covariates.sex,
        covariates.age_group,
        covariates.age_in_start_year < 50 as is_under_50,
        covariates.industry_group,
        covariates.is_physically_demanding_industry,
        covariates.diagnosis_group,
        covariates.joint_size,
        covariates.surgery_14d_before_plan,
        covariates.benefit_weeks_before_start
    from courses
    inner join outcomes
        on courses.course_id = outcomes.course_id
    inner join covariates
        on courses.course_id = covariates.course_id
    left join municipalities
        on courses.municipality_code = municipalities.municipality_code
)

select * from described
