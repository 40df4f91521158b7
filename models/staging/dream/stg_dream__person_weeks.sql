{#- DREAM as it comes, wide: one row per person with one SMALLINT benefit code per ISO
    week, projected to the weeks that the layers above read (macro
    dream_staged_week_columns: the weeks of macro dream_window around every plan
    contact of LPR and around the vars' plan period, and the weeks of the benefit
    spells of METHOD §8 that the file holds), so a national DREAM with weeks since 1991
    is read only there. -#}
{%- set week_columns = dream_staged_week_columns() -%}

with

source as (
    select * from {{ source('dream', 'dream') }}
),

renamed as (
    select
        cast(pnr as varchar) as pnr,
    {%- for column in week_columns %}
        cast({{ column }} as smallint) as {{ column }}{{ "," if not loop.last }}
    {%- endfor %}
    from source
)

select * from renamed
