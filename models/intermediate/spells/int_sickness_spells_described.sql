{#- METHOD §9.4: every sickness spell (§8) that starts in sickness_start_years and is
    not left-censored, with what the spell metrics count per spell; each spell once per
    population (`all`, and `in_work_before` for those in work before, §9.1 rule 4) and
    scope (`national`, and `municipality` when BEF gives a residence), so that the marts
    group by them without losing the spells that have no municipality. -#}
{%- set period = dream_spell_period() -%}
{%- set last_index = (dream_spell_week_columns() | length) - 1 -%}
{%- set free_weeks = var('spell_end_gap_weeks') | int -%}

with

spells as (
    select * from {{ ref('int_benefit_spells_built') }}
    where benefit_group = 'sickness' and not is_left_censored
),

person_years as (
    select * from {{ ref('stg_bef__person_years') }}
),

job_months as (
    select * from {{ ref('stg_bfl__job_months') }}
),

work_periods as (
    select * from {{ ref('int_work_periods_found') }}
),

-- The start year is the ISO year of the start week (the year of its Thursday).
started as (
    select
        *,
        cast(year(start_week_start + 3) as integer) as start_year
    from spells
    where year(start_week_start + 3) in ({{ var('sickness_start_years') | join(', ') }})
),

-- §9.1 rule 4: paid hours (all jobs) in the calendar month of the start week's Monday
-- minus months_before_admission months, the rehabilitation benchmark's window.
hours_before as (
    select
        started.pnr,
        started.spell_number,
        sum(job_months.paid_hours) as paid_hours_before
    from started
    inner join job_months
        on
            started.pnr = job_months.pnr
            and job_months.job_month = date_trunc(
                'month', started.start_week_start - interval {{ var('months_before_admission') }} month
            )
    group by started.pnr, started.spell_number
),

-- §9.4 udstødningsgrad: in work at any time in the 52 weeks after spell week w, i.e.
-- week indexes start + w .. start + w + 51.
{%- for w in [1, 5, 13, 26, 52, 78] %}
    work_after_week_{{ w }} as (
        select distinct
            started.pnr,
            started.spell_number
        from started
        inner join work_periods
            on
                started.pnr = work_periods.pnr
                and work_periods.first_index <= started.start_index + {{ w + 51 }}
                and work_periods.last_index >= started.start_index + {{ w }}
    ),
{%- endfor %}

described as (
    select
        started.pnr,
        started.spell_number,
        started.start_year,
        started.start_index,
        started.start_week_start,
        started.duration_weeks,
        started.is_right_censored,
        -- §9.1: the residence in BEF at the end of the year before the start year.
        person_years.municipality_code,
        coalesce(hours_before.paid_hours_before, 0) >= {{ var('min_hours_in_work') }} as is_in_work_before,
        coalesce(started.first_partial_return_spell_week < 13, false) as has_partial_return_before_week_13,
        case
            when started.is_right_censored then null
            when started.is_in_work_after then 'in_work'
            when started.code_after is null then 'self_supporting_not_in_work'
            else started.group_after
        end as destination,
    {%- for w in [1, 5, 13, 26, 52, 78] %}
        -- Unknown when the spell does not run in week w or the 52 weeks after it reach
        -- past the last week from which in-work can be seen (decision).
        case
            when
                started.duration_weeks >= {{ w }}
                and started.start_index + {{ w + 51 }} <= {{ last_index - free_weeks + 1 }}
                then work_after_week_{{ w }}.pnr is null
        end as is_not_in_work_after_week_{{ w }}{{ "," if not loop.last }}
    {%- endfor %}
    from started
    left join person_years
        on started.pnr = person_years.pnr and person_years.year = started.start_year - 1
    left join hours_before
        on started.pnr = hours_before.pnr and started.spell_number = hours_before.spell_number
    {%- for w in [1, 5, 13, 26, 52, 78] %}
        left join work_after_week_{{ w }}
            on started.pnr = work_after_week_{{ w }}.pnr and started.spell_number = work_after_week_{{ w }}.spell_number
    {%- endfor %}
)

select
    populations.population,
    scopes.scope,
    case when scopes.scope = 'municipality' then described.municipality_code end as municipality_code,
    described.* exclude (municipality_code)
from described
cross join (values ('all'), ('in_work_before')) as populations (population)
cross join (values ('national'), ('municipality')) as scopes (scope)
where
    (populations.population = 'all' or described.is_in_work_before)
    and (scopes.scope = 'national' or described.municipality_code is not null)
