{#- The register's grain is unique: no two rows share the key `columns`, and no key
    column is null. One failing row per duplicated key (n_rows = rows sharing it) and
    one per key column with nulls. -#}
{% test grain_is_unique(model, columns) %}
    {{ config(fail_calc='coalesce(sum(n_rows), 0)') }}
    {%- set key_list = columns | join(', ') %}

    with duplicates as (
        select
            {{ key_list }},
            count(*) as n_rows
        from {{ model }}
        group by {{ key_list }}
        having count(*) > 1
    )

    select
        {{ sql_string('duplicate key (' ~ key_list ~ ')') }} as problem,
        {{ load_check_key(columns) }} as value,
        n_rows,
        {{ load_check_key(columns) }} as example_keys
    from duplicates
    {%- for column in columns %}

    union all

    select
        {{ sql_string('null in key column ' ~ column) }} as problem,
        null as value,
        count(*) as n_rows,
        {{ load_check_example_keys(columns) }} as example_keys
    from {{ model }}
    where {{ column }} is null
    having count(*) > 0
    {%- endfor %}
{% endtest %}
