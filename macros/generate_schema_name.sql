{#- Use the configured schema name as is (staging, intermediate, marts, reference),
    so BI tools read `marts.<model>` whatever the target. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
