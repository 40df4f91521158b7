{#- Week k relative to a date (METHOD §1): the Monday of the ISO week that contains
    date_expr + 7k days. k may be a number or an integer SQL expression. -#}
{% macro week_relative(date_expr, k) -%}
    ({{ iso_week_monday(date_expr) }} + cast(7 * ({{ k }}) as integer))
{%- endmacro %}
