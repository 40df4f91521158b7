{#- METHOD §9.4 udstødningsgrad at spell week w = 1, 5, 13, 26, 52, 78: of the sickness
    spells running in week w, the share not in work (§8) at any time in the 52 weeks
    after it. A spell whose 52 weeks reach past the last week from which in-work can
    be seen is left out of that week (decision, int_sickness_spells_described). -#}

with

spells as (
    select * from {{ ref('int_sickness_spells_described') }}
),

municipalities as (
    select * from {{ ref('ref_municipalities') }}
),

-- UNPIVOT drops the nulls: the spells not running in week w or not followed long enough.
spell_weeks as (
    select
        * exclude (metric),
        cast(regexp_extract(metric, '([0-9]+)$', 1) as integer) as spell_week
    from (
        unpivot spells
        on columns('^is_not_in_work_after_week_')
        into name metric value is_not_in_work
    )
)

select
    spell_weeks.population,
    spell_weeks.scope,
    spell_weeks.municipality_code,
    case when spell_weeks.scope = 'national' then 'Hele landet' else any_value(municipalities.municipality_name) end
        as municipality_name,
    spell_weeks.start_year,
    spell_weeks.spell_week,
    {{ suppress('count(*)', 'count(*)') }} as n_spells,
    {{ share_pct('spell_weeks.is_not_in_work') }} as not_in_work_pct,
    {{ is_suppressed('count(*)') }} as is_suppressed
from spell_weeks
left join municipalities on spell_weeks.municipality_code = municipalities.municipality_code
group by grouping sets (
    (
        spell_weeks.population,
        spell_weeks.scope,
        spell_weeks.municipality_code,
        spell_weeks.start_year,
        spell_weeks.spell_week
    ),
    (spell_weeks.population, spell_weeks.scope, spell_weeks.municipality_code, spell_weeks.spell_week)
)
