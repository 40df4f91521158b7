{#- METHOD §9.1 rules 4-8 in order, and the outcome of §9.2: every candidate spell (rule
    1) with the first of rules 2-8 it fails (failed_rule, null when it passes all) and
    whether it is on benefits at months 0-6 counted from the start week (week 0; at
    least 2 of the month's 3 weeks of class on_benefits, raw codes). Rules 2-3 come from
    int_sickness_spells_selected; rule 9 is int_sickness_municipalities_assessed. -#}
{%- set window = sickness_window() -%}

with

selected as (
    select * from {{ ref('int_sickness_spells_selected') }}
),

candidates as (
    select * from selected
    where failed_rule is null
),

weeks as (
    select * from {{ ref('int_sickness_spell_weeks_listed') }}
),

-- Rule 4: in the calendar month of (the start week's Monday - months_before_admission
-- months), paid hours over all jobs of at least min_hours_in_work, as §3 rule 5.
work_months as (
    select
        spell_id,
        pnr,
        cast(
            date_trunc('month', start_week_start) - to_months({{ var('months_before_admission') }}) as date
        ) as work_month
    from candidates
),

jobs as (
    {{ main_job_in_month('work_months', 'spell_id') }}
),

rule_04_in_work_before as (
    select
        *,
        paid_hours_total >= {{ var('min_hours_in_work') }} as passes_rule_4,
        paid_hours_total >= {{ var('full_time_hours') }} as is_full_time
    from jobs
),

-- Rule 5: at most max_benefit_weeks_before public-benefit weeks (on_benefits or
-- undeterminable, raw codes) among weeks -9..-7 from the start week.
rule_05_benefit_weeks as (
    select
        spell_id,
        count(*) as n_weeks
    from weeks
    where
        week_from_start between {{ window.rule_5_weeks | min }} and {{ window.rule_5_weeks | max }}
        and status_class in ('on_benefits', 'undeterminable')
    group by spell_id
),

-- Rule 6: no death (DOD), emigration (VNDS `U`) or DREAM week of class left_country or
-- dead from months_before_admission months before the start week's Monday to the
-- Sunday of week 26 after it; a DREAM week counts when any of its days is inside.
departure_windows as (
    select
        spell_id,
        pnr,
        cast(start_week_start - to_months({{ var('months_before_admission') }}) as date) as window_start_date,
        start_week_start + 7 * {{ window.last_week_from_start }} + 6 as window_end_date
    from candidates
),

departures as (
    select departure_windows.spell_id
    from departure_windows
    inner join {{ ref('stg_dod__deaths') }} as deaths
        on
            departure_windows.pnr = deaths.pnr
            and deaths.death_date between departure_windows.window_start_date and departure_windows.window_end_date
    union
    select departure_windows.spell_id
    from departure_windows
    inner join {{ ref('stg_vnds__migrations') }} as migrations
        on
            departure_windows.pnr = migrations.pnr
            and migrations.direction_code = 'U'
            and migrations.migration_date between departure_windows.window_start_date
            and departure_windows.window_end_date
    union
    select departure_windows.spell_id
    from departure_windows
    inner join weeks
        on
            departure_windows.spell_id = weeks.spell_id
            and weeks.status_class in ('left_country', 'dead')
            and weeks.week_start + 6 >= departure_windows.window_start_date
            and departure_windows.window_end_date >= weeks.week_start
),

rule_06_alive_and_resident as (
    select
        candidates.spell_id,
        departures.spell_id is null as passes_rule_6
    from candidates
    left join departures
        on candidates.spell_id = departures.spell_id
),

month_counts as (
    select
        spell_id,
        {{ month_week_counts('week_from_start') }}
    from weeks
    group by spell_id
),

measured as (
    select
        {%- for m in outcome_months() %}
            {{ month_outcome('month_counts', m) | indent(12) }} as on_benefits_m{{ m }},
        {%- endfor %}
        candidates.spell_id
    from candidates
    left join month_counts
        on candidates.spell_id = month_counts.spell_id
),

-- Rule 7: determinable at the outcome month (not undeterminable in 2 of its 3 weeks).
rule_07_determinable as (
    select
        spell_id,
        on_benefits_m{{ var('sickness_outcome_month') }} is not null as passes_rule_7
    from measured
),

rules_4_to_7 as (
    select
        candidates.spell_id,
        candidates.pnr,
        candidates.start_year,
        candidates.start_week_start,
        case
            when not rule_04_in_work_before.passes_rule_4 then '4'
            when coalesce(rule_05_benefit_weeks.n_weeks, 0) > {{ var('max_benefit_weeks_before') }} then '5'
            when not rule_06_alive_and_resident.passes_rule_6 then '6'
            when not rule_07_determinable.passes_rule_7 then '7'
        end as failed_rule
    from candidates
    inner join rule_04_in_work_before
        on candidates.spell_id = rule_04_in_work_before.spell_id
    left join rule_05_benefit_weeks
        on candidates.spell_id = rule_05_benefit_weeks.spell_id
    inner join rule_06_alive_and_resident
        on candidates.spell_id = rule_06_alive_and_resident.spell_id
    inner join rule_07_determinable
        on candidates.spell_id = rule_07_determinable.spell_id
),

-- Rule 8: a person's first spell of a start year that passes rules 1-7 (decision);
-- later ones count in the spell metrics (§9.4) only.
rule_08_one_spell_per_year as (
    select
        spell_id,
        row_number() over (
            partition by pnr, start_year
            order by start_week_start, spell_id
        ) = 1 as passes_rule_8
    from rules_4_to_7
    where failed_rule is null
),

screened as (
    select
        selected.spell_id,
        selected.pnr,
        selected.spell_number,
        selected.start_week_start,
        selected.start_year,
        selected.duration_weeks,
        selected.municipality_code,
        selected.sex_code,
        selected.age_in_start_year,
        rule_04_in_work_before.work_month,
        rule_04_in_work_before.paid_hours_total,
        rule_04_in_work_before.main_job_industry_db07_code,
        rule_04_in_work_before.is_full_time,
        coalesce(
            selected.failed_rule,
            rules_4_to_7.failed_rule,
            case when not rule_08_one_spell_per_year.passes_rule_8 then '8' end
        ) as failed_rule,
        {%- for m in outcome_months() %}
            measured.on_benefits_m{{ m }},
        {%- endfor %}
        measured.on_benefits_m{{ var('sickness_outcome_month') }} as on_benefits_outcome_month
    from selected
    left join rules_4_to_7
        on selected.spell_id = rules_4_to_7.spell_id
    left join rule_04_in_work_before
        on selected.spell_id = rule_04_in_work_before.spell_id
    left join rule_08_one_spell_per_year
        on selected.spell_id = rule_08_one_spell_per_year.spell_id
    left join measured
        on selected.spell_id = measured.spell_id
)

select * from screened
