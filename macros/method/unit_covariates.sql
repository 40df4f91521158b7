{#- Covariates of METHOD §5 that every benchmark case defines the same way, from a unit's
    person and its start year (§9.3: "defined as in §5 with the spell's start week in
    place of the admission and the rehab start"). Each macro is a select of `key` and
    the covariate's value over `units`, a relation or CTE with `key`, pnr and
    start_year (and the anchor date named in the call); a unit without a register row
    has no row, and the caller coalesces to the stated level. -#}

{#- education: the highest completed education (hfaudd) by the start year, the latest
    UDDA row up to it, grouped by ref_education_levels. -#}
{% macro highest_education(units, key) -%}
    select
        {{ units }}.{{ key }},
        levels.education_group
    from {{ units }}
    inner join {{ ref('stg_udda__educations') }} as udda
        on
            {{ units }}.pnr = udda.pnr
            and {{ units }}.start_year >= udda.year
    left join {{ ref('ref_education_levels') }} as levels
        on substr(udda.highest_education_code, 1, 2) = levels.hfaudd_prefix
    qualify row_number() over (partition by {{ units }}.{{ key }} order by udda.year desc) = 1
{%- endmacro %}


{#- income_group's value: disposable income (dispon_13) of the year before the start. -#}
{% macro income_year_before(units, key) -%}
    select
        {{ units }}.{{ key }},
        ind.disposable_income_dkk as disposable_income
    from {{ units }}
    inner join {{ ref('stg_ind__incomes') }} as ind
        on
            {{ units }}.pnr = ind.pnr
            and ind.year = {{ units }}.start_year - 1
{%- endmacro %}


{#- gp_contacts_6m: general-practice (80) consultations (0101) in SSSY in the weeks from
    the one containing (anchor - 6 months) to the week before the anchor's week (SSSY
    dates claims by ISO week only). The anchor is the admission (§5) or the spell's
    start (§9.3). -#}
{% macro gp_contacts_before(units, key, anchor_date) -%}
    {%- set gp_specialty = 80 -%}
    {%- set gp_consultation = '0101' -%}
    {%- set gp_months_before = 6 -%}
    select
        {{ units }}.{{ key }},
        sum(claims.service_count) as gp_contacts
    from {{ units }}
    inner join {{ ref('stg_sssy__claims') }} as claims
        on
            {{ units }}.pnr = claims.pnr
            and claims.specialty_code = {{ gp_specialty }}
            and claims.service_code = '{{ gp_consultation }}'
            and {{ iso_week_monday(units ~ '.' ~ anchor_date ~ ' - to_months(' ~ gp_months_before ~ ')') }}
            <= claims.claim_week_start
            and {{ iso_week_monday(units ~ '.' ~ anchor_date) }} > claims.claim_week_start
    group by {{ units }}.{{ key }}
{%- endmacro %}


{#- psychiatric_illness and comorbidity: an LPR contact admitted in the 5 calendar years
    before the start year with a psychiatric specialty and a DF diagnosis, or with a
    Charlson diagnosis (ref_charlson_codes); a contact's diagnoses are its action
    diagnosis and every diagnosis of lpr_diag. The units' own contacts are found first,
    and only their diagnoses read: a national LPR holds millions of others. -#}
{% macro hospital_history(units, key, history_years=5) -%}
    select
        history_contacts.{{ key }},
        bool_or(
            history_contacts.is_psychiatric_specialty and starts_with(contact_diagnoses.diagnosis_code, 'DF')
        ) as has_psychiatric_illness,
        bool_or(charlson.icd10_prefix is not null) as has_comorbidity
    from (
        select
            {{ units }}.{{ key }},
            contacts.contact_id,
            contacts.action_diagnosis,
            coalesce(specialties.is_psychiatric, false) as is_psychiatric_specialty
        from {{ units }}
        inner join {{ ref('stg_lpr__contacts') }} as contacts
            on
                {{ units }}.pnr = contacts.pnr
                and year(contacts.admission_date)
                between {{ units }}.start_year - {{ history_years }} and {{ units }}.start_year - 1
        left join {{ ref('ref_hospital_specialties') }} as specialties
            on contacts.specialty_code = specialties.specialty_code
    ) as history_contacts
    left join {{ ref('stg_lpr__diagnoses') }} as diagnoses
        on history_contacts.contact_id = diagnoses.contact_id
    -- Each contact's action diagnosis beside each of its lpr_diag diagnoses.
    cross join unnest([history_contacts.action_diagnosis, diagnoses.diagnosis_code]) as contact_diagnoses (diagnosis_code)
    left join {{ ref('ref_charlson_codes') }} as charlson
        on starts_with(contact_diagnoses.diagnosis_code, charlson.icd10_prefix)
    group by history_contacts.{{ key }}
{%- endmacro %}


{#- industry_group (§5.2): the DB07 section of the main job's code, grouped. -#}
{% macro industry_of(units, key, db07_code) -%}
    select
        {{ units }}.{{ key }},
        sections.industry_group,
        sections.physically_demanding
    from {{ units }}
    inner join {{ ref('ref_db07_divisions') }} as divisions
        on substr({{ units }}.{{ db07_code }}, 1, 2) = divisions.division
    inner join {{ ref('ref_db07_sections') }} as sections
        on divisions.section = sections.section
{%- endmacro %}
