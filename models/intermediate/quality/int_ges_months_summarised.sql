{#- GES reporting per performing municipality and calendar month of the start years
    (METHOD §3 rule 10a-b): services, persons served, the mean number of services per
    person, and its relative change from the month before. A swing is a change of more
    than quality_max_swing (40 %) either way. Months without a service have no row. -#}

with

services as (
    select * from {{ ref('stg_ges__services') }}
    where year(service_date) in {{ sql_list(var('start_years')) }}
),

months as (
    select
        performing_municipality_code as municipality_code,
        year(service_date) as service_year,
        month(service_date) as service_month,
        count(*) as n_services,
        count(distinct pnr) as n_persons,
        count(*) / count(distinct pnr) as services_per_person
    from services
    group by all
),

changes as (
    select
        *,
        -- Only a month and the month right before it are compared.
        case
            when
                lag(service_month) over per_year = service_month - 1
                then services_per_person / lag(services_per_person) over per_year - 1
        end as change_from_previous_month
    from months
    window per_year as (partition by municipality_code, service_year order by service_month)
),

final as (
    select
        *,
        coalesce(abs(change_from_previous_month) > {{ var('quality_max_swing') }}, false) as is_swing
    from changes
)

select * from final
