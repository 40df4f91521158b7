with

source as (
    select * from {{ source('lpr', 'lpr_adm') }}
),

renamed as (
    select
        cast(recnum as varchar) as contact_id,
        cast(pnr as varchar) as pnr,
        cast(d_inddto as date) as admission_date,
        cast(d_uddto as date) as discharge_date,
        cast(c_pattype as varchar) as patient_type_code,
        cast(c_indm as varchar) as admission_type_code,
        cast(c_spec as varchar) as specialty_code,
        cast(c_kom as integer) as municipality_code,
        cast(c_adiag as varchar) as action_diagnosis,
        cast(mdc as varchar) as mdc_code
    from source
)

select * from renamed
