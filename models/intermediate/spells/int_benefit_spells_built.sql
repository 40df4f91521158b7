{#- METHOD §8: benefit spells of every person in DREAM, one row per person, benefit
    group and spell. Only the weeks with a code are unpivoted (UNPIVOT drops the
    blank weeks); a spell is a gaps-and-islands run of them on (person, group) ordered
    by the week index, broken where spell_end_gap_weeks or more weeks lie outside the
    group. Raw codes: the short-sickness cleaning of §2 does not apply here. -#}
{%- set week_columns = dream_spell_week_columns() -%}
{%- set period = dream_spell_period() -%}
{%- set first_monday = period[0] - modules.datetime.timedelta(days=period[0].weekday()) -%}
{%- set last_index = (week_columns | length) - 1 -%}
{%- set gap = var('spell_end_gap_weeks') | int -%}

with

person_weeks as (
    select pnr, {{ week_columns | join(', ') }} from {{ ref('stg_dream__person_weeks') }}
),

benefit_groups as (
    select * from {{ ref('ref_benefit_groups') }}
),

work_periods as (
    select * from {{ ref('int_work_periods_found') }}
),

unpivoted as (
    unpivot person_weeks
    on {{ week_columns | join(', ') }}
    into name week_column value benefit_code
),

week_calendar as (
    {{ dream_week_calendar(week_columns) }}
),

coded_weeks as (
    select
        unpivoted.pnr,
        datediff('day', date '{{ first_monday }}', week_calendar.week_start) // 7 as week_index,
        cast(unpivoted.benefit_code as smallint) as benefit_code,
        benefit_groups.benefit_group
    from unpivoted
    inner join week_calendar
        on unpivoted.week_column = week_calendar.week_column
    inner join benefit_groups
        on cast(unpivoted.benefit_code as integer) = benefit_groups.dream_code
),

-- §8 "Spell": a new spell begins where the weeks outside the group since the group's
-- previous week are spell_end_gap_weeks or more (gaps of fewer weeks are bridged).
spell_starts_marked as (
    select
        pnr,
        benefit_group,
        week_index,
        benefit_code,
        coalesce(
            week_index - lag(week_index) over (partition by pnr, benefit_group order by week_index) - 1
            >= {{ gap }},
            true
        ) as starts_spell
    from coded_weeks
),

spell_weeks_numbered as (
    select
        *,
        cast(sum(cast(starts_spell as integer)) over (
            partition by pnr, benefit_group order by week_index rows unbounded preceding
        ) as integer) as spell_number
    from spell_starts_marked
),

spells as (
    select
        pnr,
        benefit_group,
        spell_number,
        min(week_index) as start_index,
        max(week_index) as end_index,
        count(*) as n_group_weeks,
        count(*) filter (where benefit_code = 899) as n_partial_return_weeks,
        min(week_index) filter (where benefit_code = 899) as first_partial_return_index
    from spell_weeks_numbered
    group by pnr, benefit_group, spell_number
),

-- §8 "Censoring": fewer than spell_end_gap_weeks observed weeks before the start, or
-- after the end, and the spell may reach beyond DREAM's weeks.
spells_censored as (
    select
        *,
        start_index < {{ gap }} as is_left_censored,
        end_index > {{ last_index }} - {{ gap }} as is_right_censored
    from spells
),

-- The week spell_end_gap_weeks after the end week: its code (if any) and whether the
-- person is in work from it (§8 "In work"); unknown for right-censored spells.
after_codes as (
    select
        spells_censored.pnr,
        spells_censored.benefit_group,
        spells_censored.spell_number,
        coded_weeks.benefit_code as code_after,
        coded_weeks.benefit_group as group_after
    from spells_censored
    inner join coded_weeks
        on
            spells_censored.pnr = coded_weeks.pnr
            and coded_weeks.week_index = spells_censored.end_index + {{ gap }}
    where not spells_censored.is_right_censored
),

after_work as (
    select distinct
        spells_censored.pnr,
        spells_censored.benefit_group,
        spells_censored.spell_number
    from spells_censored
    inner join work_periods
        on
            spells_censored.pnr = work_periods.pnr
            and spells_censored.end_index + {{ gap }} between work_periods.first_index and work_periods.last_index
    where not spells_censored.is_right_censored
)

select
    spells_censored.pnr,
    spells_censored.benefit_group,
    spells_censored.spell_number,
    spells_censored.start_index,
    spells_censored.end_index,
    date '{{ first_monday }}' + cast(7 * spells_censored.start_index as integer) as start_week_start,
    date '{{ first_monday }}' + cast(7 * spells_censored.end_index as integer) as end_week_start,
    spells_censored.end_index - spells_censored.start_index + 1 as duration_weeks,
    spells_censored.n_group_weeks,
    spells_censored.n_partial_return_weeks,
    spells_censored.first_partial_return_index - spells_censored.start_index + 1
        as first_partial_return_spell_week,
    spells_censored.is_left_censored,
    spells_censored.is_right_censored,
    case when not spells_censored.is_right_censored then after_codes.code_after end as code_after,
    case when not spells_censored.is_right_censored then after_codes.group_after end as group_after,
    case when not spells_censored.is_right_censored then after_work.pnr is not null end as is_in_work_after
from spells_censored
left join after_codes
    on
        spells_censored.pnr = after_codes.pnr
        and spells_censored.benefit_group = after_codes.benefit_group
        and spells_censored.spell_number = after_codes.spell_number
left join after_work
    on
        spells_censored.pnr = after_work.pnr
        and spells_censored.benefit_group = after_work.benefit_group
        and spells_censored.spell_number = after_work.spell_number
