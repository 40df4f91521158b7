{#- The Monday of ISO week week_expr of ISO year year_expr (both integer SQL expressions).
    4 January always lies in week 1 of its ISO year. -#}
{% macro iso_week_start(year_expr, week_expr) -%}
    ({{ iso_week_monday('make_date(cast(' ~ year_expr ~ ' as integer), 1, 4)') }} + cast(7 * (({{ week_expr }}) - 1) as integer))
{%- endmacro %}


{#- The number of ISO weeks (52 or 53) of ISO year year_expr: 28 December is always in
    the last week of its year. -#}
{% macro iso_weeks_in_year(year_expr) -%}
    week(make_date(cast({{ year_expr }} as integer), 12, 28))
{%- endmacro %}
