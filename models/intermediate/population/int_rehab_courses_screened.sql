{#- METHOD §3 rules 2-9 in order: every candidate course (rule 1) with the first of
    rules 2-9 it fails (failed_rule, null when it passes all), the outcome at months
    0-6 (§4) and the outcome at var outcome_month. Each rule is computed in its own
    model and rules 2-5 are applied in int_rehab_courses_prescreened; this model applies
    the rest in the method's order, and rule 7 itself, which depends on which earlier
    courses counted. Rule 10 is int_municipal_quality_assessed. -#}

with

plans as (
    select * from {{ ref('int_rehab_plans_selected') }}
),

linked as (
    select * from {{ ref('int_rehab_courses_linked') }}
),

prescreened as (
    select * from {{ ref('int_rehab_courses_prescreened') }}
),

outcomes as (
    select * from {{ ref('int_course_outcomes_measured') }}
),

departures as (
    select * from {{ ref('int_course_departures_found') }}
),

rule_6 as (
    select * from {{ ref('int_rule_06_benefit_weeks_counted') }}
),

rules_2_to_6 as (
    select
        plans.course_id,
        plans.pnr,
        plans.admission_date,
        plans.discharge_date,
        coalesce(
            prescreened.failed_rule,
            case when not coalesce(rule_6.passes_rule_6, false) then '6' end
        ) as failed_rule
    from plans
    inner join prescreened
        on plans.course_id = prescreened.course_id
    left join rule_6
        on plans.course_id = rule_6.course_id
),

-- Rule 7: per person, the courses passing rules 1-6 in admission order; a course
-- counts when it is the person's first or when at least repeat_course_min_days (304)
-- lie between the discharge of the previous *counted* course and its admission. That
-- is a scan with state, done by list_reduce over the person's courses (no recursion,
-- which dbt unit tests do not support).
person_courses as (
    select
        pnr,
        list(
            struct_pack(course_id := course_id, admission_date := admission_date, discharge_date := discharge_date)
            order by admission_date, discharge_date, course_id
        ) as courses
    from rules_2_to_6
    where failed_rule is null
    group by pnr
),

-- DuckDB's lambda syntax does not parse in sqlfluff: the select below is exempt from its parse rule (PRS).
{%- set course_counts -%}
    state.last_counted_discharge_date is null
    or date_diff('day', state.last_counted_discharge_date, course.admission_date)
    >= {{ var('repeat_course_min_days') }}
{%- endset %}
repeat_scan as (
    select
        courses,
        list_reduce(  -- noqa: PRS
            courses,
            lambda state, course: {
                'last_counted_discharge_date': case
                    when {{ course_counts }} then course.discharge_date
                    else state.last_counted_discharge_date
                end,
                'is_counted': list_append(state.is_counted, {{ course_counts }})
            },
            {'last_counted_discharge_date': null::date, 'is_counted': []::boolean []}
        ).is_counted as is_counted
    from person_courses
),

rule_07_repeat_courses as (
    -- Two unnests in one select run side by side: course i with its flag i.
    select
        unnest(courses).course_id as course_id,
        unnest(is_counted) as is_counted
    from repeat_scan
),

screened as (
    select
        rules_2_to_6.course_id,
        rules_2_to_6.pnr,
        plans.plan_date,
        plans.admission_date,
        plans.discharge_date,
        linked.rehab_start_date,
        linked.start_year,
        plans.municipality_code,
        coalesce(
            rules_2_to_6.failed_rule,
            case
                when not rule_07_repeat_courses.is_counted then '7'
                when not departures.passes_rule_8 then '8'
                when not outcomes.passes_rule_9 then '9'
            end
        ) as failed_rule,
        {%- for m in outcome_months() %}
            outcomes.on_benefits_m{{ m }},
        {%- endfor %}
        outcomes.on_benefits_outcome_month
    from rules_2_to_6
    inner join plans
        on rules_2_to_6.course_id = plans.course_id
    inner join linked
        on rules_2_to_6.course_id = linked.course_id
    left join rule_07_repeat_courses
        on rules_2_to_6.course_id = rule_07_repeat_courses.course_id
    left join departures
        on rules_2_to_6.course_id = departures.course_id
    left join outcomes
        on rules_2_to_6.course_id = outcomes.course_id
)

select * from screened
