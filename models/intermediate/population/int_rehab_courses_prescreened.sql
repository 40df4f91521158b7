{#- METHOD §3 rules 2-5, the rules that need no DREAM: every candidate course (rule 1)
    with the first of them it fails (failed_rule, null when it passes all four), its
    admission and its rehab start. Rules 6-9 and the outcome decide only among the
    courses that pass, so their weekly benefit status is read for those alone
    (int_benefit_weeks_cleaned and the models after it: `where failed_rule is null`):
    at the default size about 26,000 of 281,000 candidate courses, where 187,000 have a
    rehab start (issue 8). -#}

with

plans as (
    select * from {{ ref('int_rehab_plans_selected') }}
),

linked as (
    select * from {{ ref('int_rehab_courses_linked') }}
),

persons as (
    select * from {{ ref('int_course_persons_matched') }}
),

jobs as (
    select * from {{ ref('int_course_jobs_matched') }}
),

prescreened as (
    select
        plans.course_id,
        plans.pnr,
        plans.admission_date,
        linked.rehab_start_date,
        case
            when not plans.is_musculoskeletal then '2'
            when not linked.passes_rule_3 then '3'
            when not coalesce(persons.passes_rule_4, false) then '4'
            when not coalesce(jobs.passes_rule_5, false) then '5'
        end as failed_rule
    from plans
    inner join linked
        on plans.course_id = linked.course_id
    left join persons
        on plans.course_id = persons.course_id
    left join jobs
        on plans.course_id = jobs.course_id
)

select * from prescreened
