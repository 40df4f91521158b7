with

source as (
    select * from {{ source('lpr', 'lpr_diag') }}
),

renamed as (
    select
        cast(recnum as varchar) as contact_id,
        cast(c_diag as varchar) as diagnosis_code,
        cast(c_diagtype as varchar) as diagnosis_type_code
    from source
)

select * from renamed
