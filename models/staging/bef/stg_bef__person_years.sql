with

source as (
    select * from {{ source('bef', 'bef') }}
),

renamed as (
    select
        cast(pnr as varchar) as pnr,
        cast(aar as integer) as year,
        cast(koen as integer) as sex_code,
        cast(foed_dag as date) as birth_date,
        cast(kom as integer) as municipality_code,
        cast(e_faelle_id as varchar) as partner_id,
        cast(ie_type as integer) as origin_type_code,
        cast(opr_land as integer) as country_of_origin_code
    from source
)

select * from renamed
