{#- National figure of METHOD §6.4: the distribution of benefit_weeks_before_start (§5:
    benefit weeks from week -8 relative to admission through week 0 of the start) among
    the courses on and off benefits at the outcome month (the report's figure 5.1:
    10 % of those on benefits at 3 months had none before, 71 % of those off). -#}

with

courses as (
    select * from {{ ref('int_population_courses_described') }}
),

levels as (
    select
        level,
        level_order
    from {{ ref('ref_covariate_levels') }}
    where benchmark_case = 'rehab' and covariate = 'benefit_weeks_before_start'
),

outcome_groups as (
    select
        case on_benefits_outcome_month when 1 then 'on benefits' else 'not on benefits' end as outcome_group,
        benefit_weeks_before_start as band,
        count(*) as n_courses,
        sum(count(*)) over (partition by on_benefits_outcome_month) as n_group
    from courses
    group by on_benefits_outcome_month, benefit_weeks_before_start
),

final as (
    select
        outcome_groups.outcome_group,
        outcome_groups.band as benefit_weeks_before_start,
        levels.level_order,
        {{ var('outcome_month') }} as outcome_month,
        {{ suppress('outcome_groups.n_courses', 'outcome_groups.n_courses') }} as n_courses,
        -- Suppressed with its count: the other bands' shares and counts would give it back.
        {{ suppress(
            'round(100.0 * outcome_groups.n_courses / outcome_groups.n_group, 4)', 'outcome_groups.n_courses'
        ) }} as share_pct,
        {{ is_suppressed('outcome_groups.n_courses') }} as n_courses_is_suppressed
    from outcome_groups
    inner join levels
        on outcome_groups.band = levels.level
)

select * from final
order by outcome_group desc, level_order asc
