{#- Every benchmark case's covariates in long form (METHOD §14): one row per unit of a
    case's population and covariate of the case (its rows in int_covariate_levels),
    with the unit's level. The case's covariate model is wide (a column per covariate,
    other columns besides); it is unpivoted whole and kept to the case's covariates, so
    that a covariate added to the seed needs no change here. A null level has no row,
    and the model (rtw.model.design.check_levels) stops on it with the covariate's name.

    A covariate whose level depends on the outcome month (the rehab case's
    measurement_month, §5: the calendar month of the measurement) has, besides its
    column for the case's own month, a column `<covariate>_m<m>` per outcome month m:
    those rows carry outcome_month m, and the model fitted at month m takes them in
    place of the plain column's (outcome_month null: the same at every month). -#}

with

case_covariates as (
    select distinct
        benchmark_case,
        covariate
    from {{ ref('int_covariate_levels') }}
),

-- The columns that hold a covariate: its own (every month) and one per outcome month.
case_columns as (
    select
        case_covariates.benchmark_case,
        case_covariates.covariate,
        case_covariates.covariate || months.suffix as column_name,
        months.outcome_month
    from case_covariates
    cross join (
        values
        (null, ''),
        {%- for m in outcome_months() %}
            ({{ m }}, '_m{{ m }}'){{ "," if not loop.last }}
        {%- endfor %}
    ) as months (outcome_month, suffix)
),

-- Each case's covariate model, every column but the key as text, one row per column.
unpivoted as (
    {%- for case in benchmark_case_models() %}
        {%- if not loop.first %}
            union all
        {%- endif %}
        select
            '{{ case.case }}' as benchmark_case,
            unit_id,
            column_name,
            level
        from (
            unpivot (
                select
                    cast({{ case.key }} as varchar) as unit_id,
                    columns(* exclude ({{ case.key }}))::varchar
                from {{ case.covariates }}
            )
            on columns(* exclude (unit_id))
            into name column_name value level
        )
    {%- endfor %}
),

final as (
    select
        unpivoted.benchmark_case,
        unpivoted.unit_id,
        case_columns.covariate,
        cast(case_columns.outcome_month as integer) as outcome_month,
        unpivoted.level
    from unpivoted
    inner join case_columns
        on
            unpivoted.benchmark_case = case_columns.benchmark_case
            and unpivoted.column_name = case_columns.column_name
)

select * from final
