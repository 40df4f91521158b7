{#- DREAM's wide rows as runs: one row per person and maximal run of consecutive weeks
    with the same code, runs of blank weeks (no public benefit) included with
    benefit_code null: pnr, first_index, last_index (BIGINT positions in week_columns,
    which are consecutive calendar weeks, so week indexes), benefit_code (SMALLINT).
    The run starts are found on the wide row, where a week's code differs from the
    previous week's; a run ends the week before the next run starts (the last at the
    last week); only the runs are unnested, never every person-week: on the default registers 2.1 M runs stand for
    96 M person-weeks (METHOD §8, issue 17). Blank weeks are compared as -1 (no DREAM
    code is negative). `wide_relation` is a relation or CTE with pnr and week_columns. -#}
{% macro dream_week_runs(wide_relation, week_columns) -%}
    {%- set n = week_columns | length -%}
    {%- set blank_as_minus_one, run_starts = [], ['0'] -%}
    {%- for column in week_columns -%}
        {%- do blank_as_minus_one.append('coalesce(' ~ column ~ ', -1) as ' ~ column) -%}
    {%- endfor -%}
    {%- for i in range(1, n) -%}
        {%- set changes = week_columns[i] ~ ' <> ' ~ week_columns[i - 1] -%}
        {%- do run_starts.append('case when ' ~ changes ~ ' then ' ~ i ~ ' end') -%}
    {%- endfor -%}
    -- DuckDB's lambda syntax does not parse in sqlfluff: the select below is exempt from its parse rule (PRS).
    select  -- noqa: PRS
        pnr,
        cast(unnest(run_starts) as bigint) as first_index,
        cast(unnest(list_concat(list_transform(list_slice(run_starts, 2, len(run_starts)), lambda s: s - 1), [{{ n - 1 }}]))
            as bigint) as last_index,
        cast(nullif(unnest(list_select(codes, list_transform(run_starts, lambda i: i + 1))), -1) as smallint)
            as benefit_code
    from (
        select
            pnr,
            list_value({{ week_columns | join(', ') }}) as codes,
            list_filter(list_value({{ run_starts | join(', ') }}), lambda i: i is not null) as run_starts
        from (
            select
                pnr,
                {{ blank_as_minus_one | join(', ') }}
            from {{ wide_relation }}
        ) as blank_as_minus_one
    ) as runs_listed
{%- endmacro %}
