{#- The weeks after rehab start that measure month m (METHOD §1): week 0 alone for
    m = 0 ("at start"), else the three weeks w-2, w-1, w with w = round(52 m / 12), so
    month 3 is weeks 11-13 and month 6 weeks 24-26. -#}
{% macro month_weeks(m) -%}
    {%- set m = m | int -%}
    {%- if m == 0 -%}
        {{- return([0]) -}}
    {%- endif -%}
    {%- set w = (52 * m / 12) | round | int -%}
    {{- return([w - 2, w - 1, w]) -}}
{%- endmacro %}


{#- How many of month m's weeks decide it (METHOD §1): week 0 at start, else 2 of 3. -#}
{% macro month_weeks_needed(m) -%}
    {{- return(1 if (m | int) == 0 else 2) -}}
{%- endmacro %}


{#- The months 0..6 that the outcome and the descriptive marts measure (METHOD §4). -#}
{% macro outcome_months() -%}
    {{- return(range(7) | list) -}}
{%- endmacro %}
