{#- Every value of an integer code column is one of `values` (null fails unless
    allow_null). One failing row per offending value. -#}
{% test accepted_integers(model, column_name, values, key_columns, allow_null=false) %}
    {{ config(fail_calc='coalesce(sum(n_rows), 0)') }}
    select
        {{ sql_string(column_name ~ ' is not one of ' ~ (values | join(', '))) }} as problem,
        cast({{ column_name }} as varchar) as value,
        count(*) as n_rows,
        {{ load_check_example_keys(key_columns) }} as example_keys
    from {{ model }}
    where
        {{ column_name }} not in ({{ values | join(', ') }})
        {%- if not allow_null %} or {{ column_name }} is null{% endif %}
    group by {{ column_name }}
{% endtest %}
