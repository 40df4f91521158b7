{#- The Monday of the ISO week that contains date_expr (METHOD §1), as a DATE. -#}
{% macro iso_week_monday(date_expr) -%}
    cast(date_trunc('week', cast({{ date_expr }} as date)) as date)
{%- endmacro %}
