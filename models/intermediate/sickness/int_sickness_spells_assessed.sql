{#- Every candidate spell (METHOD §9.1 rule 1) assessed against all rules of §9.1: the
    first rule it fails (exclusion_rule; null = in the benchmark population), rules 2-8
    from int_sickness_spells_screened and rule 9 from its municipality-year. A spell
    whose person has no BEF residence at the end of the year before the start year has
    no benchmark municipality and fails rule 9 (decision). -#}

with

screened as (
    select * from {{ ref('int_sickness_spells_screened') }}
),

municipalities as (
    select * from {{ ref('int_sickness_municipalities_assessed') }}
),

final as (
    select
        screened.spell_id,
        screened.pnr,
        screened.spell_number,
        screened.start_week_start,
        screened.start_year,
        screened.duration_weeks,
        screened.municipality_code,
        screened.sex_code,
        screened.age_in_start_year,
        screened.work_month,
        screened.paid_hours_total,
        screened.main_job_industry_db07_code,
        screened.is_full_time,
        {%- for m in outcome_months() %}
            screened.on_benefits_m{{ m }},
        {%- endfor %}
        screened.on_benefits_outcome_month,
        case
            when screened.failed_rule is not null then screened.failed_rule
            when municipalities.municipality_code is null then '9'
            else municipalities.failed_rule
        end as exclusion_rule
    from screened
    left join municipalities
        on
            screened.municipality_code = municipalities.municipality_code
            and screened.start_year = municipalities.start_year
)

select * from final
