{#- The population flow of METHOD §6.5 (the report's figure 1.2) for every benchmark
    case (§14): after each rule of the case (§3, §9.1), the persons and units (courses,
    spells) that remain and the units the rule left out, nationally (scope national)
    and per benchmark municipality, and for the rehab case the plans (the report's
    figure counts rehab-plan procedures; decision: the other cases have no plans, null).
    Counts of 5 units or fewer are suppressed (§6.6). -#}

with

rehab_courses as (
    select
        'rehab' as benchmark_case,
        fct.course_id as unit_id,
        fct.pnr,
        fct.municipality_code,
        fct.exclusion_rule,
        plans.n_plan_procedures
    from {{ ref('fct_rehab_courses') }} as fct
    inner join {{ ref('int_rehab_plans_selected') }} as plans
        on fct.course_id = plans.course_id
),

-- Every other case's candidate units (its units model, benchmark_case_models).
courses as (
    select * from rehab_courses
    {%- for case in benchmark_case_models() if case.case != 'rehab' %}
        union all
        select
            '{{ case.case }}' as benchmark_case,
            cast({{ case.key }} as varchar) as unit_id,
            pnr,
            municipality_code,
            exclusion_rule,
            null as n_plan_procedures
        from {{ case.units }}
    {%- endfor %}
),

rules as (
    select * from {{ benchmark_case_rules_relation() }}
),

courses_by_rule as (
    select
        courses.benchmark_case,
        courses.unit_id as course_id,
        courses.pnr,
        courses.municipality_code,
        courses.n_plan_procedures,
        exclusions.rule_order as exclusion_rule_order
    from courses
    left join rules as exclusions
        on
            courses.benchmark_case = exclusions.benchmark_case
            and courses.exclusion_rule = exclusions.rule
),

flow as (
    select
        rules.benchmark_case,
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
        case
            when rules.benchmark_case = 'rehab'
                then cast(coalesce(sum(courses_by_rule.n_plan_procedures) filter (
                    where coalesce(courses_by_rule.exclusion_rule_order > rules.rule_order, true)
                ), 0) as bigint)
        end as n_plans,
        count(*) filter (where courses_by_rule.exclusion_rule_order = rules.rule_order) as n_courses_excluded
    from courses_by_rule
    inner join rules
        on courses_by_rule.benchmark_case = rules.benchmark_case
    group by grouping sets (
        (rules.benchmark_case, rules.rule, rules.rule_order, rules.rule_name, rules.description),
        (
            rules.benchmark_case, rules.rule, rules.rule_order, rules.rule_name, rules.description,
            courses_by_rule.municipality_code
        )
    )
),

final as (
    select
        flow.benchmark_case,
        flow.scope,
        flow.municipality_code,
        case when flow.scope = 'national' then 'Hele landet' else municipalities.municipality_name end
            as municipality_name,
        flow.rule,
        flow.rule_order,
        flow.rule_order = max(flow.rule_order) over (partition by flow.benchmark_case) as is_last_rule,
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
order by benchmark_case asc, scope desc, municipality_code asc nulls first, rule_order asc
