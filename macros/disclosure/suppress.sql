{#- Disclosure control (METHOD §6.6): a share, count or mean computed from
    disclosure_max_courses (5) or fewer courses is suppressed, i.e. published as null
    with a flag, never as zero. n_courses_expr is the number of courses the value is
    computed from. -#}
{% macro suppress(value_expr, n_courses_expr) -%}
    case when {{ n_courses_expr }} > {{ var('disclosure_max_courses') }} then {{ value_expr }} end
{%- endmacro %}


{#- The flag that goes with suppress(): true when the cell is suppressed. -#}
{% macro is_suppressed(n_courses_expr) -%}
    coalesce({{ n_courses_expr }} <= {{ var('disclosure_max_courses') }}, true)
{%- endmacro %}
