with

source as (
    select * from {{ source('bfl', 'bfl') }}
),

renamed as (
    select
        cast(pnr as varchar) as pnr,
        make_date(cast(aarmd as integer) // 100, cast(aarmd as integer) % 100, 1) as job_month,
        cast(aarmd as integer) as job_month_yyyymm,
        cast(cvrnr as varchar) as employer_cvr,
        cast(ajo_arbejdstimer as double) as paid_hours,
        cast(arb_hoved_bra_db07 as varchar) as industry_db07_code
    from source
)

select * from renamed
