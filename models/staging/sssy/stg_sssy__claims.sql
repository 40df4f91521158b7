with

source as (
    select * from {{ source('sssy', 'sssy') }}
),

renamed as (
    select
        cast(pnr as varchar) as pnr,
        cast(honuge as varchar) as claim_week_yyww,
        {{ yyww_week_start('cast(honuge as varchar)') }} as claim_week_start,
        cast(speciale as integer) as specialty_code,
        cast(ydelsesnr as varchar) as service_code,
        cast(antydel as integer) as service_count
    from source
)

select * from renamed
