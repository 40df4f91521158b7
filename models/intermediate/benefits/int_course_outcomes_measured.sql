{#- Per course that reaches rule 6 (passes rules 1-5), the counts of METHOD §1-§5 over
    its weekly status (int_course_benefit_weeks) and the outcome (rule 6 itself is
    int_rule_06_benefit_weeks_counted):
    - on_benefits_m0..m6 (§1, §4): 1 when at least 2 of the month's 3 weeks (at start:
      week 0) are benefit weeks, else 0; null when as many are undeterminable;
      benefit_type_m<m> is the type of the month's last benefit week (for the type mix);
    - rule 9 (CTE rule_09_determinable): determinable at the outcome month (var
      outcome_month, 3; decision: with another outcome_month the rule applies there);
    - the covariates benefit_weeks_before_start (weeks -8 from admission through week 0
      of the start) and benefit_weeks_prior_year (the 52 weeks before week -8). -#}

with

courses as (
    select course_id
    from {{ ref('int_rehab_courses_prescreened') }}
    where failed_rule is null
),

weeks as (
    select * from {{ ref('int_course_benefit_weeks') }}
),

counts as (
    select
        course_id,
        {%- for m in outcome_months() %}
            count(*) filter (
                where week_from_rehab_start in {{ sql_list(month_weeks(m)) }} and status_class = 'on_benefits'
            ) as m{{ m }}_benefit_weeks,
            count(*) filter (
                where week_from_rehab_start in {{ sql_list(month_weeks(m)) }} and status_class = 'undeterminable'
            ) as m{{ m }}_undeterminable_weeks,
            arg_max(benefit_type, week_start) filter (
                where week_from_rehab_start in {{ sql_list(month_weeks(m)) }} and status_class = 'on_benefits'
            ) as m{{ m }}_benefit_type,
        {%- endfor %}
        count(*) filter (
            where week_from_admission >= -8 and week_from_rehab_start <= 0 and status_class = 'on_benefits'
        ) as benefit_weeks_before_start,
        count(*) filter (
            where week_from_admission between -8 - 52 and -9 and status_class = 'on_benefits'
        ) as benefit_weeks_prior_year
    from weeks
    group by course_id
),

measured as (
    select
        courses.course_id,
        {%- for m in outcome_months() %}
            case
                when coalesce(counts.m{{ m }}_undeterminable_weeks, 0) >= {{ month_weeks_needed(m) }} then null
                when coalesce(counts.m{{ m }}_benefit_weeks, 0) >= {{ month_weeks_needed(m) }} then 1
                else 0
            end as on_benefits_m{{ m }},
            case
                when
                    coalesce(counts.m{{ m }}_undeterminable_weeks, 0) < {{ month_weeks_needed(m) }}
                    and coalesce(counts.m{{ m }}_benefit_weeks, 0) >= {{ month_weeks_needed(m) }}
                    then counts.m{{ m }}_benefit_type
            end as benefit_type_m{{ m }},
        {%- endfor %}
        coalesce(counts.benefit_weeks_before_start, 0) as benefit_weeks_before_start,
        coalesce(counts.benefit_weeks_prior_year, 0) as benefit_weeks_prior_year
    from courses
    left join counts
        on courses.course_id = counts.course_id
),

rule_09_determinable as (
    select
        *,
        on_benefits_m{{ var('outcome_month') }} as on_benefits_outcome_month,
        on_benefits_m{{ var('outcome_month') }} is not null as passes_rule_9
    from measured
)

select * from rule_09_determinable
