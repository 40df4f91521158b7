{#- The report's table 1.1 (METHOD §6.2) for every benchmark case (§14) at the case's
    outcome month: the mean actual share of the 10 municipalities with the lowest and with the highest share on benefits,
    the mean indicator of the 10 best and the 10 worst, and the national share, with
    the municipalities named and the report's figures beside ours. -#}
{%- set n_top = 10 -%}

with

benchmark as (
    select
        benchmark.*,
        municipalities.municipality_name,
        row_number() over (
            partition by benchmark.benchmark_case
            order by benchmark.actual_share asc, benchmark.municipality_code asc
        ) as low_share_rank,
        row_number() over (
            partition by benchmark.benchmark_case
            order by benchmark.actual_share desc, benchmark.municipality_code asc
        ) as high_share_rank,
        row_number() over (partition by benchmark.benchmark_case order by benchmark.rank desc) as worst_rank
    from {{ ref('int_municipal_benchmark') }} as benchmark
    inner join {{ ref('int_benchmark_cases') }} as cases
        on
            benchmark.benchmark_case = cases.benchmark_case
            and benchmark.outcome_month = cases.outcome_month
    inner join {{ ref('ref_municipalities') }} as municipalities
        on benchmark.municipality_code = municipalities.municipality_code
),

predictions as (
    select predictions.*
    from {{ ref('int_benchmark_predictions') }} as predictions
    inner join {{ ref('int_benchmark_cases') }} as cases
        on
            predictions.benchmark_case = cases.benchmark_case
            and predictions.outcome_month = cases.outcome_month
),

-- One row per figure and member municipality: the figure is the mean over its members.
members as (
    select
        benchmark_case,
        'lowest_actual_share' as figure,
        1 as figure_order,
        100 * actual_share as member_value,
        municipality_name,
        low_share_rank as member_order
    from benchmark
    where low_share_rank <= {{ n_top }}
    union all
    select
        benchmark_case,
        'highest_actual_share' as figure,
        2 as figure_order,
        100 * actual_share as member_value,
        municipality_name,
        high_share_rank as member_order
    from benchmark
    where high_share_rank <= {{ n_top }}
    union all
    select
        benchmark_case,
        'best_indicator' as figure,
        3 as figure_order,
        indicator_pp as member_value,
        municipality_name,
        rank as member_order
    from benchmark
    where rank <= {{ n_top }}
    union all
    select
        benchmark_case,
        'worst_indicator' as figure,
        4 as figure_order,
        indicator_pp as member_value,
        municipality_name,
        worst_rank as member_order
    from benchmark
    where worst_rank <= {{ n_top }}
),

figures as (
    select
        benchmark_case,
        figure,
        figure_order,
        avg(member_value) as figure_value,
        count(*) as n_municipalities,
        string_agg(municipality_name, ', ' order by member_order) as municipalities
    from members
    group by benchmark_case, figure, figure_order
    union all
    select
        benchmark_case,
        'national_share' as figure,
        5 as figure_order,
        100 * avg(on_benefits) as figure_value,
        null as n_municipalities,
        null as municipalities
    from predictions
    group by benchmark_case
),

final as (
    select
        figures.benchmark_case,
        figures.figure,
        figures.figure_order,
        report.unit,
        cases.outcome_month,
        round(figures.figure_value, 4) as value,
        figures.n_municipalities,
        figures.municipalities,
        report.report_value
    from figures
    inner join {{ ref('int_benchmark_cases') }} as cases
        on figures.benchmark_case = cases.benchmark_case
    left join {{ ref('report_table_1_1_summary') }} as report
        on
            figures.figure = report.figure
            -- The report's figures are of its case at month 3 (METHOD §3 rule 9): no
            -- comparison for another case or month.
            and cases.compares_with_report
            and cases.outcome_month = {{ var('report_outcome_month') }}
)

select * from final
order by benchmark_case asc, figure_order asc
