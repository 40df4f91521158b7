{#- METHOD §3 rule 3: link each plan to the person's municipal rehab course. The rehab
    start is the person's first GES service dated from the discharge date to
    first_service_max_days (60) days after it, inclusive. The course holds the services
    from the start until the earlier of course_max_days (365) days later and the
    person's next plan date (both exclusive: day 365 is outside); it must hold at least
    min_services (2) services and start in one of start_years (2016, 2017). "Next plan"
    (decision) is any later rehab-plan procedure of the person, general or specialised,
    inside or after the plan period. rule_3_reason says why a plan fails. -#}

with

plans as (
    select * from {{ ref('int_rehab_plans_selected') }}
),

services as (
    select * from {{ ref('stg_ges__services') }}
),

-- Every rehab plan of any kind and date: any of them ends an earlier course.
all_plans as (
    select distinct
        plan_contacts.pnr,
        plan_procedures.procedure_date as plan_date
    from {{ ref('stg_lpr__procedures') }} as plan_procedures
    inner join {{ ref('stg_lpr__contacts') }} as plan_contacts
        on plan_procedures.contact_id = plan_contacts.contact_id
    where plan_procedures.procedure_code in {{ sql_list(var('general_plan_codes') + var('specialised_plan_codes')) }}
),

first_services as (
    select
        plans.course_id,
        min(services.service_date) as rehab_start_date
    from plans
    inner join services
        on
            plans.pnr = services.pnr
            and services.service_date between plans.discharge_date
            and plans.discharge_date + {{ var('first_service_max_days') }}
    group by plans.course_id
),

-- Only a later plan ends a course; a plan of the same day is the same plan twice.
next_plans as (
    select
        plans.course_id,
        min(later_plans.plan_date) as next_plan_date
    from plans
    inner join all_plans as later_plans
        on
            plans.pnr = later_plans.pnr
            and plans.plan_date < later_plans.plan_date
    group by plans.course_id
),

course_windows as (
    select
        plans.course_id,
        plans.pnr,
        first_services.rehab_start_date,
        next_plans.next_plan_date,
        least(
            first_services.rehab_start_date + {{ var('course_max_days') }},
            coalesce(next_plans.next_plan_date, first_services.rehab_start_date + {{ var('course_max_days') }})
        ) as course_end_date
    from plans
    inner join first_services
        on plans.course_id = first_services.course_id
    left join next_plans
        on plans.course_id = next_plans.course_id
),

course_services as (
    select
        course_windows.course_id,
        count(*) as n_services
    from course_windows
    inner join services
        on
            course_windows.pnr = services.pnr
            and course_windows.rehab_start_date <= services.service_date
            and course_windows.course_end_date > services.service_date
    group by course_windows.course_id
),

-- Whether the person had any service after discharge at all: tells a late first
-- service from none (for the population flow's reasons).
any_later_services as (
    select distinct plans.course_id
    from plans
    inner join services
        on
            plans.pnr = services.pnr
            and services.service_date > plans.discharge_date + {{ var('first_service_max_days') }}
),

linked as (
    select
        plans.course_id,
        plans.pnr,
        plans.plan_date,
        plans.discharge_date,
        course_windows.rehab_start_date,
        course_windows.next_plan_date,
        course_windows.course_end_date,
        coalesce(course_services.n_services, 0) as n_services,
        year(course_windows.rehab_start_date) as start_year,
        case
            when course_windows.rehab_start_date is null and any_later_services.course_id is not null
                then 'first service later than {{ var("first_service_max_days") }} days after discharge'
            when course_windows.rehab_start_date is null
                then 'no municipal rehab service after discharge'
            when coalesce(course_services.n_services, 0) < {{ var('min_services') }}
                then 'fewer than {{ var("min_services") }} services in the course'
            when year(course_windows.rehab_start_date) not in {{ sql_list(var('start_years')) }}
                then 'rehab start outside the start years'
        end as rule_3_reason
    from plans
    left join course_windows
        on plans.course_id = course_windows.course_id
    left join course_services
        on plans.course_id = course_services.course_id
    left join any_later_services
        on plans.course_id = any_later_services.course_id
),

final as (
    select
        course_id,
        pnr,
        plan_date,
        discharge_date,
        rehab_start_date,
        next_plan_date,
        course_end_date,
        n_services,
        start_year,
        rule_3_reason,
        rule_3_reason is null as passes_rule_3
    from linked
)

select * from final
