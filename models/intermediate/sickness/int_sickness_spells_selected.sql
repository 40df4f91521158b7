{#- METHOD §9.1 rules 1-3 and the benchmark municipality: every sickness spell (§8,
    int_benefit_spells_built) that starts in sickness_start_years and is not
    left-censored (rule 1) is a candidate, with the first of rules 2-3 it fails. The
    start year is the ISO year of the start week (the year of its Thursday). The
    benchmark municipality is the BEF residence at the end of the year before the start
    year (decision of §9.1). Age as §3 rule 4, from the person's BEF row of the start
    year, else the latest row; without any BEF row the age is unknown and rule 3 fails. -#}

with

spells as (
    select * from {{ ref('int_benefit_spells_built') }}
    where benefit_group = 'sickness'
),

person_years as (
    select * from {{ ref('stg_bef__person_years') }}
),

rule_01_sickness_spells as (
    select
        pnr || '/' || spell_number as spell_id,
        pnr,
        spell_number,
        start_week_start,
        cast(year(start_week_start + 3) as integer) as start_year,
        duration_weeks,
        is_right_censored
    from spells
    where
        not is_left_censored
        and year(start_week_start + 3) in {{ sql_list(var('sickness_start_years')) }}
),

rule_02_past_employer_period as (
    select
        spell_id,
        duration_weeks >= {{ var('sickness_min_spell_weeks') }} as passes_rule_2
    from rule_01_sickness_spells
),

persons as (
    select
        rule_01_sickness_spells.spell_id,
        person_years.sex_code,
        person_years.birth_date,
        person_years.partner_id,
        person_years.origin_type_code,
        person_years.country_of_origin_code
    from rule_01_sickness_spells
    inner join person_years
        on rule_01_sickness_spells.pnr = person_years.pnr
    qualify row_number() over (
        partition by rule_01_sickness_spells.spell_id
        order by person_years.year = rule_01_sickness_spells.start_year desc, person_years.year desc
    ) = 1
),

rule_03_age as (
    select
        rule_01_sickness_spells.spell_id,
        rule_01_sickness_spells.start_year - year(persons.birth_date) as age_in_start_year,
        coalesce(
            rule_01_sickness_spells.start_year - year(persons.birth_date)
            between {{ var('min_age') }} and {{ var('max_age') }},
            false
        ) as passes_rule_3
    from rule_01_sickness_spells
    left join persons
        on rule_01_sickness_spells.spell_id = persons.spell_id
),

benchmark_municipalities as (
    select
        rule_01_sickness_spells.spell_id,
        person_years.municipality_code
    from rule_01_sickness_spells
    inner join person_years
        on
            rule_01_sickness_spells.pnr = person_years.pnr
            and person_years.year = rule_01_sickness_spells.start_year - 1
),

final as (
    select
        rule_01_sickness_spells.*,
        benchmark_municipalities.municipality_code,
        persons.sex_code,
        persons.partner_id,
        persons.origin_type_code,
        persons.country_of_origin_code,
        rule_03_age.age_in_start_year,
        case
            when not rule_02_past_employer_period.passes_rule_2 then '2'
            when not rule_03_age.passes_rule_3 then '3'
        end as failed_rule
    from rule_01_sickness_spells
    inner join rule_02_past_employer_period
        on rule_01_sickness_spells.spell_id = rule_02_past_employer_period.spell_id
    inner join rule_03_age
        on rule_01_sickness_spells.spell_id = rule_03_age.spell_id
    left join persons
        on rule_01_sickness_spells.spell_id = persons.spell_id
    left join benchmark_municipalities
        on rule_01_sickness_spells.spell_id = benchmark_municipalities.spell_id
)

select * from final
