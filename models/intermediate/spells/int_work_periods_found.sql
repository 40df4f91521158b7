{#- METHOD §8 "In work": a person is in work from week w when weeks w..w+3 carry no
    DREAM code and BFL shows paid hours > 0 in the calendar month of week w's Thursday.
    One row per person and maximal run of such weeks w, as week indexes of the spell
    weeks (0 = first week of dream_spell_period). Built from intervals, never from every
    person-week: the runs of blank weeks of DREAM's wide rows (macro dream_week_runs)
    meet the runs of months with paid hours. -#}
{%- set week_columns = dream_spell_week_columns() -%}
{%- set period = dream_spell_period() -%}
{%- set first_monday = period[0] - modules.datetime.timedelta(days=period[0].weekday()) -%}
{%- set free_weeks = var('spell_end_gap_weeks') | int -%}

with

person_weeks as (
    select pnr, {{ week_columns | join(', ') }} from {{ ref('stg_dream__person_weeks') }}
),

job_months as (
    select * from {{ ref('stg_bfl__job_months') }}
),

runs as (
    {{ dream_week_runs('person_weeks', week_columns) }}
),

-- Weeks w from which w..w+3 lie in one run of weeks without a code (a run of blank
-- weeks ends at the next coded week or at the last spell week).
code_free_starts as (
    select
        pnr,
        first_index,
        last_index - {{ free_weeks }} + 1 as last_index
    from runs
    where benefit_code is null and last_index - first_index + 1 >= {{ free_weeks }}
),

paid_months as (
    select
        pnr,
        year(job_month) * 12 + month(job_month) - 1 as month_number
    from job_months
    group by pnr, job_month
    having sum(paid_hours) > 0
),

paid_months_keyed as (
    select
        pnr,
        month_number,
        month_number - row_number() over (partition by pnr order by month_number) as run_key
    from paid_months
),

paid_month_runs as (
    select
        pnr,
        make_date(min(month_number) // 12, min(month_number) % 12 + 1, 1) as first_day,
        cast(
            make_date((max(month_number) + 1) // 12, (max(month_number) + 1) % 12 + 1, 1)
            - interval 1 day as date
        ) as last_day
    from paid_months_keyed
    group by pnr, run_key
),

-- METHOD §8 "Month of a week": a week belongs to the month of its Thursday, so a run of
-- months holds the weeks from the first Thursday of its first month to the last
-- Thursday of its last month.
paid_month_thursdays as (
    select
        pnr,
        first_day + cast((4 - isodow(first_day) + 7) % 7 as integer) as first_thursday,
        last_day - cast((isodow(last_day) - 4 + 7) % 7 as integer) as last_thursday
    from paid_month_runs
),

paid_week_runs as (
    select
        pnr,
        datediff('day', date '{{ first_monday }}', first_thursday - 3) // 7 as first_index,
        datediff('day', date '{{ first_monday }}', last_thursday - 3) // 7 as last_index
    from paid_month_thursdays
),

work_periods as (
    select
        code_free_starts.pnr,
        greatest(code_free_starts.first_index, paid_week_runs.first_index) as first_index,
        least(code_free_starts.last_index, paid_week_runs.last_index) as last_index
    from code_free_starts
    inner join paid_week_runs
        on
            code_free_starts.pnr = paid_week_runs.pnr
            and code_free_starts.first_index <= paid_week_runs.last_index
            and code_free_starts.last_index >= paid_week_runs.first_index
)

select
    pnr,
    first_index,
    last_index,
    date '{{ first_monday }}' + cast(7 * first_index as integer) as first_week_start,
    date '{{ first_monday }}' + cast(7 * last_index as integer) as last_week_start
from work_periods
