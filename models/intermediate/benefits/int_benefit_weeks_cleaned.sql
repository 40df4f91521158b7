{#- METHOD §2: the weekly status class of the DREAM weeks with a benefit code that the
    courses reaching rule 6 read (int_rehab_courses_prescreened), after the
    short-sickness cleaning: a sickness spell (a maximal run of consecutive weeks with a
    sickness code, 890-899) of at most short_sickness_max_weeks (4) weeks is
    self-supporting, since DREAM registers short sickness absence for some people only.
    Weeks without a row are blank in DREAM, i.e. self-supporting. Every code is in ref_dream_codes: the load check
    dream__week_values__are_known_codes stops the build before this model otherwise. -#}

{{ config(materialized='view') }}
{%- set window = dream_window() -%}
{%- set first_week_from_admission = window.first_week_from_admission -%}
{%- set last_week_from_rehab_start = window.last_week_from_rehab_start -%}
{%- set margin_weeks = window.sickness_margin_weeks -%}

with

-- Each person's weeks from the first course's week -60 from admission to the last
-- course's week 26 from the start (macro dream_window, int_course_benefit_weeks), widened by
-- short_sickness_max_weeks on both sides: a sickness spell that reaches the edge of a
-- course window is then seen to be longer than a short one, as it is.
persons as (
    select
        pnr,
        min({{ iso_week_monday('admission_date') }})
        + 7 * ({{ first_week_from_admission - margin_weeks }}) as first_week_start,
        max({{ iso_week_monday('rehab_start_date') }})
        + 7 * {{ last_week_from_rehab_start + margin_weeks }} as last_week_start
    from {{ ref('int_rehab_courses_prescreened') }}
    where failed_rule is null
    group by pnr
),

-- The persons' wide DREAM rows first, each with its window, then unpivot: a national
-- DREAM has 5 million persons, of whom about 30,000 have a course that reaches rule 6.
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

dream_codes as (
    select * from {{ ref('ref_dream_codes') }}
),

classified as (
    select
        benefit_weeks.pnr,
        benefit_weeks.week_start,
        benefit_weeks.benefit_code,
        dream_codes.status_class,
        dream_codes.benefit_type,
        dream_codes.is_sickness
    from benefit_weeks
    inner join dream_codes
        on benefit_weeks.benefit_code = dream_codes.dream_code
),

-- Gaps and islands: consecutive sickness weeks share week_start - 7 * (their rank).
sickness_weeks as (
    select
        pnr,
        week_start,
        week_start - cast(7 * row_number() over (partition by pnr order by week_start) as integer) as spell_key
    from classified
    where is_sickness
),

sickness_spells as (
    select
        pnr,
        week_start,
        count(*) over (partition by pnr, spell_key) as spell_weeks
    from sickness_weeks
),

cleaned as (
    select
        classified.pnr,
        classified.week_start,
        classified.benefit_code,
        classified.benefit_type,
        sickness_spells.spell_weeks as sickness_spell_weeks,
        case
            when sickness_spells.spell_weeks <= {{ var('short_sickness_max_weeks') }} then 'self_supporting'
            else classified.status_class
        end as status_class
    from classified
    left join sickness_spells
        on
            classified.pnr = sickness_spells.pnr
            and classified.week_start = sickness_spells.week_start
)

select * from cleaned
