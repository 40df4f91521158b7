{#- METHOD §9.4 concentration: the share of all sickness weeks (weeks with a code of
    the group sickness) of sickness_start_years carried by the 20 % of persons with the
    most, per ISO year of the week and over all the years. Decisions: the top 20 % is
    ceil(0.2 × persons with a sickness week), ties broken by pnr; the municipality is
    the residence in BEF at the end of the year before (before the first year for all
    years), as §9.1's benchmark municipality. -#}
{%- set years = var('sickness_start_years') -%}
{%- set top_share = 0.2 -%}

with

sickness_weeks as (
    select * from {{ ref('int_sickness_weeks_listed') }}
    where iso_year in ({{ years | join(', ') }})
),

person_years as (
    select * from {{ ref('stg_bef__person_years') }}
),

municipalities as (
    select * from {{ ref('ref_municipalities') }}
),

person_year_weeks as (
    select
        pnr,
        cast(iso_year as integer) as sickness_year,
        count(*) as n_weeks
    from sickness_weeks
    group by pnr, iso_year
),

person_weeks as (
    select
        pnr,
        sickness_year,
        n_weeks,
        sickness_year - 1 as residence_year
    from person_year_weeks
    union all
    select
        pnr,
        null as sickness_year,
        sum(n_weeks) as n_weeks,
        {{ years | min }} - 1 as residence_year
    from person_year_weeks
    group by pnr
),

scoped as (
    select
        scopes.scope,
        case when scopes.scope = 'municipality' then person_years.municipality_code end as municipality_code,
        person_weeks.pnr,
        person_weeks.sickness_year,
        person_weeks.n_weeks
    from person_weeks
    left join person_years
        on person_weeks.pnr = person_years.pnr and person_weeks.residence_year = person_years.year
    cross join (values ('national'), ('municipality')) as scopes (scope)
    where scopes.scope = 'national' or person_years.municipality_code is not null
),

ranked as (
    select
        *,
        row_number() over (
            partition by scope, municipality_code, sickness_year order by n_weeks desc, pnr asc
        ) as person_rank,
        count(*) over (partition by scope, municipality_code, sickness_year) as n_persons_in_row
    from scoped
),

top_marked as (
    select
        *,
        person_rank <= ceil({{ top_share }} * n_persons_in_row) as is_top
    from ranked
)

select
    ranked.scope,
    ranked.municipality_code,
    case when ranked.scope = 'national' then 'Hele landet' else any_value(municipalities.municipality_name) end
        as municipality_name,
    ranked.sickness_year,
    {{ suppress('count(*)', 'count(*)') }} as n_persons,
    {{ suppress('cast(sum(ranked.n_weeks) as bigint)', 'count(*)') }} as n_sickness_weeks,
    {{ suppress('count(*) filter (where ranked.is_top)', 'count(*)') }} as n_top_persons,
    {{ suppress(
        'round(100.0 * sum(ranked.n_weeks) filter (where ranked.is_top) / sum(ranked.n_weeks), 4)', 'count(*)'
    ) }} as top_20pct_share_pct,
    {{ is_suppressed('count(*)') }} as is_suppressed
from top_marked as ranked
left join municipalities on ranked.municipality_code = municipalities.municipality_code
group by ranked.scope, ranked.municipality_code, ranked.sickness_year
