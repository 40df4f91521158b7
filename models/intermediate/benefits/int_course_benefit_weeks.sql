{#- Weekly benefit status per course that reaches rule 6 (passes rules 1-5, METHOD §1-§2,
    int_rehab_courses_prescreened): every non-blank DREAM week from week -60 relative to
    the admission date to week +26 relative to the rehab start, with both relative week
    numbers. Week k relative to a date is the ISO week containing
    date + 7k days, so the numbers are differences of ISO-week Mondays: calendar true
    across week 53 and year ends. Blank weeks (self-supporting) have no row.
    The window (macro dream_window): benefit_weeks_prior_year (§5) reads the 52 weeks before week -8 from
    admission; the last outcome month (6) and rule 8 end in week 26 after the start. -#}
{%- set window = dream_window() -%}
{%- set first_week_from_admission = window.first_week_from_admission -%}
{%- set last_week_from_rehab_start = window.last_week_from_rehab_start -%}

with

courses as (
    select
        course_id,
        pnr,
        {{ iso_week_monday('admission_date') }} as admission_week_start,
        {{ iso_week_monday('rehab_start_date') }} as rehab_start_week_start
    from {{ ref('int_rehab_courses_prescreened') }}
    where failed_rule is null
),

weeks as (
    select * from {{ ref('int_benefit_weeks_cleaned') }}
),

course_weeks as (
    select
        courses.course_id,
        weeks.week_start,
        date_diff('day', courses.admission_week_start, weeks.week_start) // 7 as week_from_admission,
        date_diff('day', courses.rehab_start_week_start, weeks.week_start) // 7 as week_from_rehab_start,
        weeks.benefit_code,
        weeks.benefit_type,
        weeks.status_class
    from courses
    inner join weeks
        on
            courses.pnr = weeks.pnr
            and weeks.week_start >= courses.admission_week_start + 7 * ({{ first_week_from_admission }})
            and weeks.week_start <= courses.rehab_start_week_start + 7 * {{ last_week_from_rehab_start }}
)

select * from course_weeks
