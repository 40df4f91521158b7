{#- METHOD §5 general_plan_share_municipality: per residence municipality (of the plan
    contact) and calendar year, the share of general plans among all rehab plans
    (general + specialised, ref_rehab_plan_codes) of its residents, counting plan
    contacts by the date of their first plan procedure that year. -#}

with

plan_codes as (
    select * from {{ ref('ref_rehab_plan_codes') }}
),

plan_contacts as (
    select
        plan_procedures.contact_id,
        year(plan_procedures.procedure_date) as plan_year,
        bool_or(plan_codes.plan_type = 'general') as is_general
    from {{ ref('stg_lpr__procedures') }} as plan_procedures
    inner join plan_codes
        on plan_procedures.procedure_code = plan_codes.procedure_code
    group by plan_procedures.contact_id, year(plan_procedures.procedure_date)
),

shares as (
    select
        contacts.municipality_code,
        plan_contacts.plan_year,
        count(*) as n_plans,
        count(*) filter (where plan_contacts.is_general) as n_general_plans,
        100.0 * count(*) filter (where plan_contacts.is_general) / count(*) as general_plan_share_pct
    from plan_contacts
    inner join {{ ref('stg_lpr__contacts') }} as contacts
        on plan_contacts.contact_id = contacts.contact_id
    group by contacts.municipality_code, plan_contacts.plan_year
)

select * from shares
