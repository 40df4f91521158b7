{#- Primary-care claims (SSSY) of each course of the final population, for METHOD §5:
    - physio_contact_during_rehab: a physiotherapy (51) or occupational-therapy (55)
      claim in weeks 0-13 after the rehab start;
    - gp_contacts_6m: general-practice (80) consultations (0101) in the weeks from the
      one containing (admission - 6 months) to the week before the admission's week.
    SSSY dates claims by ISO week only, hence the week granularity. -#}
{%- set physio_specialties = [51, 55] -%}
{%- set physio_last_week = 13 -%}
{%- set gp_specialty = 80 -%}
{%- set gp_consultation = '0101' -%}
{%- set gp_months_before_admission = 6 -%}

with

courses as (
    select
        assessed.course_id,
        assessed.pnr,
        {{ iso_week_monday('assessed.rehab_start_date') }} as rehab_start_week_start,
        {{ iso_week_monday('assessed.admission_date') }} as admission_week_start,
        {{ iso_week_monday('assessed.admission_date - to_months(' ~ gp_months_before_admission ~ ')') }}
            as gp_first_week_start
    from {{ ref('int_rehab_courses_assessed') }} as assessed
    where assessed.exclusion_rule is null
),

-- The course persons' claims only (a national SSSY has tens of millions of rows).
claims as (
    select claims.*
    from {{ ref('stg_sssy__claims') }} as claims
    semi join courses
        on claims.pnr = courses.pnr
),

physio as (
    select distinct courses.course_id
    from courses
    inner join claims
        on
            courses.pnr = claims.pnr
            and claims.specialty_code in {{ sql_list(physio_specialties) }}
            and claims.claim_week_start between courses.rehab_start_week_start
            and courses.rehab_start_week_start + 7 * {{ physio_last_week }}
),

gp as (
    select
        courses.course_id,
        sum(claims.service_count) as gp_contacts
    from courses
    inner join claims
        on
            courses.pnr = claims.pnr
            and claims.specialty_code = {{ gp_specialty }}
            and claims.service_code = '{{ gp_consultation }}'
            and courses.gp_first_week_start <= claims.claim_week_start
            and courses.admission_week_start > claims.claim_week_start
    group by courses.course_id
),

final as (
    select
        courses.course_id,
        physio.course_id is not null as has_physio_contact_during_rehab,
        coalesce(gp.gp_contacts, 0) as gp_contacts_6m
    from courses
    left join physio
        on courses.course_id = physio.course_id
    left join gp
        on courses.course_id = gp.course_id
)

select * from final
