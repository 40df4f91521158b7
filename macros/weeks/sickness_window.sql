{#- The weeks of DREAM that a sickness spell of the benchmark (METHOD §9) reads,
    relative to its start week, the one place they are written: benefit_weeks_prior_year
    (§9.3 as §5) counts the 52 weeks before week -8, so from week -60; rule 5 looks at
    weeks -9..-7; rule 6 runs from 2 months before the start (inside week -9) to week 26,
    the last week of the last outcome month (6). -#}
{% macro sickness_window() -%}
    {{- return({
        'first_week_from_start': -8 - 52,
        'last_week_from_start': month_weeks(6) | last,
        'rule_5_weeks': [-9, -8, -7],
        'prior_year_weeks': [-8 - 52, -9],
    }) -}}
{%- endmacro %}
