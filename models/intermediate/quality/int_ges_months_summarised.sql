{#- GES reporting per performing municipality and calendar month of the start years
    (METHOD §3 rule 10a-b): services, persons served, the mean number of services per
    person, and its relative change from the month before. A swing is a change of more
    than quality_max_swing (40 %) either way, decided in exact arithmetic (decision):
    |s/p - s0/p0| > swing * s0/p0 multiplied out to integers and a decimal, so that
    exactly 40 % is not a swing. Months without a service have no row. -#}

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

neighbours as (
    select
        *,
        -- Only a month and the month right before it are compared.
        lag(service_month) over per_year = service_month - 1 as follows_previous_month,
        lag(n_services) over per_year as previous_n_services,
        lag(n_persons) over per_year as previous_n_persons
    from months
    window per_year as (partition by municipality_code, service_year order by service_month)
),

final as (
    select
        municipality_code,
        service_year,
        service_month,
        n_services,
        n_persons,
        services_per_person,
        case
            when follows_previous_month
                then services_per_person * previous_n_persons / previous_n_services - 1
        end as change_from_previous_month,
        coalesce(
            follows_previous_month
            and abs(n_services * previous_n_persons - previous_n_services * n_persons)
            > cast('{{ var("quality_max_swing") }}' as decimal(18, 6)) * previous_n_services * n_persons,
            false
        ) as is_swing
    from neighbours
)

select * from final
