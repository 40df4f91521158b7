{#- Every non-null value of the column is a code of the reference table `to` (column
    `field`), e.g. every kom a municipality of ref_municipalities. One failing row per
    unknown code. -#}
{% test code_is_known(model, column_name, to, field, key_columns) %}
    {{ config(fail_calc='coalesce(sum(n_rows), 0)') }}
    select
        {{ sql_string(column_name ~ ' is not a code of ' ~ to.identifier ~ '.' ~ field) }} as problem,
        cast(register.{{ column_name }} as varchar) as value,
        count(*) as n_rows,
        {{ load_check_example_keys(key_columns) }} as example_keys
    from {{ model }} as register
    anti join {{ to }} as known
        on register.{{ column_name }} = known.{{ field }}
    where register.{{ column_name }} is not null
    group by register.{{ column_name }}
{% endtest %}
