{#- DREAM's wide rows (pnr and one column per week y_YYWW) as one row per person and
    non-blank week: pnr, week_start (the ISO week's Monday), iso_year, iso_week,
    benefit_code. UNPIVOT drops the blank (null) weeks; each week's date comes from a
    small calendar of the columns, never from parsing every row. `wide_relation` is a
    relation or CTE name with the columns of dream_needed_week_columns(): the staging
    model unpivots all persons, int_benefit_weeks_cleaned only the cohort's, after
    filtering the wide rows (DuckDB does not push a join below an unpivot).
    `window` = [first, last] names two date columns of wide_relation: only the weeks
    from first to last are kept, a filter on the unpivoted rows (a join of them, tens
    of millions at national scale, with a table of windows is much slower). -#}
{% macro dream_benefit_weeks(wide_relation, window=none) -%}
    {%- set week_columns = dream_needed_week_columns() -%}
    select
        unpivoted.pnr,
        week_calendar.week_start,
        week_calendar.iso_year,
        week_calendar.iso_week,
        cast(unpivoted.benefit_code as smallint) as benefit_code
    from (
        unpivot {{ wide_relation }}
        on {{ week_columns | join(', ') }}
        into name week_column value benefit_code
    ) as unpivoted
    inner join ({{ dream_week_calendar(week_columns) }}) as week_calendar
        on unpivoted.week_column = week_calendar.week_column
    {%- if window %}
    where week_calendar.week_start between unpivoted.{{ window[0] }} and unpivoted.{{ window[1] }}
    {%- endif %}
{%- endmacro %}
