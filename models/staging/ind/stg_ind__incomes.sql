with

source as (
    select * from {{ source('ind', 'ind') }}
),

renamed as (
    select
        cast(pnr as varchar) as pnr,
        cast(aar as integer) as year,
        cast(dispon_13 as double) as disposable_income_dkk
    from source
)

select * from renamed
