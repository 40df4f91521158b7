{#- The report's table 1.1 (METHOD §6.2) at var outcome_month: the mean actual share
    of the 10 municipalities with the lowest and with the highest share on benefits,
    the mean indicator of the 10 best and the 10 worst, and the national share, with
    the municipalities named and the report's figures beside ours. -#}
{%- set n_top = 10 -%}

with

benchmark as (
    select
        benchmark.*,
        municipalities.municipality_name,
        row_number() over (order by benchmark.actual_share asc, benchmark.municipality_code asc) as low_share_rank,
        row_number() over (order by benchmark.actual_share desc, benchmark.municipality_code asc) as high_share_rank,
        row_number() over (order by benchmark.rank desc) as worst_rank
    from {{ ref('int_municipal_benchmark') }} as benchmark
    inner join {{ ref('ref_municipalities') }} as municipalities
        on benchmark.municipality_code = municipalities.municipality_code
    where benchmark.outcome_month = {{ var('outcome_month') }}
),

predictions as (
    select * from {{ ref('int_benchmark_predictions') }}
    where outcome_month = {{ var('outcome_month') }}
),

-- One row per figure and member municipality: the figure is the mean over its members.
members as (
    select
        'lowest_actual_share' as figure,
        1 as figure_order,
        100 * actual_share as member_value,
        municipality_name,
        low_share_rank as member_order
    from benchmark
    where low_share_rank <= {{ n_top }}
    union all
    select
        'highest_actual_share' as figure,
        2 as figure_order,
        100 * actual_share as member_value,
        municipality_name,
        high_share_rank as member_order
    from benchmark
    where high_share_rank <= {{ n_top }}
    union all
    select
        'best_indicator' as figure,
        3 as figure_order,
        indicator_pp as member_value,
        municipality_name,
        rank as member_order
    from benchmark
    where rank <= {{ n_top }}
    union all
    select
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
        figure,
        figure_order,
        avg(member_value) as figure_value,
        count(*) as n_municipalities,
        string_agg(municipality_name, ', ' order by member_order) as municipalities
    from members
    group by figure, figure_order
    union all
    select
        'national_share' as figure,
        5 as figure_order,
        100 * avg(on_benefits) as figure_value,
        null as n_municipalities,
        null as municipalities
    from predictions
),

final as (
    select
        figures.figure,
        figures.figure_order,
        report.unit,
        {{ var('outcome_month') }} as outcome_month,
        round(figures.figure_value, 4) as value,
        figures.n_municipalities,
        figures.municipalities,
        report.report_value
    from figures
    left join {{ ref('report_table_1_1_summary') }} as report
        on
            figures.figure = report.figure
            -- The report's figures are for month 3 (METHOD §3 rule 9): no comparison at another month.
            and {{ var('outcome_month') }} = {{ var('report_outcome_month') }}
)

select * from final
order by figure_order asc
