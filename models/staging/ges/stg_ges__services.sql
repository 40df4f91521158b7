with

source as (
    select * from {{ source('ges', 'ges') }}
),

renamed as (
    select
        cast(ges_id as varchar) as service_id,
        cast(pnr as varchar) as pnr,
        cast(ydelse_dato as date) as service_date,
        cast(kom as integer) as performing_municipality_code,
        cast(ydelse_kode as varchar) as service_code
    from source
)

select * from renamed
