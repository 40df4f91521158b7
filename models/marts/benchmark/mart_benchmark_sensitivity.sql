{#- How the ranking of METHOD §6.2 depends on the outcome month (§4, §9.2; the report
    also ran 2 and 6 months), for every benchmark case (§14): for each pair of fitted months (var outcome_month and
    sensitivity_months), the Spearman correlation of the municipalities' indicators
    (the correlation of their ranks) and the share of municipalities in the same
    quintile, over the municipalities benchmarked at both months. -#}

with

benchmark as (
    select * from {{ ref('int_municipal_benchmark') }}
),

pairs as (
    select
        first_month.benchmark_case,
        first_month.outcome_month as month_a,
        second_month.outcome_month as month_b,
        count(*) as n_municipalities,
        corr(first_month.rank, second_month.rank) as spearman_correlation,
        avg(case when first_month.quintile = second_month.quintile then 1.0 else 0.0 end) as same_quintile_share,
        avg(case when abs(first_month.quintile - second_month.quintile) <= 1 then 1.0 else 0.0 end)
            as within_one_quintile_share
    from benchmark as first_month
    inner join benchmark as second_month
        on
            first_month.benchmark_case = second_month.benchmark_case
            and first_month.municipality_code = second_month.municipality_code
            and first_month.outcome_month < second_month.outcome_month
    group by first_month.benchmark_case, first_month.outcome_month, second_month.outcome_month
),

final as (
    select
        benchmark_case,
        month_a,
        month_b,
        n_municipalities,
        round(spearman_correlation, 6) as spearman_correlation,
        round(100 * same_quintile_share, 4) as same_quintile_pct,
        round(100 * within_one_quintile_share, 4) as within_one_quintile_pct
    from pairs
)

select * from final
order by benchmark_case asc, month_a asc, month_b asc
