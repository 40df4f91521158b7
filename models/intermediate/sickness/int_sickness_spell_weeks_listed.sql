{#- The weekly benefit status (METHOD §2, raw codes: the short-sickness cleaning is a
    rule of the rehabilitation benchmark only, §8) of each sickness spell that passes
    §9.1 rules 1-3: every non-blank DREAM week from week -60 to week 26 relative to the
    start week (macro sickness_window), with its number relative to the start week
    (week 0) and its class from ref_dream_codes. Only the persons with such a spell are
    unpivoted, after filtering DREAM's wide rows. -#}
{%- set window = sickness_window() -%}

with

spells as (
    select
        spell_id,
        pnr,
        start_week_start
    from {{ ref('int_sickness_spells_selected') }}
    where failed_rule is null
),

persons as (
    select
        pnr,
        min(start_week_start) + 7 * ({{ window.first_week_from_start }}) as first_week_start,
        max(start_week_start) + 7 * {{ window.last_week_from_start }} as last_week_start
    from spells
    group by pnr
),

person_weeks as (
    select
        persons.first_week_start,
        persons.last_week_start,
        person_weeks.*
    from {{ ref('stg_dream__person_weeks') }} as person_weeks
    inner join persons
        on person_weeks.pnr = persons.pnr
),

benefit_weeks as (
    {{ dream_benefit_weeks('person_weeks', window=['first_week_start', 'last_week_start']) }}
),

spell_weeks as (
    select
        spells.spell_id,
        benefit_weeks.week_start,
        date_diff('day', spells.start_week_start, benefit_weeks.week_start) // 7 as week_from_start,
        benefit_weeks.benefit_code,
        dream_codes.status_class
    from spells
    inner join benefit_weeks
        on
            spells.pnr = benefit_weeks.pnr
            and benefit_weeks.week_start between spells.start_week_start + 7 * ({{ window.first_week_from_start }})
            and spells.start_week_start + 7 * {{ window.last_week_from_start }}
    inner join {{ ref('ref_dream_codes') }} as dream_codes
        on benefit_weeks.benefit_code = dream_codes.dream_code
)

select * from spell_weeks
