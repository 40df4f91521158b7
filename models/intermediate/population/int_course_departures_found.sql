{#- METHOD §3 rule 8: alive and resident, for the courses that reach rule 6 (rule 8
    decides among those only). A course fails when the person died (DOD),
    emigrated (VNDS `U`) or has a DREAM week of class left_country (997) or dead (999)
    between months_before_admission (2) calendar months before admission and the end
    (Sunday) of week 26 after the rehab start. A DREAM week counts when any of its days
    falls in that window. -#}
{%- set last_week_from_rehab_start = month_weeks(6) | last -%}

with

courses as (
    select
        course_id,
        pnr,
        cast(admission_date - to_months({{ var('months_before_admission') }}) as date) as window_start_date,
        {{ week_relative('rehab_start_date', last_week_from_rehab_start) }} + 6 as window_end_date
    from {{ ref('int_rehab_courses_prescreened') }}
    where failed_rule is null
),

deaths as (
    select distinct courses.course_id
    from courses
    inner join {{ ref('stg_dod__deaths') }} as deaths
        on
            courses.pnr = deaths.pnr
            and deaths.death_date between courses.window_start_date and courses.window_end_date
),

emigrations as (
    select distinct courses.course_id
    from courses
    inner join {{ ref('stg_vnds__migrations') }} as migrations
        on
            courses.pnr = migrations.pnr
            and migrations.direction_code = 'U'
            and migrations.migration_date between courses.window_start_date and courses.window_end_date
),

-- The window lies inside the course's weekly status (week -60 from admission to week
-- 26 from the start).
dream_departures as (
    select distinct courses.course_id
    from courses
    inner join {{ ref('int_course_benefit_weeks') }} as weeks
        on
            courses.course_id = weeks.course_id
            and weeks.status_class in ('left_country', 'dead')
            and weeks.week_start + 6 >= courses.window_start_date
            and courses.window_end_date >= weeks.week_start
),

final as (
    select
        courses.course_id,
        courses.window_start_date,
        courses.window_end_date,
        deaths.course_id is not null as has_death,
        emigrations.course_id is not null as has_emigration,
        dream_departures.course_id is not null as has_dream_departure,
        deaths.course_id is null
        and emigrations.course_id is null
        and dream_departures.course_id is null as passes_rule_8
    from courses
    left join deaths
        on courses.course_id = deaths.course_id
    left join emigrations
        on courses.course_id = emigrations.course_id
    left join dream_departures
        on courses.course_id = dream_departures.course_id
)

select * from final
