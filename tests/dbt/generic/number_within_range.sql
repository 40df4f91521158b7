{#- Every value of a numeric column lies in [min_value, max_value] (an amount the
    register can hold: hours in a month, services of a claim, an income); null fails
    unless allow_null. A bound is a number or the name of the var that holds it
    (dbt_project.yml: one threshold in one place). One failing row that counts all
    offending rows, with the smallest and largest offending values and example keys. -#}
{% test number_within_range(model, column_name, min_value, max_value, key_columns, allow_null=false) %}
    {%- set min_value = var(min_value) if min_value is string else min_value -%}
    {%- set max_value = var(max_value) if max_value is string else max_value -%}
    {{ config(fail_calc='coalesce(sum(n_rows), 0)') }}
    select
        {{ sql_string(column_name ~ ' is outside ' ~ min_value ~ '..' ~ max_value
            ~ ('' if allow_null else ' or null')) }} as problem,
        cast(min({{ column_name }}) as varchar) || '..' || cast(max({{ column_name }}) as varchar) as value,
        count(*) as n_rows,
        {{ load_check_example_keys(key_columns) }} as example_keys
    from {{ model }}
    where
        {{ column_name }} < {{ min_value }}
        or {{ column_name }} > {{ max_value }}
        {%- if not allow_null %} or {{ column_name }} is null{% endif %}
    having count(*) > 0
{% endtest %}
