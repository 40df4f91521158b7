with

source as (
    select * from {{ source('dod', 'dod') }}
),

renamed as (
    select
        cast(pnr as varchar) as pnr,
        cast(doddato as date) as death_date
    from source
)

select * from renamed
