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


{#- The first and last day of the weeks that the layers above staging read from DREAM:
    rule 6 and benefit_weeks_prior_year look back 60 weeks before week -8 of the
    admission month, the outcome looks 26 weeks past a rehab start at most
    first_service_max_days after the plan period, and the short-sickness cleaning
    (§2) needs short_sickness_max_weeks more on each side to see a whole spell. -#}
{% macro dream_needed_period() -%}
    {%- set margin = var('short_sickness_max_weeks') | int -%}
    {%- set first = add_months(var('plan_period_start'), -(var('months_before_admission') | int))
        - modules.datetime.timedelta(weeks=60 + margin) -%}
    {%- set last = to_date(var('plan_period_end'))
        + modules.datetime.timedelta(days=var('first_service_max_days') | int)
        + modules.datetime.timedelta(weeks=26 + margin) -%}
    {{- return([first, last]) -}}
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


{#- The first and last day of the weeks that benefit spells (METHOD §8) are built from. -#}
{% macro dream_spell_period() -%}
    {{- return([to_date(var('spell_period_start')), to_date(var('spell_period_end'))]) -}}
{%- endmacro %}


{#- The y_YYWW columns of dream_spell_period(), in calendar order: spell week indexes
    count from its first column (index 0). -#}
{% macro dream_spell_week_columns() -%}
    {%- set period = dream_spell_period() -%}
    {{- return(dream_week_columns(period[0], period[1])) -}}
{%- endmacro %}


{#- The y_YYWW columns that staging reads and the load check requires: every week from
    the earlier to the later end of dream_needed_period() and dream_spell_period(). -#}
{% macro dream_staged_week_columns() -%}
    {%- set needed = dream_needed_period() -%}
    {%- set spells = dream_spell_period() -%}
    {{- return(dream_week_columns([needed[0], spells[0]] | min, [needed[1], spells[1]] | max)) -}}
{%- endmacro %}
