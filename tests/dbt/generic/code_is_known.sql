{#- Every value of the column is a code of the reference table `to` (column `field`),
    e.g. every kom a municipality of ref_municipalities. With prefix_length, the first
    that many characters are the code (the DB07 division of a 6-digit industry code, the
    level of a 4-digit hfaudd). Null passes unless allow_null is false. One failing row
    per unknown code. -#}
{% test code_is_known(model, column_name, to, field, key_columns, prefix_length=none, allow_null=true) %}
    {{ config(fail_calc='coalesce(sum(n_rows), 0)') }}
    {%- set code = 'substr(register.' ~ column_name ~ ', 1, ' ~ prefix_length ~ ')' if prefix_length else 'register.' ~ column_name %}
    select
        {{ sql_string(column_name ~ (' (first ' ~ prefix_length ~ ' characters)' if prefix_length else '')
            ~ ' is not a code of ' ~ to.identifier ~ '.' ~ field) }} as problem,
        cast(register.{{ column_name }} as varchar) as value,
        count(*) as n_rows,
        {{ load_check_example_keys(key_columns) }} as example_keys
    from {{ model }} as register
    anti join {{ to }} as known
        on {{ code }} = known.{{ field }}
    {%- if allow_null %}
    where register.{{ column_name }} is not null
    {%- endif %}
    group by register.{{ column_name }}
{% endtest %}
