{#- The person behind each course with a rehab start, from BEF in the start year (the
    status at the end of that year), and METHOD §3 rule 4: aged min_age-max_age (18-64)
    in the calendar year of rehab start, i.e. start year - birth year. A person without
    a BEF row for the start year (e.g. died or emigrated before its end) is read from
    their latest BEF row; without any BEF row the age is unknown and rule 4 fails. -#}

with

courses as (
    select * from {{ ref('int_rehab_courses_linked') }}
    where rehab_start_date is not null
),

person_years as (
    select * from {{ ref('stg_bef__person_years') }}
),

matched as (
    select
        courses.course_id,
        courses.start_year,
        person_years.year as bef_year,
        person_years.sex_code,
        person_years.birth_date,
        person_years.municipality_code as bef_municipality_code,
        person_years.partner_id,
        person_years.origin_type_code,
        person_years.country_of_origin_code
    from courses
    inner join person_years
        on courses.pnr = person_years.pnr
    -- The start year's row; else the latest row.
    qualify row_number() over (
        partition by courses.course_id
        order by person_years.year = courses.start_year desc, person_years.year desc
    ) = 1
),

final as (
    select
        courses.course_id,
        matched.bef_year,
        matched.bef_year = courses.start_year as is_bef_of_start_year,
        matched.sex_code,
        matched.birth_date,
        matched.bef_municipality_code,
        matched.partner_id,
        matched.origin_type_code,
        matched.country_of_origin_code,
        courses.start_year - year(matched.birth_date) as age_in_start_year,
        coalesce(
            courses.start_year - year(matched.birth_date) between {{ var('min_age') }} and {{ var('max_age') }},
            false
        ) as passes_rule_4
    from courses
    left join matched
        on courses.course_id = matched.course_id
)

select * from final
