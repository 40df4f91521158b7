with

source as (
    select * from {{ source('lpr', 'lpr_sksopr') }}
),

renamed as (
    select
        cast(recnum as varchar) as contact_id,
        cast(c_opr as varchar) as operation_code,
        cast(d_odto as date) as operation_date
    from source
)

select * from renamed
