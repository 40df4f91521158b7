{#- The report's Bilag 2 table 4 (METHOD §6.3.4) for every benchmark case (§14): the
    share on benefits at the case's outcome month among units in physically demanding
    industries, with large-joint diagnoses (a case with diagnoses; else no unit, so
    null), women, men, under 50 and 50 and over; per benchmark municipality and
    nationally. Shares from 5 units or fewer are suppressed (§6.6). -#}
{%- set groups = [
    ('physically_demanding_industry', 'is_physically_demanding_industry'),
    ('large_joint_diagnosis', 'is_large_joint_diagnosis'),
    ('women', "sex = 'woman'"),
    ('men', "sex = 'man'"),
    ('under_50', 'is_under_50'),
    ('over_50', 'not is_under_50'),
] -%}

with

courses as (
    select * from {{ ref('int_benchmark_units_described') }}
),

shares as (
    select
        benchmark_case,
        {{ municipal_and_national_columns() }},
        {%- for name, condition in groups %}
            {{ share_n('on_benefits_outcome_month = 1', condition) }} as n_{{ name }},
            {{ share_pct('on_benefits_outcome_month = 1', condition) }} as {{ name }}_pct,
        {%- endfor %}
        any_value(outcome_month) as outcome_month,
        count(*) as n_courses
    from courses
    group by grouping sets ((benchmark_case), (benchmark_case, municipality_code))
),

final as (
    select
        benchmark_case,
        scope,
        municipality_code,
        municipality_name,
        outcome_month,
        {%- for name, condition in groups %}
            {{ suppress('n_' ~ name, 'n_' ~ name) }} as n_{{ name }},
            {{ name }}_pct,
            {{ is_suppressed('n_' ~ name) }} as {{ name }}_is_suppressed,
        {%- endfor %}
        {{ suppress('n_courses', 'n_courses') }} as n_courses
    from shares
)

select * from final
order by benchmark_case asc, scope desc, municipality_name asc
