{#- One row per unit of every benchmark case's population (METHOD §14) with what the
    Bilag 2 key figures (§6.3.2-4) count: the outcome at months 0-6 and at the case's
    outcome month, whether on benefits since the start, the municipality and the
    characteristics of table 4 (sex, under 50, physically demanding industry, and
    large-joint diagnosis for a case with diagnoses; null for a case without). -#}

with

units as (
    select * from {{ ref('int_benchmark_units') }}
),

cases as (
    select * from {{ ref('int_benchmark_cases') }}
),

municipalities as (
    select * from {{ ref('ref_municipalities') }}
),

characteristics as (
    {%- call(case) union_over_cases('covariates') %}
        sex,
        age_in_start_year < 50 as is_under_50,
        is_physically_demanding_industry,
        {{ case.get('large_joint', 'cast(null as boolean)') }} as is_large_joint_diagnosis
    {%- endcall %}
),

described as (
    select
        units.benchmark_case,
        units.unit_id,
        units.municipality_code,
        municipalities.municipality_name,
        municipalities.region_name,
        {%- for m in outcome_months() %}
        units.on_benefits_m{{ m }},
        -- On benefits at start and at every month up to m; an undeterminable
        -- month in between breaks it.
        coalesce(
            {%- for k in range(m + 1) %}
            units.on_benefits_m{{ k }} = 1{{ " and" if not loop.last }}
            {%- endfor %}, false
        ) as on_benefits_since_start_m{{ m }},
        {%- endfor %}
        case cases.outcome_month
            {%- for m in outcome_months() %}
            when {{ m }} then units.on_benefits_m{{ m }}
            {%- endfor %}
        end as on_benefits_outcome_month,
        cases.outcome_month,
        characteristics.sex,
        characteristics.is_under_50,
        characteristics.is_physically_demanding_industry,
        characteristics.is_large_joint_diagnosis
    from units
    inner join cases
        on units.benchmark_case = cases.benchmark_case
    left join characteristics
        on
            units.benchmark_case = characteristics.benchmark_case
            and units.unit_id = characteristics.unit_id
    left join municipalities
        on units.municipality_code = municipalities.municipality_code
)

select * from described
