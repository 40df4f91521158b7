{#- METHOD §9.4 municipal cost: the sickness weeks of the spells starting in
    sickness_start_years in each refund band of ref_sickness_refund_bands (the white
    paper's figur 3), and those weeks weighted by the municipality's share. Only weeks
    with a sickness code count, not the bridged gaps (decision); a week with code 899
    falls in a partial_return band where one covers its spell week; weeks 1–4 in the
    employed or unemployed band by §9.1 rule 4 (decision); right-censored spells count
    their observed weeks. -#}

with

spells as (
    select * from {{ ref('int_sickness_spells_described') }}
),

sickness_weeks as (
    select * from {{ ref('int_sickness_weeks_listed') }}
),

bands as (
    select * from {{ ref('ref_sickness_refund_bands') }}
),

municipalities as (
    select * from {{ ref('ref_municipalities') }}
),

-- Each spell is in spells once per population and scope it counts in: its weeks are
-- banded once per spell and joined to those rows afterwards (not four times over).
distinct_spells as (
    select distinct
        pnr,
        spell_number,
        start_index,
        duration_weeks,
        is_in_work_before
    from spells
),

spell_weeks as (
    select
        distinct_spells.pnr,
        distinct_spells.spell_number,
        distinct_spells.is_in_work_before,
        sickness_weeks.week_index - distinct_spells.start_index + 1 as spell_week,
        sickness_weeks.benefit_code
    from distinct_spells
    inner join sickness_weeks
        on
            distinct_spells.pnr = sickness_weeks.pnr
            and sickness_weeks.week_index
            between distinct_spells.start_index and distinct_spells.start_index + distinct_spells.duration_weeks - 1
),

-- A band with a condition that holds goes before the band without one.
banded_weeks as (
    select
        spell_weeks.pnr,
        spell_weeks.spell_number,
        bands.from_spell_week,
        bands.to_spell_week,
        coalesce(bands.condition, '') as condition,
        bands.municipality_pct
    from spell_weeks
    inner join bands
        on
            spell_weeks.spell_week >= bands.from_spell_week
            and (bands.to_spell_week is null or spell_weeks.spell_week <= bands.to_spell_week)
            and case bands.condition
                when 'employed' then spell_weeks.is_in_work_before
                when 'unemployed' then not spell_weeks.is_in_work_before
                when 'partial_return' then spell_weeks.benefit_code = 899
                else true
            end
    qualify row_number() over (
        partition by spell_weeks.pnr, spell_weeks.spell_number, spell_weeks.spell_week
        order by bands.condition is null
    ) = 1
),

-- One row per spell and band it has weeks in.
spell_bands as (
    select
        pnr,
        spell_number,
        from_spell_week,
        condition,
        any_value(to_spell_week) as to_spell_week,
        any_value(municipality_pct) as municipality_pct,
        count(*) as n_sickness_weeks,
        sum(municipality_pct) as municipality_pct_weeks
    from banded_weeks
    group by pnr, spell_number, from_spell_week, condition
),

banded as (
    select
        spells.population,
        spells.scope,
        spells.municipality_code,
        spells.start_year,
        spell_bands.from_spell_week,
        spell_bands.to_spell_week,
        spell_bands.condition,
        spell_bands.municipality_pct,
        spell_bands.n_sickness_weeks,
        spell_bands.municipality_pct_weeks
    from spells
    inner join spell_bands
        on spells.pnr = spell_bands.pnr and spells.spell_number = spell_bands.spell_number
)

select
    banded.population,
    banded.scope,
    banded.municipality_code,
    case when banded.scope = 'national' then 'Hele landet' else any_value(municipalities.municipality_name) end
        as municipality_name,
    banded.start_year,
    banded.from_spell_week,
    any_value(banded.to_spell_week) as to_spell_week,
    banded.condition,
    any_value(banded.municipality_pct) as municipality_pct,
    -- A spell has one row per band in banded: its rows count the spells.
    {{ suppress('count(*)', 'count(*)') }} as n_spells,
    {{ suppress('cast(sum(banded.n_sickness_weeks) as bigint)', 'count(*)') }} as n_sickness_weeks,
    {{ suppress('round(sum(banded.municipality_pct_weeks) / 100.0, 4)', 'count(*)') }}
        as municipal_weeks,
    {{ is_suppressed('count(*)') }} as is_suppressed
from banded
left join municipalities on banded.municipality_code = municipalities.municipality_code
group by grouping sets (
    (
        banded.population,
        banded.scope,
        banded.municipality_code,
        banded.start_year,
        banded.from_spell_week,
        banded.condition
    ),
    (banded.population, banded.scope, banded.municipality_code, banded.from_spell_week, banded.condition)
)
