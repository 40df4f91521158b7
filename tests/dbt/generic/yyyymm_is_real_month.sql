{#- An integer YYYYMM column names a real month from 1900-01 to 2030-12. Null fails.
    One failing row per offending value. -#}
{% test yyyymm_is_real_month(model, column_name, key_columns) %}
    {{ config(fail_calc='coalesce(sum(n_rows), 0)') }}
    select
        {{ sql_string(column_name ~ ' is not a real month YYYYMM in 190001..203012') }} as problem,
        cast({{ column_name }} as varchar) as value,
        count(*) as n_rows,
        {{ load_check_example_keys(key_columns) }} as example_keys
    from {{ model }}
    where not coalesce(
        {{ column_name }} // 100 between 1900 and 2030
        and {{ column_name }} % 100 between 1 and 12,
        false
    )
    group by {{ column_name }}
{% endtest %}
