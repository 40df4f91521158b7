{#- The population flow of METHOD §6.5 (the report's figure 1.2): after each rule of §3,
    the plans, persons and courses that remain and the courses the rule left out,
    nationally (scope national) and per residence municipality of the plan contact.
    Counts of 5 courses or fewer are suppressed (§6.6). -#}

with

courses as (
    select
        fct.course_id,
        fct.pnr,
        fct.municipality_code,
        fct.exclusion_rule,
        plans.n_plan_procedures
    from {{ ref('fct_rehab_courses') }} as fct
    inner join {{ ref('int_rehab_plans_selected') }} as plans
        on fct.course_id = plans.course_id
),

rules as (
    select * from {{ population_rules_relation() }}
),

courses_by_rule as (
    select
        courses.course_id,
        courses.pnr,
        courses.municipality_code,
        courses.n_plan_procedures,
        exclusions.rule_order as exclusion_rule_order
    from courses
    left join rules as exclusions
        on courses.exclusion_rule = exclusions.rule
),

flow as (
    select
        case when grouping(courses_by_rule.municipality_code) = 1 then 'national' else 'municipality' end as scope,
        courses_by_rule.municipality_code,
        rules.rule,
        rules.rule_order,
        rules.rule_name,
        rules.description as rule_description,
        count(*) filter (
            where coalesce(courses_by_rule.exclusion_rule_order > rules.rule_order, true)
        ) as n_courses,
        count(distinct courses_by_rule.pnr) filter (
            where coalesce(courses_by_rule.exclusion_rule_order > rules.rule_order, true)
        ) as n_persons,
        cast(coalesce(sum(courses_by_rule.n_plan_procedures) filter (
            where coalesce(courses_by_rule.exclusion_rule_order > rules.rule_order, true)
        ), 0) as bigint) as n_plans,
        count(*) filter (where courses_by_rule.exclusion_rule_order = rules.rule_order) as n_courses_excluded
    from courses_by_rule
    cross join rules
    group by grouping sets (
        (rules.rule, rules.rule_order, rules.rule_name, rules.description),
        (rules.rule, rules.rule_order, rules.rule_name, rules.description, courses_by_rule.municipality_code)
    )
),

final as (
    select
        flow.scope,
        flow.municipality_code,
        case when flow.scope = 'national' then 'Hele landet' else municipalities.municipality_name end
            as municipality_name,
        flow.rule,
        flow.rule_order,
        flow.rule_name,
        flow.rule_description,
        {{ suppress('flow.n_plans', 'flow.n_courses') }} as n_plans,
        {{ suppress('flow.n_persons', 'flow.n_courses') }} as n_persons,
        {{ suppress('flow.n_courses', 'flow.n_courses') }} as n_courses,
        {{ is_suppressed('flow.n_courses') }} as n_courses_is_suppressed,
        {{ suppress('flow.n_courses_excluded', 'flow.n_courses_excluded') }} as n_courses_excluded,
        {{ is_suppressed('flow.n_courses_excluded') }} as n_courses_excluded_is_suppressed
    from flow
    left join {{ ref('ref_municipalities') }} as municipalities
        on flow.municipality_code = municipalities.municipality_code
)

select * from final
order by scope desc, municipality_code asc nulls first, rule_order asc
