{#- The date column is never before earlier_column in the same row (e.g. discharge
    d_uddto >= admission d_inddto). One failing row that counts all offending rows;
    its examples show both dates. -#}
{% test date_not_before(model, column_name, earlier_column, key_columns) %}
    {{ config(fail_calc='coalesce(sum(n_rows), 0)') }}
    select
        {{ sql_string(column_name ~ ' is before ' ~ earlier_column) }} as problem,
        null as value,
        count(*) as n_rows,
        array_to_string(
            min(
                {{ load_check_key(key_columns) }}
                || ' ({{ earlier_column }} ' || cast({{ earlier_column }} as varchar)
                || ', {{ column_name }} ' || cast({{ column_name }} as varchar) || ')',
                5
            ),
            ', '
        ) as example_keys
    from {{ model }}
    where {{ column_name }} < {{ earlier_column }}
    having count(*) > 0
{% endtest %}
