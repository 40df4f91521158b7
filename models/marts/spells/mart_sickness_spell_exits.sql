{#- METHOD §9.4 exit within a quarter: of the sickness spells running at spell week w,
    the share ended within the next 13 weeks (end week w..w+12), for w in the duration
    bands 1–4, 5–8, 9–20 and 21+. The unit is the spell-week (decision): a spell counts
    once for each week w of the band in which it runs, so the share is the band's
    average over its weeks; a right-censored spell counts only in the weeks w from which
    it is seen to run 13 more weeks, never as ended. -#}
{%- set quarter = 13 -%}
{%- set n_spells = 'count(*) filter (where spell_bands.n_trials > 0)' -%}

with

spells as (
    select * from {{ ref('int_sickness_spells_described') }}
),

municipalities as (
    select * from {{ ref('ref_municipalities') }}
),

bands as (
    select
        band_values.from_spell_week,
        band_values.to_spell_week,
        band_values.duration_band
    from (values (1, 4, '1-4'), (5, 8, '5-8'), (9, 20, '9-20'), (21, null, '21+'))
        as band_values (from_spell_week, to_spell_week, duration_band)
),

-- Per spell and band: the weeks w of the band with a known outcome (trials) and those
-- after which the spell ended within the quarter (exits), in closed form.
spell_bands as (
    select
        spells.*,
        bands.from_spell_week,
        bands.duration_band,
        case
            when spells.is_right_censored
                then
                    greatest(
                        0,
                        least(
                            coalesce(bands.to_spell_week, spells.duration_weeks), spells.duration_weeks - {{ quarter }}
                        )
                        - bands.from_spell_week
                        + 1
                    )
            else
                greatest(
                    0,
                    least(coalesce(bands.to_spell_week, spells.duration_weeks), spells.duration_weeks)
                    - bands.from_spell_week
                    + 1
                )
        end as n_trials,
        case
            when spells.is_right_censored then 0
            else greatest(
                0,
                least(coalesce(bands.to_spell_week, spells.duration_weeks), spells.duration_weeks)
                - greatest(bands.from_spell_week, spells.duration_weeks - {{ quarter - 1 }}) + 1
            )
        end as n_exits
    from spells
    cross join bands
)

select
    spell_bands.population,
    spell_bands.scope,
    spell_bands.municipality_code,
    case when spell_bands.scope = 'national' then 'Hele landet' else any_value(municipalities.municipality_name) end
        as municipality_name,
    spell_bands.start_year,
    spell_bands.duration_band,
    any_value(spell_bands.from_spell_week) as from_spell_week,
    {{ suppress(n_spells, n_spells) }} as n_spells,
    {{ suppress('cast(sum(spell_bands.n_trials) as bigint)', n_spells) }}
        as n_spell_weeks,
    {{ suppress('round(100.0 * sum(spell_bands.n_exits) / sum(spell_bands.n_trials), 4)', n_spells) }}
        as ended_within_quarter_pct,
    {{ is_suppressed(n_spells) }} as is_suppressed
from spell_bands
left join municipalities on spell_bands.municipality_code = municipalities.municipality_code
group by grouping sets (
    (
        spell_bands.population,
        spell_bands.scope,
        spell_bands.municipality_code,
        spell_bands.start_year,
        spell_bands.duration_band
    ),
    (spell_bands.population, spell_bands.scope, spell_bands.municipality_code, spell_bands.duration_band)
)
