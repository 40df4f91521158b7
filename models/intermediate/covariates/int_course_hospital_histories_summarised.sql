{#- The hospital history (LPR) of each course of the final population, for the
    covariates of METHOD §5:
    - surgery_14d_before_plan: an operation (SKS code starting K) dated 0-14 days before
      the plan date, on any of the person's contacts;
    - hospital_contact_days: distinct calendar days with any LPR contact from (discharge
      - 2 months) to discharge; an inpatient stay counts each of its days in that window;
    - psychiatric_illness: a contact with a psychiatric specialty and a DF diagnosis, and
    - comorbidity: a contact with a Charlson diagnosis,
      both with admission in the 5 calendar years before the start year. -#}
{%- set surgery_days_before_plan = 14 -%}
{%- set contact_days_months_before_discharge = 2 -%}
{%- set history_years = 5 -%}

with

courses as (
    select
        assessed.course_id,
        assessed.pnr,
        assessed.plan_date,
        assessed.discharge_date,
        assessed.start_year
    from {{ ref('int_rehab_courses_assessed') }} as assessed
    where assessed.exclusion_rule is null
),

-- The course persons' contacts only: every use below joins contacts to courses by pnr,
-- and a national LPR has millions of other persons' contacts.
contacts as (
    select contacts.*
    from {{ ref('stg_lpr__contacts') }} as contacts
    semi join courses
        on contacts.pnr = courses.pnr
),

-- A contact's diagnoses: its action diagnosis and every diagnosis of lpr_diag.
contact_diagnoses as (
    select
        contact_id,
        action_diagnosis as diagnosis_code
    from contacts
    union
    select
        diagnoses.contact_id,
        diagnoses.diagnosis_code
    from {{ ref('stg_lpr__diagnoses') }} as diagnoses
    semi join contacts
        on diagnoses.contact_id = contacts.contact_id
),

surgeries as (
    select distinct courses.course_id
    from courses
    inner join contacts
        on courses.pnr = contacts.pnr
    inner join {{ ref('stg_lpr__operations') }} as operations
        on contacts.contact_id = operations.contact_id
    where
        starts_with(operations.operation_code, 'K')
        and operations.operation_date between courses.plan_date - {{ surgery_days_before_plan }} and courses.plan_date
),

contact_days as (
    select
        courses.course_id,
        count(distinct contact_day.day) as hospital_contact_days
    from courses
    inner join contacts
        on
            courses.pnr = contacts.pnr
            and contacts.discharge_date
            >= cast(courses.discharge_date - to_months({{ contact_days_months_before_discharge }}) as date)
            and courses.discharge_date >= contacts.admission_date
    cross join
        unnest(
            generate_series(
                greatest(
                    contacts.admission_date,
                    cast(courses.discharge_date - to_months({{ contact_days_months_before_discharge }}) as date)
                ),
                least(contacts.discharge_date, courses.discharge_date),
                interval 1 day
            )
        ) as contact_day (day)
    group by courses.course_id
),

history_contacts as (
    select
        courses.course_id,
        contacts.contact_id,
        coalesce(specialties.is_psychiatric, false) as is_psychiatric_specialty
    from courses
    inner join contacts
        on
            courses.pnr = contacts.pnr
            and year(contacts.admission_date)
            between courses.start_year - {{ history_years }} and courses.start_year - 1
    left join {{ ref('ref_hospital_specialties') }} as specialties
        on contacts.specialty_code = specialties.specialty_code
),

histories as (
    select
        history_contacts.course_id,
        bool_or(
            history_contacts.is_psychiatric_specialty and starts_with(contact_diagnoses.diagnosis_code, 'DF')
        ) as has_psychiatric_illness,
        bool_or(charlson.icd10_prefix is not null) as has_comorbidity
    from history_contacts
    inner join contact_diagnoses
        on history_contacts.contact_id = contact_diagnoses.contact_id
    left join {{ ref('ref_charlson_codes') }} as charlson
        on starts_with(contact_diagnoses.diagnosis_code, charlson.icd10_prefix)
    group by history_contacts.course_id
),

final as (
    select
        courses.course_id,
        surgeries.course_id is not null as has_surgery_14d_before_plan,
        -- The plan contact itself lies in the window, so every course has a day.
        coalesce(contact_days.hospital_contact_days, 0) as hospital_contact_days,
        coalesce(histories.has_psychiatric_illness, false) as has_psychiatric_illness,
        coalesce(histories.has_comorbidity, false) as has_comorbidity
    from courses
    left join surgeries
        on courses.course_id = surgeries.course_id
    left join contact_days
        on courses.course_id = contact_days.course_id
    left join histories
        on courses.course_id = histories.course_id
)

select * from final
