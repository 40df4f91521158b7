{#- The benchmark cases (METHOD §14): ref_benchmark_cases with each case's outcome month
    read from the var the seed names, so that the machinery fits and publishes every
    case at its own month. -#}
-- depends_on: {{ ref('ref_benchmark_cases') }}

with

cases as (
    select * from {{ ref('ref_benchmark_cases') }}
),

case_vars as (
    select
        case_vars.benchmark_case,
        case_vars.outcome_month
    from (
        values
        {%- for case in benchmark_cases() %}
            ('{{ case.case }}', {{ case.outcome_month }}){{ "," if not loop.last }}
        {%- endfor %}
    ) as case_vars (benchmark_case, outcome_month)
),

final as (
    select
        cases.benchmark_case,
        cases.case_order,
        cases.case_label,
        cases.unit_noun,
        cases.unit_noun_plural,
        cast(case_vars.outcome_month as integer) as outcome_month,
        cases.compares_with_report
    from cases
    inner join case_vars
        on cases.benchmark_case = case_vars.benchmark_case
)

select * from final
order by case_order asc
