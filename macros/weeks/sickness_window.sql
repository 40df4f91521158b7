{#- The weeks of DREAM that a sickness spell of the benchmark (METHOD §9) reads,
    relative to its start week, the one place they are written: rule 5 looks at weeks
    -9..-7; rule 6 runs from 2 months before the start (inside week -9) to week 26, the
    last week of the last outcome month (6). -#}
{% macro sickness_window() -%}
    {{- return({
        'first_week_from_start': -9,
        'last_week_from_start': month_weeks(6) | last,
        'rule_5_weeks': [-9, -8, -7],
    }) -}}
{%- endmacro %}
