{#- DREAM in long form: one row per person and week with a benefit code, for the weeks
    of stg_dream__person_weeks (blank weeks have no row). -#}

with

person_weeks as (
    select * from {{ ref('stg_dream__person_weeks') }}
),

benefit_weeks as (
    {{ dream_benefit_weeks('person_weeks') }}
)

select * from benefit_weeks
