{#- One row per person and week with a benefit code, for the weeks that the layers above
    read (macro dream_needed_week_columns: the plan period widened by the look-back and
    follow-up of METHOD §1-§3). UNPIVOT drops the blank (null) weeks; the week's date
    comes from a small calendar of the projected columns, never from parsing each row. -#}
{%- set week_columns = dream_needed_week_columns() -%}

with

source as (
    select
        pnr,
        {{ week_columns | join(', ') }}
    from {{ source('dream', 'dream') }}
),

unpivoted as (
    unpivot source
    on {{ week_columns | join(', ') }}
    into name week_column value benefit_code
),

week_calendar as (
    {{ dream_week_calendar(week_columns) }}
),

renamed as (
    select
        cast(unpivoted.pnr as varchar) as pnr,
        week_calendar.week_start,
        week_calendar.iso_year,
        week_calendar.iso_week,
        cast(unpivoted.benefit_code as smallint) as benefit_code
    from unpivoted
    inner join week_calendar
        on unpivoted.week_column = week_calendar.week_column
)

select * from renamed
