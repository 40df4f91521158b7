with

source as (
    select * from {{ source('vnds', 'vnds') }}
),

renamed as (
    select
        cast(pnr as varchar) as pnr,
        cast(haend_dato as date) as migration_date,
        cast(indud_kode as varchar) as direction_code
    from source
)

select * from renamed
