{#- Every value of a text code column is one of `values` (REGISTERS.md's list for the
    column, e.g. c_pattype 0, 2, 3); null fails unless allow_null. One failing row per
    offending value. -#}
{% test accepted_codes(model, column_name, values, key_columns, allow_null=false) %}
    {{ config(fail_calc='coalesce(sum(n_rows), 0)') }}
    select
        {{ sql_string(column_name ~ ' is not one of ' ~ (values | join(', '))) }} as problem,
        cast({{ column_name }} as varchar) as value,
        count(*) as n_rows,
        {{ load_check_example_keys(key_columns) }} as example_keys
    from {{ model }}
    where
        cast({{ column_name }} as varchar) not in ({% for v in values %}{{ sql_string(v) }}{{ ', ' if not loop.last }}{% endfor %})
        {%- if not allow_null %} or {{ column_name }} is null{% endif %}
    group by {{ column_name }}
{% endtest %}
