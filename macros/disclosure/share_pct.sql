{#- A share in per cent of the courses where condition_expr holds among those where
    denominator_expr holds (null conditions are left out of both, as undeterminable
    months are), rounded to 4 decimals so that published marts are byte-stable, and
    suppressed when the denominator holds disclosure_max_courses (5) or fewer courses
    (METHOD §6.6). An aggregate: use it in a grouped select. -#}
{% macro share_pct(condition_expr, denominator_expr='true') -%}
    {{ suppress(
        'round(100.0 * count(*) filter (where (' ~ denominator_expr ~ ') and (' ~ condition_expr ~ '))'
        ~ ' / count(*) filter (where (' ~ denominator_expr ~ ') and (' ~ condition_expr ~ ') is not null), 4)',
        'count(*) filter (where (' ~ denominator_expr ~ ') and (' ~ condition_expr ~ ') is not null)'
    ) }}
{%- endmacro %}


{#- The number of courses a share_pct() with the same arguments is computed from. -#}
{% macro share_n(condition_expr, denominator_expr='true') -%}
    count(*) filter (where ({{ denominator_expr }}) and ({{ condition_expr }}) is not null)
{%- endmacro %}
