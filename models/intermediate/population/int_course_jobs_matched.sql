{#- METHOD §3 rule 5: in work 2 months before. In the calendar month of (admission
    date - months_before_admission months) the person's paid hours over all jobs (BFL)
    sum to at least min_hours_in_work (80). The job with most hours that month is the
    main job and gives the industry (ties: the lowest cvrnr); full_time (§5) is a sum
    of at least full_time_hours (160). -#}

with

plans as (
    select * from {{ ref('int_rehab_plans_selected') }}
),

courses as (
    select * from {{ ref('int_rehab_courses_linked') }}
    where rehab_start_date is not null
),

job_months as (
    select * from {{ ref('stg_bfl__job_months') }}
),

work_months as (
    select
        courses.course_id,
        courses.pnr,
        cast(
            date_trunc('month', plans.admission_date) - to_months({{ var('months_before_admission') }}) as date
        ) as work_month
    from courses
    inner join plans
        on courses.course_id = plans.course_id
),

jobs as (
    select
        work_months.course_id,
        job_months.employer_cvr,
        job_months.paid_hours,
        job_months.industry_db07_code,
        sum(job_months.paid_hours) over (partition by work_months.course_id) as paid_hours_total,
        count(*) over (partition by work_months.course_id) as n_jobs,
        row_number() over (
            partition by work_months.course_id
            order by job_months.paid_hours desc, job_months.employer_cvr asc
        ) as job_rank
    from work_months
    inner join job_months
        on
            work_months.pnr = job_months.pnr
            and work_months.work_month = job_months.job_month
),

final as (
    select
        work_months.course_id,
        work_months.work_month,
        coalesce(jobs.n_jobs, 0) as n_jobs,
        coalesce(jobs.paid_hours_total, 0) as paid_hours_total,
        jobs.employer_cvr as main_job_employer_cvr,
        jobs.paid_hours as main_job_paid_hours,
        jobs.industry_db07_code as main_job_industry_db07_code,
        coalesce(jobs.paid_hours_total, 0) >= {{ var('min_hours_in_work') }} as passes_rule_5,
        coalesce(jobs.paid_hours_total, 0) >= {{ var('full_time_hours') }} as is_full_time
    from work_months
    left join jobs
        on
            work_months.course_id = jobs.course_id
            and jobs.job_rank = 1
)

select * from final
