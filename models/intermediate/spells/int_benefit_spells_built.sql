{#- METHOD §8: benefit spells of every person in DREAM, one row per person, benefit
    group and spell. DREAM's wide rows become runs of weeks with one code (macro
    dream_week_runs), far fewer than the coded weeks; a spell is a gaps-and-islands run
    of a group's runs on (person, group) ordered by the week index, broken where
    spell_end_gap_weeks or more weeks lie outside the group. Raw codes: the
    short-sickness cleaning of §2 does not apply here. -#}
{%- set week_columns = dream_spell_week_columns() -%}
{%- set period = dream_spell_period() -%}
{%- set first_monday = period[0] - modules.datetime.timedelta(days=period[0].weekday()) -%}
{%- set last_index = (week_columns | length) - 1 -%}
{%- set gap = var('spell_end_gap_weeks') | int -%}

with

-- A person without a code in the spell weeks has no spell: the runs are found on the
-- others' rows only (most of a national DREAM has no benefit in a given five years).
person_weeks as (
    select
        pnr,
        {{ week_columns | join(', ') }}
    from {{ ref('stg_dream__person_weeks') }}
    where coalesce({{ week_columns | join(', ') }}) is not null
),

benefit_groups as (
    select * from {{ ref('ref_benefit_groups') }}
),

work_periods as (
    select * from {{ ref('int_work_periods_found') }}
),

runs as (
    {{ dream_week_runs('person_weeks', week_columns) }}
),

coded_runs as (
    select
        runs.pnr,
        runs.first_index,
        runs.last_index,
        runs.benefit_code,
        benefit_groups.benefit_group
    from runs
    inner join benefit_groups
        on runs.benefit_code = benefit_groups.dream_code
),

-- §8 "Spell": a new spell begins where the weeks outside the group since the group's
-- previous week are spell_end_gap_weeks or more (gaps of fewer weeks are bridged).
spell_starts_marked as (
    select
        pnr,
        benefit_group,
        first_index,
        last_index,
        benefit_code,
        coalesce(
            first_index - lag(last_index) over (partition by pnr, benefit_group order by first_index) - 1
            >= {{ gap }},
            true
        ) as starts_spell
    from coded_runs
),

spell_runs_numbered as (
    select
        *,
        cast(sum(cast(starts_spell as integer)) over (
            partition by pnr, benefit_group order by first_index rows unbounded preceding
        ) as integer) as spell_number
    from spell_starts_marked
),

spells as (
    select
        pnr,
        benefit_group,
        spell_number,
        min(first_index) as start_index,
        max(last_index) as end_index,
        cast(sum(last_index - first_index + 1) as bigint) as n_group_weeks,
        cast(coalesce(sum(last_index - first_index + 1) filter (where benefit_code = 899), 0) as bigint)
            as n_partial_return_weeks,
        min(first_index) filter (where benefit_code = 899) as first_partial_return_index
    from spell_runs_numbered
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
        coded_runs.benefit_code as code_after,
        coded_runs.benefit_group as group_after
    from spells_censored
    inner join coded_runs
        on
            spells_censored.pnr = coded_runs.pnr
            and spells_censored.end_index + {{ gap }} between coded_runs.first_index and coded_runs.last_index
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
