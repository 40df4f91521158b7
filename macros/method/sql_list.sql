{#- A SQL list of literals from a Jinja list: ['AWG1', 'AWG2'] -> ('AWG1', 'AWG2'),
    [2016, 2017] -> (2016, 2017). For the list-valued vars of dbt_project.yml. -#}
{% macro sql_list(values) -%}
    (
    {%- for value in values -%}
        {%- if value is string -%}'{{ value | replace("'", "''") }}'{%- else -%}{{ value }}{%- endif -%}
        {%- if not loop.last %}, {% endif -%}
    {%- endfor -%}
    )
{%- endmacro %}
