{#- A column that identifies something (a person of a contact or service) is never null:
    a null would silently drop the row from every join. One failing row that counts the
    null rows, with example keys. -#}
{% test never_null(model, column_name, key_columns) %}
    {{ config(fail_calc='coalesce(sum(n_rows), 0)') }}
    select
        {{ sql_string('null in ' ~ column_name) }} as problem,
        null as value,
        count(*) as n_rows,
        {{ load_check_example_keys(key_columns) }} as example_keys
    from {{ model }}
    where {{ column_name }} is null
    having count(*) > 0
{% endtest %}
