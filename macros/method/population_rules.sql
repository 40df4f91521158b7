{#- The rules of METHOD §3 in order, with a description that shows the vars in force:
    the population flow (§6.5) and its reports name each rule from here. -#}
{% macro population_rules() -%}
    {%- set rules = [
        ('1', 'rehab plan', 'LPR contact with a general rehab plan (' ~ (var('general_plan_codes') | join(', '))
            ~ ') dated ' ~ var('plan_period_start') ~ ' to ' ~ var('plan_period_end')),
        ('2', 'musculoskeletal', 'contact DRG-grouped to MDC ' ~ var('musculoskeletal_mdc')),
        ('3', 'linked rehab course', 'first municipal rehab service at most ' ~ var('first_service_max_days')
            ~ ' days after discharge, at least ' ~ var('min_services') ~ ' services, start in '
            ~ (var('start_years') | join(' or '))),
        ('4', 'age', 'aged ' ~ var('min_age') ~ '-' ~ var('max_age') ~ ' in the year of rehab start'),
        ('5', 'in work', 'at least ' ~ var('min_hours_in_work') ~ ' paid hours in the month '
            ~ var('months_before_admission') ~ ' months before admission'),
        ('6', 'not on benefits before', 'at most ' ~ var('max_benefit_weeks_before')
            ~ ' public-benefit week(s) among weeks -9 to -7 before admission'),
        ('7', 'repeat courses', 'at least ' ~ var('repeat_course_min_days')
            ~ ' days from the discharge of the previous counted course'),
        ('8', 'alive and resident', 'no death, emigration or DREAM 997/999 from '
            ~ var('months_before_admission') ~ ' months before admission to week 26 after start'),
        ('9', 'determinable', 'not undeterminable at month ' ~ var('outcome_month')),
        ('10a', 'municipal reporting every month', 'municipal GES reporting in all 12 months of the year'),
        ('10b', 'municipal reporting steady', 'services per person swing more than '
            ~ ((var('quality_max_swing') * 100) | round | int) ~ ' % at most '
            ~ var('quality_max_swings') ~ ' time(s) in the year'),
        ('10c', 'enough courses that year', 'at least ' ~ var('quality_min_courses_year')
            ~ ' courses in the municipality that year'),
        ('10d', 'enough courses in total', 'at least ' ~ var('quality_min_courses_total')
            ~ ' courses in the municipality over its kept years'),
    ] -%}
    {{- return(numbered_rules(rules)) -}}
{%- endmacro %}


{#- The rules as a relation (rule, rule_order, rule_name, description). -#}
{% macro population_rules_relation() -%}
    {%- set rows = [] -%}
    {%- for r in population_rules() -%}
        {%- do rows.append('(' ~ sql_string(r.rule) ~ ', ' ~ r.rule_order ~ ', ' ~ sql_string(r.rule_name)
            ~ ', ' ~ sql_string(r.description) ~ ')') -%}
    {%- endfor -%}
    (select * from (values {{ rows | join(', ') }}) as rules (rule, rule_order, rule_name, description))
{%- endmacro %}


{#- The rules of METHOD §9.1 (the sickness-spell benchmark) in order, as population_rules
    gives §3's: the flow of the case (§6.5, §14) names each rule from here. -#}
{% macro sickness_population_rules() -%}
    {%- set rules = [
        ('1', 'sickness spell', 'sickness spell (§8) starting in ' ~ (var('sickness_start_years') | join(' or '))
            ~ ', not left-censored'),
        ('2', 'past the employer period', 'the spell reaches spell week ' ~ var('sickness_min_spell_weeks')),
        ('3', 'age', 'aged ' ~ var('min_age') ~ '-' ~ var('max_age') ~ ' in the start year'),
        ('4', 'in work', 'at least ' ~ var('min_hours_in_work') ~ ' paid hours in the month '
            ~ var('months_before_admission') ~ ' months before the start week'),
        ('5', 'not on benefits before', 'at most ' ~ var('max_benefit_weeks_before')
            ~ ' public-benefit week(s) among weeks -9 to -7 before the start week'),
        ('6', 'alive and resident', 'no death, emigration or DREAM 997/999 from '
            ~ var('months_before_admission') ~ ' months before the start to week 26 after it'),
        ('7', 'determinable', 'not undeterminable at month ' ~ var('sickness_outcome_month')),
        ('8', 'one spell per person and year', "the person's first spell of the year that passes rules 1-7"),
        ('9', 'enough spells', 'at least ' ~ var('quality_min_courses_year') ~ ' spells in the municipality in a start year and '
            ~ var('quality_min_courses_total') ~ ' in total (a benchmark municipality needed)'),
    ] -%}
    {{- return(numbered_rules(rules)) -}}
{%- endmacro %}


{#- Every benchmark case's rules as one relation (benchmark_case, rule, rule_order,
    rule_name, description), from the rules of each entry of benchmark_case_models. -#}
{% macro benchmark_case_rules_relation() -%}
    {%- set rows = [] -%}
    {%- for case in benchmark_case_models() -%}
        {%- for r in case.rules -%}
            {%- do rows.append('(' ~ sql_string(case.case) ~ ', ' ~ sql_string(r.rule) ~ ', ' ~ r.rule_order
                ~ ', ' ~ sql_string(r.rule_name) ~ ', ' ~ sql_string(r.description) ~ ')') -%}
        {%- endfor -%}
    {%- endfor -%}
    (
        select * from (values {{ rows | join(', ') }})
            as rules (benchmark_case, rule, rule_order, rule_name, description)
    )
{%- endmacro %}


{#- (rule, name, description) tuples as the dicts the flow reads, numbered in order. -#}
{% macro numbered_rules(rules) -%}
    {%- set out = [] -%}
    {%- for rule in rules -%}
        {%- do out.append({'rule': rule[0], 'rule_order': loop.index, 'rule_name': rule[1], 'description': rule[2]}) -%}
    {%- endfor -%}
    {{- return(out) -}}
{%- endmacro %}
