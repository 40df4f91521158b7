{#- Every non-null key of the column has a row in the parent register `to` (column
    `field`), e.g. every recnum of lpr_diag is a contact of lpr_adm: a child row without
    its parent would silently drop out of every join. One failing row that counts all
    orphan rows, with example keys. -#}
{% test key_has_parent(model, column_name, to, field, key_columns) %}
    {{ config(fail_calc='coalesce(sum(n_rows), 0)') }}
    select
        {{ sql_string(column_name ~ ' has no row in ' ~ to.identifier ~ '.' ~ field) }} as problem,
        null as value,
        count(*) as n_rows,
        {{ load_check_example_keys(key_columns) }} as example_keys
    from {{ model }} as register
    anti join {{ to }} as parent
        on register.{{ column_name }} = parent.{{ field }}
    where register.{{ column_name }} is not null
    having count(*) > 0
{% endtest %}
