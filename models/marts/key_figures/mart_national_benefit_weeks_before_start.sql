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

counts as (
    select
        coalesce(on_benefits_outcome_month = 1, false) as is_on_benefits,
        benefit_weeks_before_start as band,
        count(*) as n_courses
    from courses
    group by all
),

outcome_groups as (
    select
        true as is_on_benefits,
        'on benefits' as outcome_group
    union all
    select
        false as is_on_benefits,
        'not on benefits' as outcome_group
),

-- Every band of each outcome group, 0 courses included: a missing row would publish its
-- zero, and a band's only published cell would follow from the band's total (§6.6).
cells as (
    select
        outcome_groups.outcome_group,
        levels.level as band,
        levels.level_order,
        coalesce(counts.n_courses, 0) as n_courses,
        sum(coalesce(counts.n_courses, 0)) over (partition by outcome_groups.outcome_group) as n_group
    from outcome_groups
    cross join levels
    left join counts
        on
            outcome_groups.is_on_benefits = counts.is_on_benefits
            and levels.level = counts.band
),

final as (
    select
        outcome_group,
        band as benefit_weeks_before_start,
        level_order,
        {{ var('outcome_month') }} as outcome_month,
        {{ suppress('n_courses', 'n_courses') }} as n_courses,
        -- Suppressed with its count: the other bands' shares and counts would give it back.
        {{ suppress('round(100.0 * n_courses / nullif(n_group, 0), 4)', 'n_courses') }} as share_pct,
        {{ is_suppressed('n_courses') }} as n_courses_is_suppressed
    from cells
)

select * from final
order by outcome_group desc, level_order asc
