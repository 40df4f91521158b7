{#- METHOD §3 rule 6, not on benefits 2 months before: per course that reaches rule 6
    (passes rules 1-5), the public-benefit weeks (class on_benefits or undeterminable,
    after the short-sickness cleaning of §2) among weeks -9..-7 from admission; it
    passes with at most max_benefit_weeks_before (1). A week without a DREAM code is
    self-supporting, so a course without rows has 0. -#}
{%- set rule_6_weeks = [-9, -8, -7] -%}

with

courses as (
    select course_id
    from {{ ref('int_rehab_courses_prescreened') }}
    where failed_rule is null
),

weeks as (
    select * from {{ ref('int_course_benefit_weeks') }}
),

rule_06_benefit_weeks as (
    select
        course_id,
        count(*) as n_weeks
    from weeks
    where
        week_from_admission between {{ rule_6_weeks | min }} and {{ rule_6_weeks | max }}
        and status_class in ('on_benefits', 'undeterminable')
    group by course_id
),

final as (
    select
        courses.course_id,
        coalesce(rule_06_benefit_weeks.n_weeks, 0) as rule_6_benefit_weeks,
        coalesce(rule_06_benefit_weeks.n_weeks, 0) <= {{ var('max_benefit_weeks_before') }} as passes_rule_6
    from courses
    left join rule_06_benefit_weeks
        on courses.course_id = rule_06_benefit_weeks.course_id
)

select * from final
