{#- On benefits at months 0..6 (METHOD §1, §4; §9.2 for spells), in two steps shared by
    every benchmark case: month_week_counts() is the select list of an aggregate over a
    unit's weekly status rows (one row per non-blank week, `week_column` its number
    relative to the unit's start, `status_class` its class), and month_outcomes(counts)
    turns those counts into on_benefits_m<m>: 1 when at least month_weeks_needed(m) of
    the month's weeks are of class on_benefits, 0 when not, null when as many are
    undeterminable (the unit is left out of that month). A unit without weekly rows was
    self-supporting throughout: coalesce the counts to 0 before month_outcomes. -#}
{% macro month_week_counts(week_column) -%}
    {%- for m in outcome_months() %}
        count(*) filter (
            where {{ week_column }} in {{ sql_list(month_weeks(m)) }} and status_class = 'on_benefits'
        ) as m{{ m }}_benefit_weeks,
        count(*) filter (
            where {{ week_column }} in {{ sql_list(month_weeks(m)) }} and status_class = 'undeterminable'
        ) as m{{ m }}_undeterminable_weeks{{ "," if not loop.last }}
    {%- endfor %}
{%- endmacro %}


{#- Called as {{ month_outcome('counts', m) | indent(n) }} at an indent of n spaces. -#}
{% macro month_outcome(counts, m) -%}
case
    when coalesce({{ counts }}.m{{ m }}_undeterminable_weeks, 0) >= {{ month_weeks_needed(m) }} then null
    when coalesce({{ counts }}.m{{ m }}_benefit_weeks, 0) >= {{ month_weeks_needed(m) }} then 1
    else 0
end
{%- endmacro %}
