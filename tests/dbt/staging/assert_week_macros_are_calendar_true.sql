{#- The week macros (macros/weeks) on dates where a naive week number goes wrong: ISO
    years with 53 weeks (2015, 2020), weeks that start in the previous calendar year, and
    month ends. Every returned row is a case where a macro disagrees with the calendar. -#}
{{ config(store_failures=false) }}

with

sql_cases as (
    select 'iso_week_monday, Sunday 2016-01-03' as case_name,
        {{ iso_week_monday("date '2016-01-03'") }} = date '2015-12-28' as ok
    union all
    select 'iso_week_monday, Monday 2018-01-01',
        {{ iso_week_monday("date '2018-01-01'") }} = date '2018-01-01'
    union all
    select 'week_relative -9 of 2016-02-29',
        {{ week_relative("date '2016-02-29'", -9) }} = date '2015-12-28'
    union all
    select 'week_relative 13 of 2015-10-08',
        {{ week_relative("date '2015-10-08'", 13) }} = date '2016-01-04'
    union all
    select 'week_relative 0 of a timestamp',
        {{ week_relative("timestamp '2017-06-04 23:00:00'", 0) }} = date '2017-05-29'
    union all
    select 'iso_week_start 2015 week 53',
        {{ iso_week_start(2015, 53) }} = date '2015-12-28'
    union all
    select 'iso_week_start 2020 week 1',
        {{ iso_week_start(2020, 1) }} = date '2019-12-30'
    union all
    select 'iso_weeks_in_year 2015, 2016, 2020',
        {{ iso_weeks_in_year(2015) }} = 53 and {{ iso_weeks_in_year(2016) }} = 52
        and {{ iso_weeks_in_year(2020) }} = 53
    union all
    select 'is_real_yyww 1553, 2053 yes; 1653, 1400, 15a1 no',
        {{ is_real_yyww("'1553'") }} and {{ is_real_yyww("'2053'") }}
        and not {{ is_real_yyww("'1653'") }} and not {{ is_real_yyww("'1400'") }}
        and not {{ is_real_yyww("'15a1'") }}
    union all
    select 'yyww_week_start 1553 and 1601',
        {{ yyww_week_start("'1553'") }} = date '2015-12-28'
        and {{ yyww_week_start("'1601'") }} = date '2016-01-04'
),

jinja_cases as (
    select 'dream_week_columns across 2015 week 53' as case_name,
        '{{ dream_week_columns("2015-12-20", "2016-01-10") | join(",") }}'
        = 'y_1551,y_1552,y_1553,y_1601' as ok
    union all
    select 'dream_week_column of 2018-12-31 (ISO 2019 week 1)',
        '{{ dream_week_column("2018-12-31") }}' = 'y_1901'
    union all
    select 'add_months 2016-03-31 minus 1 and 2015-11-01 minus 2',
        '{{ add_months("2016-03-31", -1) }}' = '2016-02-29'
        and '{{ add_months("2015-11-01", -2) }}' = '2015-09-01'
)

select case_name
from sql_cases
where not coalesce(ok, false)
union all
select case_name
from jinja_cases
where not coalesce(ok, false)
