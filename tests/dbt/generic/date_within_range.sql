{#- Every date of the column lies in [min_date, max_date] (METHOD §7: 1900-2030).
    Null passes. One failing row per offending date. -#}
{% test date_within_range(model, column_name, key_columns, min_date='1900-01-01', max_date='2030-12-31') %}
    {{ config(fail_calc='coalesce(sum(n_rows), 0)') }}
    select
        {{ sql_string(column_name ~ ' is outside ' ~ min_date ~ '..' ~ max_date) }} as problem,
        cast({{ column_name }} as varchar) as value,
        count(*) as n_rows,
        {{ load_check_example_keys(key_columns) }} as example_keys
    from {{ model }}
    where
        cast({{ column_name }} as date) < date '{{ min_date }}'
        or cast({{ column_name }} as date) > date '{{ max_date }}'
    group by {{ column_name }}
{% endtest %}
