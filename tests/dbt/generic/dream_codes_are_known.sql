{#- Every value in every week column y_YYWW of the DREAM file (all of them, not only the
    weeks staging reads) is a code of the reference table `codes` (METHOD §2: a code that
    is not in the table is a data error). One failing row per unknown code: its number
    of person-weeks and example person / week column pairs.

    Two steps, so that a valid national file costs one histogram pass: at run time a
    histogram of every week column finds the unknown codes; only when there are some,
    the test query unpivots the file to count and show them. -#}
{% test dream_codes_are_known(model, codes, code_column='dream_code') %}
    {{ config(fail_calc='coalesce(sum(n_rows), 0)') }}
    {%- set week_pattern = '^y_[0-9]{4}$' -%}
    {%- set unknown_codes = [] -%}
    {%- if execute -%}
        {%- set find_unknown_codes -%}
            with histograms as (
                unpivot (select histogram(columns('{{ week_pattern }}')) from {{ model }})
                on columns(*)
                into name week_column value week_histogram
            ),

            week_values as (
                select unnest(map_keys(week_histogram)) as code
                from histograms
            )

            select distinct week_values.code
            from week_values
            anti join {{ codes }} as known
                on week_values.code = known.{{ code_column }}
            order by week_values.code
        {%- endset -%}
        {%- set unknown_codes = run_query(find_unknown_codes).columns[0].values() | list -%}
    {%- endif %}

    {%- if unknown_codes | length == 0 %}
    select
        cast(null as varchar) as problem,
        cast(null as varchar) as value,
        cast(0 as bigint) as n_rows,
        cast(null as varchar) as example_keys
    where false
    {%- else %}
    with week_values as (
        unpivot (select pnr, columns('{{ week_pattern }}') from {{ model }})
        on columns('{{ week_pattern }}')
        into name week_column value code
    )

    select
        {{ sql_string('DREAM week value is not a code of ' ~ codes.identifier ~ '.' ~ code_column) }} as problem,
        cast(code as varchar) as value,
        count(*) as n_rows,
        array_to_string(min(pnr || ' / ' || week_column, 5), ', ') as example_keys
    from week_values
    where code in ({{ unknown_codes | join(', ') }})
    group by code
    {%- endif %}
{% endtest %}
