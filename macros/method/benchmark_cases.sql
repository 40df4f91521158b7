{#- The benchmark cases of METHOD §14. A case's labels and vars are rows of the seed
    ref_benchmark_cases; the models that hold its units and its covariates are named
    here, because dbt must see every ref() when it parses the project, before any seed
    can be read. Adding a case: its population models, its rows in ref_benchmark_cases
    and ref_covariate_levels, and one entry here (README, "Benchmark cases").

    Each entry: case (as in the seed), units (one row per candidate unit with
    exclusion_rule, null = in the population, municipality_code and on_benefits_m0..m6),
    covariates (one row per unit of the population with a column per covariate of the
    case's rows in ref_covariate_levels, and the characteristics of the Bilag 2 key
    figures: sex, age_in_start_year, is_physically_demanding_industry), key (the unit's
    identifier in both), rules (the case's population rules in order, for its flow;
    the units' exclusion_rule is one of them) and, where the case has diagnoses,
    large_joint (the condition of the report's large-joint group on the covariate
    model's columns). -#}
{% macro benchmark_case_models() -%}
    {{ return([
        {'case': 'rehab', 'units': ref('int_rehab_courses_assessed'),
         'covariates': ref('int_course_covariates'), 'key': 'course_id',
         'large_joint': "joint_size = 'large'", 'rules': population_rules()},
        {'case': 'sickness', 'units': ref('int_sickness_spells_assessed'),
         'covariates': ref('int_sickness_covariates'), 'key': 'spell_id',
         'rules': sickness_population_rules()},
    ]) }}
{%- endmacro %}


{#- The rows of ref_benchmark_cases as a list of dicts (read when dbt executes; an empty
    list while it parses). A model that calls it says
    `-- depends_on: {{ ref('ref_benchmark_cases') }}`. -#}
{% macro benchmark_cases() -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set rows = run_query(
        'select benchmark_case, outcome_month_var, start_years_var from '
        ~ ref('ref_benchmark_cases') ~ ' order by case_order'
    ) -%}
    {%- set cases = [] -%}
    {%- for row in rows -%}
        {%- do cases.append({
            'case': row['benchmark_case'],
            'outcome_month': var(row['outcome_month_var']),
            'start_years': var(row['start_years_var']),
        }) -%}
    {%- endfor -%}
    {{ return(cases) }}
{%- endmacro %}


{#- One select per benchmark case (benchmark_case_models), united: the case as
    benchmark_case, its key as text unit_id, then the columns the caller block writes
    (given the case's entry, for a column of its own) from the case's `relation` model
    ('units' or 'covariates'), with an optional `where`. Used as
    `{% call(case) union_over_cases('units') %} columns {% endcall %}`. -#}
{% macro union_over_cases(relation, where=none) -%}
    {%- for case in benchmark_case_models() %}
        {%- if not loop.first %}
            union all
        {%- endif %}
        select
            '{{ case.case }}' as benchmark_case,
            cast({{ case.key }} as varchar) as unit_id,
            {{ caller(case) }}
        from {{ case[relation] }}
        {%- if where %}
        where {{ where }}
        {%- endif %}
    {%- endfor %}
{%- endmacro %}
