{#- METHOD §5 general_plan_share_municipality: per residence municipality (of the plan
    contact) and calendar year, the share of general plans among all rehab plans
    (vars general_plan_codes + specialised_plan_codes, the one list of plan codes that
    rule 1 reads too) of its residents, counting plan contacts by the date of their
    first plan procedure that year. -#}
{%- set general_codes = var('general_plan_codes') -%}
{%- set specialised_codes = var('specialised_plan_codes') -%}
{%- set both = general_codes | select('in', specialised_codes) | list -%}
{%- if both | length > 0 -%}
    {{ exceptions.raise_compiler_error(
        'vars general_plan_codes and specialised_plan_codes share ' ~ (both | join(', '))
        ~ ': a plan is either general or specialised') }}
{%- endif %}

with

plan_contacts as (
    select
        plan_procedures.contact_id,
        year(plan_procedures.procedure_date) as plan_year,
        bool_or(plan_procedures.procedure_code in {{ sql_list(general_codes) }}) as is_general
    from {{ ref('stg_lpr__procedures') }} as plan_procedures
    where plan_procedures.procedure_code in {{ sql_list(general_codes + specialised_codes) }}
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
