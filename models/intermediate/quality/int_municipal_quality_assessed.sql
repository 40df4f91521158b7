{#- METHOD §3 rule 10, per residence municipality and start year: the first of
    a. GES reporting (by the municipality as performer) has services in all 12 months;
    b. the mean number of services per person swings by more than 40 % from one month to
       the next at most quality_max_swings (1) times in the year;
    c. at least quality_min_courses_year (30) courses that year pass rules 1-9;
    d. the municipality's courses over the years that pass a-c number at least
       quality_min_courses_total (75)
    that it fails (failed_rule; null = the municipality-year is kept). One row per
    municipality of ref_municipalities and start year. -#}

with

start_years as (
    select unnest({{ var('start_years') | list }}) as start_year
),

municipality_years as (
    select
        municipalities.municipality_code,
        start_years.start_year
    from {{ ref('ref_municipalities') }} as municipalities
    cross join start_years
),

reporting as (
    select
        municipality_code,
        service_year as start_year,
        count(*) as months_with_services,
        count(*) filter (where is_swing) as n_swings
    from {{ ref('int_ges_months_summarised') }}
    group by municipality_code, service_year
),

courses as (
    select
        municipality_code,
        start_year,
        count(*) as n_courses
    from {{ ref('int_rehab_courses_screened') }}
    where failed_rule is null
    group by municipality_code, start_year
),

rule_10a_reporting_every_month as (
    select
        municipality_years.municipality_code,
        municipality_years.start_year,
        coalesce(reporting.months_with_services, 0) as months_with_services,
        coalesce(reporting.months_with_services, 0) >= 12 as passes_rule_10a
    from municipality_years
    left join reporting
        on
            municipality_years.municipality_code = reporting.municipality_code
            and municipality_years.start_year = reporting.start_year
),

rule_10b_reporting_steady as (
    select
        municipality_years.municipality_code,
        municipality_years.start_year,
        coalesce(reporting.n_swings, 0) as n_swings,
        coalesce(reporting.n_swings, 0) <= {{ var('quality_max_swings') }} as passes_rule_10b
    from municipality_years
    left join reporting
        on
            municipality_years.municipality_code = reporting.municipality_code
            and municipality_years.start_year = reporting.start_year
),

rule_10c_enough_courses_year as (
    select
        municipality_years.municipality_code,
        municipality_years.start_year,
        coalesce(courses.n_courses, 0) as n_courses,
        coalesce(courses.n_courses, 0) >= {{ var('quality_min_courses_year') }} as passes_rule_10c
    from municipality_years
    left join courses
        on
            municipality_years.municipality_code = courses.municipality_code
            and municipality_years.start_year = courses.start_year
),

rules_a_to_c as (
    select
        rule_10a.municipality_code,
        rule_10a.start_year,
        rule_10a.months_with_services,
        rule_10b.n_swings,
        rule_10c.n_courses,
        case
            when not rule_10a.passes_rule_10a then '10a'
            when not rule_10b.passes_rule_10b then '10b'
            when not rule_10c.passes_rule_10c then '10c'
        end as failed_rule
    from rule_10a_reporting_every_month as rule_10a
    inner join rule_10b_reporting_steady as rule_10b
        on
            rule_10a.municipality_code = rule_10b.municipality_code
            and rule_10a.start_year = rule_10b.start_year
    inner join rule_10c_enough_courses_year as rule_10c
        on
            rule_10a.municipality_code = rule_10c.municipality_code
            and rule_10a.start_year = rule_10c.start_year
),

-- The total counts the courses of the years that pass a-c only.
rule_10d_enough_courses_total as (
    select
        *,
        coalesce(
            sum(n_courses) filter (where failed_rule is null) over (partition by municipality_code), 0
        ) as n_courses_kept_years
    from rules_a_to_c
),

final as (
    select
        municipality_code,
        start_year,
        months_with_services,
        n_swings,
        n_courses,
        n_courses_kept_years,
        coalesce(
            failed_rule,
            case when n_courses_kept_years < {{ var('quality_min_courses_total') }} then '10d' end
        ) as failed_rule
    from rule_10d_enough_courses_total
)

select
    *,
    failed_rule is null as is_kept
from final
