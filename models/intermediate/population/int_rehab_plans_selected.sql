{#- METHOD §3 rule 1: one candidate course per LPR contact that carries a general
    rehab-plan procedure dated in the plan period; the contact gives admission,
    discharge, residence municipality, specialty, admission type, action diagnosis and
    MDC (CTE rule_01_rehab_plans). Rule 2 (MDC 08, CTE rule_02_musculoskeletal) is a flag
    here, applied in int_rehab_courses_prescreened.
    The diagnosis that the covariates group (§5) replaces an administrative DZ action
    diagnosis by the contact's first secondary (B) or additional (+) diagnosis. -#}

with

procedures as (
    select * from {{ ref('stg_lpr__procedures') }}
),

contacts as (
    select * from {{ ref('stg_lpr__contacts') }}
),

diagnoses as (
    select * from {{ ref('stg_lpr__diagnoses') }}
),

rule_01_rehab_plans as (
    select
        contact_id,
        -- A contact may carry the plan code more than once: its first date counts.
        min(procedure_date) as plan_date,
        count(*) as n_plan_procedures
    from procedures
    where
        procedure_code in {{ sql_list(var('general_plan_codes')) }}
        and procedure_date between date '{{ var("plan_period_start") }}' and date '{{ var("plan_period_end") }}'
    group by contact_id
),

rule_02_musculoskeletal as (
    select
        contact_id,
        coalesce(mdc_code = '{{ var("musculoskeletal_mdc") }}', false) as is_musculoskeletal
    from contacts
),

-- "The first such diagnosis" (decision): secondary (B) before additional (+), then by
-- code, since LPR has no sequence number for a contact's diagnoses.
first_secondary_diagnoses as (
    select
        contact_id,
        diagnosis_code
    from diagnoses
    where diagnosis_type_code in ('B', '+')
    qualify row_number() over (
        partition by contact_id
        order by case diagnosis_type_code when 'B' then 1 else 2 end, diagnosis_code
    ) = 1
),

selected as (
    select
        rule_01_rehab_plans.contact_id as course_id,
        contacts.pnr,
        rule_01_rehab_plans.plan_date,
        rule_01_rehab_plans.n_plan_procedures,
        contacts.admission_date,
        contacts.discharge_date,
        contacts.municipality_code,
        contacts.specialty_code,
        contacts.patient_type_code,
        contacts.admission_type_code,
        contacts.action_diagnosis,
        contacts.mdc_code,
        rule_02_musculoskeletal.is_musculoskeletal,
        case
            when starts_with(contacts.action_diagnosis, 'DZ') and first_secondary_diagnoses.diagnosis_code is not null
                then first_secondary_diagnoses.diagnosis_code
            else contacts.action_diagnosis
        end as grouping_diagnosis
    from rule_01_rehab_plans
    -- Every plan procedure has its contact: checked on load (lpr_sksube__recnum__is_in_lpr_adm).
    inner join contacts
        on rule_01_rehab_plans.contact_id = contacts.contact_id
    inner join rule_02_musculoskeletal
        on rule_01_rehab_plans.contact_id = rule_02_musculoskeletal.contact_id
    left join first_secondary_diagnoses
        on rule_01_rehab_plans.contact_id = first_secondary_diagnoses.contact_id
)

select * from selected
