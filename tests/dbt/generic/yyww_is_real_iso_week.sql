{#- A 'YYWW' text column names a real ISO week (WW from 01 to 52, or 53 in a year with
    53 ISO weeks; YY 00-49 is 2000-2049). Null fails. One failing row per value. -#}
{% test yyww_is_real_iso_week(model, column_name, key_columns) %}
    {{ config(fail_calc='coalesce(sum(n_rows), 0)') }}
    select
        {{ sql_string(column_name ~ ' is not a real ISO week YYWW') }} as problem,
        cast({{ column_name }} as varchar) as value,
        count(*) as n_rows,
        {{ load_check_example_keys(key_columns) }} as example_keys
    from {{ model }}
    where not coalesce({{ is_real_yyww(column_name) }}, false)
    group by {{ column_name }}
{% endtest %}
