with

source as (
    select * from {{ source('udda', 'udda') }}
),

renamed as (
    select
        cast(pnr as varchar) as pnr,
        cast(aar as integer) as year,
        cast(hfaudd as varchar) as highest_education_code
    from source
)

select * from renamed
