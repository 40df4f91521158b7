{#- In the rows where `condition` holds, the column equals other_column (an outpatient
    contact, c_pattype 2, is discharged the day it is admitted: hospital_contact_days
    counts it as 1 day). One failing row that counts all offending rows; its examples
    show both values. -#}
{% test equals_column_when(model, column_name, other_column, condition, key_columns) %}
    {{ config(fail_calc='coalesce(sum(n_rows), 0)') }}
    select
        {{ sql_string(column_name ~ ' differs from ' ~ other_column ~ ' where ' ~ condition) }} as problem,
        null as value,
        count(*) as n_rows,
        array_to_string(
            min(
                {{ load_check_key(key_columns) }}
                || ' ({{ other_column }} ' || coalesce(cast({{ other_column }} as varchar), 'null')
                || ', {{ column_name }} ' || coalesce(cast({{ column_name }} as varchar), 'null') || ')',
                5
            ),
            ', '
        ) as example_keys
    from {{ model }}
    where ({{ condition }}) and {{ column_name }} is distinct from {{ other_column }}
    having count(*) > 0
{% endtest %}
