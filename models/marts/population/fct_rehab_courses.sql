{#- One row per candidate course (every course that passes METHOD §3 rule 1), with the
    first rule of §3 it fails (exclusion_rule; null = in the final population) and
    whether it is on benefits at months 0-6 after rehab start (§1, §4). Person-level:
    for analysis inside the warehouse, never published (§6.6). -#}

with

courses as (
    select * from {{ ref('int_rehab_courses_assessed') }}
),

final as (
    select
        course_id,
        pnr,
        plan_date,
        admission_date,
        discharge_date,
        rehab_start_date,
        municipality_code,
        start_year,
        exclusion_rule,
        {%- for m in outcome_months() %}
            on_benefits_m{{ m }},
        {%- endfor %}
        on_benefits_outcome_month
    from courses
)

select * from final
