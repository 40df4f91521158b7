{#- The covariates of METHOD §9.3 for each spell of the sickness benchmark's population,
    as level names (reference first in ref_covariate_levels, case `sickness`): those of
    §5 with the spell's start week in place of the admission and the rehab start (shared
    macros of macros/method/unit_covariates.sql and band_level), and the three of §9.3's
    own: hospital_contact_around_start, surgery_around_start, start_quarter. The stated
    levels where a register has no value are §5's (int_course_covariates). -#}
{%- set window = sickness_window() -%}
{%- set around_start_weeks = [-8, 4] -%}

with

spells as (
    select
        assessed.spell_id,
        assessed.pnr,
        assessed.municipality_code,
        assessed.start_year,
        assessed.start_week_start,
        assessed.is_full_time,
        assessed.main_job_industry_db07_code,
        selected.sex_code,
        selected.age_in_start_year,
        selected.partner_id,
        selected.origin_type_code,
        selected.country_of_origin_code
    from {{ ref('int_sickness_spells_assessed') }} as assessed
    inner join {{ ref('int_sickness_spells_selected') }} as selected
        on assessed.spell_id = selected.spell_id
    where assessed.exclusion_rule is null
),

educations as (
    {{ highest_education('spells', 'spell_id') }}
),

incomes as (
    {{ income_year_before('spells', 'spell_id') }}
),

gp as (
    {{ gp_contacts_before('spells', 'spell_id', 'start_week_start') }}
),

histories as (
    {{ hospital_history('spells', 'spell_id') }}
),

industries as (
    {{ industry_of('spells', 'spell_id', 'main_job_industry_db07_code') }}
),

prior_year as (
    select
        spell_id,
        count(*) as benefit_weeks
    from {{ ref('int_sickness_spell_weeks_listed') }}
    where
        week_from_start between {{ window.prior_year_weeks[0] }} and {{ window.prior_year_weeks[1] }}
        and status_class = 'on_benefits'
    group by spell_id
),

-- §9.3: an LPR contact overlapping weeks -8..+4 from the start week; with contacts of
-- several kinds the first of musculoskeletal (MDC 08), psychiatric (a psychiatric
-- specialty, as §5), other counts (decision).
around_start_contacts as (
    select
        spells.spell_id,
        min(
            case
                when contacts.mdc_code = '{{ var("musculoskeletal_mdc") }}' then 1
                when coalesce(specialties.is_psychiatric, false) then 2
                else 3
            end
        ) as kind_order
    from spells
    inner join {{ ref('stg_lpr__contacts') }} as contacts
        on
            spells.pnr = contacts.pnr
            and contacts.discharge_date >= spells.start_week_start + 7 * ({{ around_start_weeks[0] }})
            and contacts.admission_date <= spells.start_week_start + 7 * {{ around_start_weeks[1] }} + 6
    left join {{ ref('ref_hospital_specialties') }} as specialties
        on contacts.specialty_code = specialties.specialty_code
    group by spells.spell_id
),

-- §9.3: an operation (SKS code starting K) dated in weeks -8..+4 from the start week.
around_start_surgeries as (
    select distinct spells.spell_id
    from spells
    inner join {{ ref('stg_lpr__contacts') }} as contacts
        on spells.pnr = contacts.pnr
    inner join {{ ref('stg_lpr__operations') }} as operations
        on contacts.contact_id = operations.contact_id
    where
        starts_with(operations.operation_code, 'K')
        and operations.operation_date between spells.start_week_start + 7 * ({{ around_start_weeks[0] }})
        and spells.start_week_start + 7 * {{ around_start_weeks[1] }} + 6
),

joined as (
    select
        spells.*,
        countries.is_western as is_western_country,
        incomes.disposable_income,
        educations.education_group,
        industries.industry_group,
        industries.physically_demanding,
        densities.inhabitants_per_km2,
        coalesce(gp.gp_contacts, 0) as gp_contacts_6m,
        coalesce(histories.has_psychiatric_illness, false) as has_psychiatric_illness,
        coalesce(histories.has_comorbidity, false) as has_comorbidity,
        coalesce(prior_year.benefit_weeks, 0) as benefit_weeks_prior_year,
        around_start_contacts.kind_order as contact_kind_order,
        around_start_surgeries.spell_id is not null as has_surgery_around_start
    from spells
    left join educations
        on spells.spell_id = educations.spell_id
    left join incomes
        on spells.spell_id = incomes.spell_id
    left join gp
        on spells.spell_id = gp.spell_id
    left join histories
        on spells.spell_id = histories.spell_id
    left join industries
        on spells.spell_id = industries.spell_id
    left join prior_year
        on spells.spell_id = prior_year.spell_id
    left join around_start_contacts
        on spells.spell_id = around_start_contacts.spell_id
    left join around_start_surgeries
        on spells.spell_id = around_start_surgeries.spell_id
    left join {{ ref('ref_countries') }} as countries
        on spells.country_of_origin_code = countries.country_code
    left join {{ ref('int_municipal_densities_computed') }} as densities
        on
            spells.municipality_code = densities.municipality_code
            and spells.start_year = densities.year
),

covariates as (
    select
        spell_id,
        municipality_code,
        -- Covariates in the order of METHOD §9.3.
        case sex_code when 1 then 'man' when 2 then 'woman' end as sex,
        {{ band_level('sickness', 'age_group', 'age_in_start_year') }} as age_group,
        {{ yes_no('partner_id is not null') }} as cohabiting,
        case
            when origin_type_code = 1 then 'danish'
            when is_western_country then 'western'
            else 'non-western'
        end as origin,
        {{ band_level('sickness', 'income_group', 'coalesce(disposable_income, 0)') }} as income_group,
        coalesce(education_group, 'Øvrige') as education,
        coalesce(industry_group, 'Andre') as industry_group,
        {{ yes_no('is_full_time') }} as full_time,
        {{ band_level('sickness', 'benefit_weeks_prior_year', 'benefit_weeks_prior_year') }}
            as benefit_weeks_prior_year,
        {{ band_level('sickness', 'gp_contacts_6m', 'gp_contacts_6m') }} as gp_contacts_6m,
        {{ yes_no('has_psychiatric_illness') }} as psychiatric_illness,
        {{ yes_no('has_comorbidity') }} as comorbidity,
        {{ band_level('sickness', 'population_density', 'inhabitants_per_km2') }} as population_density,
        cast(start_year as varchar) as start_year,
        case contact_kind_order
            when 1 then 'musculoskeletal'
            when 2 then 'psychiatric'
            when 3 then 'other'
            else 'none'
        end as hospital_contact_around_start,
        {{ yes_no('has_surgery_around_start') }} as surgery_around_start,
        'Q' || quarter(start_week_start + 3) as start_quarter,
        -- Characteristic of the Bilag 2 table 4 key figures (METHOD §6.3.4, §14).
        coalesce(physically_demanding, false) as is_physically_demanding_industry,
        -- The values behind the bands, and where a register had no value.
        age_in_start_year,
        disposable_income,
        inhabitants_per_km2,
        gp_contacts_6m as gp_contacts_6m_count,
        benefit_weeks_prior_year as benefit_weeks_prior_year_count,
        industry_group is null as is_industry_unknown,
        education_group is null as is_education_unknown,
        disposable_income is null as is_income_missing
    from joined
)

select * from covariates
