{#- Week arithmetic at compile time (Jinja), for choosing DREAM's y_YYWW columns.
    Dates are 'YYYY-MM-DD' strings or datetime.date values. -#}

{% macro to_date(value) -%}
    {%- if value is string -%}
        {{- return(modules.datetime.date.fromisoformat(value)) -}}
    {%- else -%}
        {{- return(value) -}}
    {%- endif -%}
{%- endmacro %}


{#- d plus n calendar months (n may be negative), the day clamped to the month's end. -#}
{% macro add_months(d, n) -%}
    {%- set d = to_date(d) -%}
    {%- set months = d.year * 12 + (d.month - 1) + n -%}
    {%- set year = months // 12 -%}
    {%- set month = months % 12 + 1 -%}
    {%- set next_first = modules.datetime.date(year + (month // 12), month % 12 + 1, 1) -%}
    {%- set last_day = (next_first - modules.datetime.timedelta(days=1)).day -%}
    {{- return(modules.datetime.date(year, month, [d.day, last_day] | min)) -}}
{%- endmacro %}


{#- The DREAM column name y_YYWW of the ISO week that contains d. -#}
{% macro dream_week_column(d) -%}
    {%- set iso = to_date(d).isocalendar() -%}
    {{- return('y_%02d%02d' % (iso[0] % 100, iso[1])) -}}
{%- endmacro %}


{#- The DREAM column names y_YYWW of every ISO week from the week that contains
    start_date to the week that contains end_date, in calendar order. -#}
{% macro dream_week_columns(start_date, end_date) -%}
    {%- set first = to_date(start_date) - modules.datetime.timedelta(days=to_date(start_date).weekday()) -%}
    {%- set last = to_date(end_date) - modules.datetime.timedelta(days=to_date(end_date).weekday()) -%}
    {%- set columns = [] -%}
    {%- for i in range(((last - first).days // 7) + 1) -%}
        {%- do columns.append(dream_week_column(first + modules.datetime.timedelta(days=7 * i))) -%}
    {%- endfor -%}
    {{- return(columns) -}}
{%- endmacro %}


{#- The weeks of DREAM that a course reads, relative to its plan contact (METHOD §1-§5),
    the one place they are written: rule 6 and benefit_weeks_prior_year look back from
    week -8 of the admission over 52 more weeks; the last outcome month (6) and rule 8
    end in week 26 after the rehab start, which lies at most first_service_max_days
    after the discharge (rule 3); the short-sickness cleaning (§2) reads
    short_sickness_max_weeks more on each side, to see a whole sickness spell at the
    window's edge. Used by stg_dream__person_weeks (through dream_needed_period),
    int_benefit_weeks_cleaned and int_course_benefit_weeks. -#}
{% macro dream_window() -%}
    {{- return({
        'first_week_from_admission': -8 - 52,
        'last_week_from_rehab_start': month_weeks(6) | last,
        'max_days_discharge_to_start': var('first_service_max_days') | int,
        'sickness_margin_weeks': var('short_sickness_max_weeks') | int,
    }) -}}
{%- endmacro %}


{#- The read_parquet path of a register source (e.g. 'lpr_adm'), from the graph, so that
    the on-run-start hook can read it as well as a model. -#}
{% macro register_path(name) -%}
    {%- for node in (graph.get('sources') or {}).values() if node.package_name == project_name and node.name == name -%}
        {%- set meta = node.config.get('meta', {}) if node.config else {} -%}
        {%- set location = meta.get('external_location') or node.meta.get('external_location') -%}
        {{- return(location | replace('{name}', node.name) | replace('{identifier}', node.identifier)) -}}
    {%- endfor -%}
    {{- return(none) -}}
{%- endmacro %}


{#- SQL over the register files: one row per LPR contact that carries a general rehab
    plan dated in the plan period (rule 1), with its recnum, admission and discharge. -#}
{% macro plan_contacts_sql() -%}
    select adm.recnum, cast(adm.d_inddto as date) as admission_date, cast(adm.d_uddto as date) as discharge_date
    from read_parquet('{{ register_path("lpr_adm") }}') as adm
    semi join read_parquet('{{ register_path("lpr_sksube") }}') as ube
        on
            adm.recnum = ube.recnum
            and ube.c_opr in {{ sql_list(var('general_plan_codes')) }}
            and cast(ube.d_odto as date) between date '{{ var("plan_period_start") }}' and date '{{ var("plan_period_end") }}'
{%- endmacro %}


{#- The first and last day of the weeks that the layers above staging read from DREAM:
    dream_window() around every plan contact of the registers (its admission and its
    discharge), and around the plan period of the vars (a contact admitted on
    plan_period_start, discharged on plan_period_end), whichever is wider. The registers
    are read when dbt executes (read_registers); at parse time the vars alone give the
    period. -#}
{% macro dream_needed_period(read_registers=true) -%}
    {%- set w = dream_window() -%}
    {%- set earliest_admission = to_date(var('plan_period_start')) -%}
    {%- set latest_discharge = to_date(var('plan_period_end')) -%}
    {%- if execute and read_registers and register_path('lpr_adm') and register_path('lpr_sksube') -%}
        {%- set found = run_query(
            'select min(admission_date), max(discharge_date) from (' ~ plan_contacts_sql() ~ ')') -%}
        {%- set row = found.rows[0] -%}
        {%- if row[0] is not none and row[0] < earliest_admission -%}
            {%- set earliest_admission = row[0] -%}
        {%- endif -%}
        {%- if row[1] is not none and row[1] > latest_discharge -%}
            {%- set latest_discharge = row[1] -%}
        {%- endif -%}
    {%- endif -%}
    {%- set first = earliest_admission
        + modules.datetime.timedelta(weeks=w.first_week_from_admission - w.sickness_margin_weeks) -%}
    {%- set last = latest_discharge
        + modules.datetime.timedelta(days=w.max_days_discharge_to_start)
        + modules.datetime.timedelta(weeks=w.last_week_from_rehab_start + w.sickness_margin_weeks) -%}
    {{- return([first, last]) -}}
{%- endmacro %}


{#- The plan contacts whose weeks (dream_window()) need one of the DREAM week columns
    `missing_columns`: a message naming up to 10 of them and their count, or '' when the
    missing weeks are needed by the vars' plan period alone. -#}
{% macro dream_window_contacts_outside(missing_columns) -%}
    {%- set w = dream_window() -%}
    {%- set mondays = [] -%}
    {%- for column in missing_columns -%}
        {%- set yy = column[2:4] | int -%}
        {%- set year = (2000 if yy < 50 else 1900) + yy -%}
        {%- set monday = modules.datetime.date.fromisocalendar(year, column[4:6] | int, 1) -%}
        {%- do mondays.append("(date '" ~ monday.isoformat() ~ "')") -%}
    {%- endfor -%}
    {%- set query -%}
        with plan_contacts as ({{ plan_contacts_sql() }}),
        missing (week_start) as (values {{ mondays | join(', ') }}),
        outside as (
            select distinct plan_contacts.recnum, plan_contacts.admission_date, plan_contacts.discharge_date
            from plan_contacts
            inner join missing
                on missing.week_start between
                    {{ iso_week_monday('plan_contacts.admission_date') }} + 7 * ({{ w.first_week_from_admission - w.sickness_margin_weeks }})
                    and {{ iso_week_monday('plan_contacts.discharge_date + ' ~ w.max_days_discharge_to_start) }}
                    + 7 * {{ w.last_week_from_rehab_start + w.sickness_margin_weeks }}
        )
        select count(*) over () as n, recnum, admission_date, discharge_date
        from outside
        order by admission_date, recnum
        limit 10
    {%- endset -%}
    {%- set rows = run_query(query).rows -%}
    {%- if rows | length == 0 -%}{{- return('') -}}{%- endif -%}
    {%- set names = [] -%}
    {%- for row in rows -%}
        {%- do names.append(row[1] ~ ' (admitted ' ~ row[2] ~ ', discharged ' ~ row[3] ~ ')') -%}
    {%- endfor -%}
    {{- return('lpr_adm.parquet: ' ~ rows[0][0] ~ ' plan contact(s) of the plan period have weeks outside DREAM'
        ~ ' (week ' ~ w.first_week_from_admission ~ ' from admission to week ' ~ w.last_week_from_rehab_start
        ~ ' from a start at most ' ~ w.max_days_discharge_to_start ~ ' days after discharge, ± '
        ~ w.sickness_margin_weeks ~ ' weeks): ' ~ (names | join(', '))) -}}
{%- endmacro %}


{#- The y_YYWW columns of dream_needed_period(). -#}
{% macro dream_needed_week_columns() -%}
    {%- set period = dream_needed_period() -%}
    {{- return(dream_week_columns(period[0], period[1])) -}}
{%- endmacro %}


{#- A VALUES list (week_column, week_start, iso_year, iso_week) of DREAM week columns
    y_YYWW: the calendar that macro dream_benefit_weeks joins to its unpivoted rows. -#}
{% macro dream_week_calendar(week_columns) -%}
    {%- set rows = [] -%}
    {%- for column in week_columns -%}
        {%- set yy = column[2:4] | int -%}
        {%- set year = (2000 if yy < 50 else 1900) + yy -%}
        {%- set week = column[4:6] | int -%}
        {%- set monday = modules.datetime.date.fromisocalendar(year, week, 1) -%}
        {%- do rows.append("('" ~ column ~ "', date '" ~ monday.isoformat() ~ "', " ~ year ~ ", " ~ week ~ ")") -%}
    {%- endfor -%}
    select * from (values {{ rows | join(', ') }}) as calendar (week_column, week_start, iso_year, iso_week)
{%- endmacro %}


{#- The first and last day of the weeks that benefit spells (METHOD §8) are built from:
    spell_period_start - spell_period_end, clipped to the weeks that DREAM's file holds
    (read when dbt executes), so that an extract with fewer weeks builds its spells over
    what it has and censors them at its own edges (§8 "Censoring"). -#}
{% macro dream_spell_period() -%}
    {%- set first = to_date(var('spell_period_start')) -%}
    {%- set last = to_date(var('spell_period_end')) -%}
    {%- if execute and register_path('dream') -%}
        {%- set found = run_query("select name from parquet_schema('" ~ register_path('dream')
            ~ "') where regexp_matches(name, '^y_[0-9]{4}$')") -%}
        {%- set mondays = [] -%}
        {%- for row in found.rows -%}
            {%- set yy = row[0][2:4] | int -%}
            {%- set year = (2000 if yy < 50 else 1900) + yy -%}
            {%- do mondays.append(modules.datetime.date.fromisocalendar(year, row[0][4:6] | int, 1)) -%}
        {%- endfor -%}
        {%- if mondays | length > 0 -%}
            {%- set first = [first, mondays | min] | max -%}
            {%- set last = [last, (mondays | max) + modules.datetime.timedelta(days=6)] | min -%}
        {%- endif -%}
    {%- endif -%}
    {{- return([first, last]) -}}
{%- endmacro %}


{#- The y_YYWW columns of dream_spell_period(), in calendar order: spell week indexes
    count from its first column (index 0). -#}
{% macro dream_spell_week_columns() -%}
    {%- set period = dream_spell_period() -%}
    {{- return(dream_week_columns(period[0], period[1])) -}}
{%- endmacro %}


{#- The y_YYWW columns that staging reads: the weeks the rehab benchmark needs
    (dream_needed_week_columns, which the load check requires) and the spell weeks
    (dream_spell_week_columns, what the file holds of them), in calendar order. -#}
{% macro dream_staged_week_columns() -%}
    {%- set needed = dream_needed_period() -%}
    {%- set spells = dream_spell_period() -%}
    {%- set columns = dream_week_columns(needed[0], needed[1]) -%}
    {%- if spells[0] <= spells[1] -%}
        {%- set columns = dream_week_columns([needed[0], spells[0]] | min, [needed[1], spells[1]] | max) -%}
    {%- endif -%}
    {{- return(columns) -}}
{%- endmacro %}
