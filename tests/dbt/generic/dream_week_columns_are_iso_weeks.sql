{#- Every DREAM column whose name starts with y_ is named y_YYWW for a real ISO week
    (y_1553 is, since 2015 has 53 ISO weeks; y_1653 is not). One failing row per
    offending column. -#}
{% test dream_week_columns_are_iso_weeks(model) %}
    {{ config(fail_calc='coalesce(sum(n_rows), 0)') }}
    select
        'DREAM column name is not y_YYWW of a real ISO week' as problem,
        column_name as value,
        1 as n_rows,
        cast(null as varchar) as example_keys
    from (describe select * from {{ model }})
    where
        starts_with(column_name, 'y_')
        and not coalesce({{ is_real_yyww("substr(column_name, 3)") }}, false)
{% endtest %}
