{#- The leading columns of a mart with one row per municipality and a national row,
    grouped by grouping sets ((), (municipality_code)): scope ('national' or
    'municipality'), municipality_code (null nationally) and municipality_name
    ('Hele landet' nationally). Its lines are indented for a select list at 8 spaces. -#}
{% macro municipal_and_national_columns(code_column='municipality_code', name_column='municipality_name') -%}
    case when grouping({{ code_column }}) = 1 then 'national' else 'municipality' end as scope,
        {{ code_column }},
        case when grouping({{ code_column }}) = 1 then 'Hele landet' else any_value({{ name_column }}) end
        as municipality_name
{%- endmacro %}
