{#- Every candidate course (METHOD §3 rule 1) assessed against all rules of §3: the first
    rule it fails (exclusion_rule; null = in the final population), rules 2-9 from
    int_rehab_courses_screened and rule 10 from its municipality-year's assessment. -#}

with

screened as (
    select * from {{ ref('int_rehab_courses_screened') }}
),

quality as (
    select * from {{ ref('int_municipal_quality_assessed') }}
),

final as (
    select
        screened.course_id,
        screened.pnr,
        screened.plan_date,
        screened.admission_date,
        screened.discharge_date,
        screened.rehab_start_date,
        screened.municipality_code,
        screened.start_year,
        case
            when screened.failed_rule is not null then screened.failed_rule
            -- A course without a known residence municipality has no municipal
            -- reporting to pass rule 10 with.
            when quality.municipality_code is null then '10a'
            else quality.failed_rule
        end as exclusion_rule,
        {%- for m in outcome_months() %}
            screened.on_benefits_m{{ m }},
        {%- endfor %}
        screened.on_benefits_outcome_month
    from screened
    left join quality
        on
            screened.municipality_code = quality.municipality_code
            and screened.start_year = quality.start_year
)

select * from final
