{#- National figures of METHOD §6.4: the share on benefits at the outcome month (var
    outcome_month, 3) by sex, age group, industry group, diagnosis group, joint size,
    surgery or not and region, one row per characteristic and level. Shares from 5
    courses or fewer are suppressed (§6.6). -#}
{%- set characteristics = [
    ('sex', 'sex'),
    ('age_group', 'age_group'),
    ('under_50', "case when is_under_50 then 'under 50' else '50 and over' end"),
    ('industry_group', 'industry_group'),
    ('physically_demanding_industry', "case when is_physically_demanding_industry then 'yes' else 'no' end"),
    ('diagnosis_group', 'diagnosis_group'),
    ('joint_size', 'joint_size'),
    ('surgery_14d_before_plan', 'surgery_14d_before_plan'),
    ('region', 'region_name'),
] -%}

with

courses as (
    select * from {{ ref('int_population_courses_described') }}
),

shares as (
    {%- for name, expression in characteristics %}
        select
            '{{ name }}' as characteristic,
            {{ loop.index }} as characteristic_order,
            {{ expression }} as characteristic_level,
            count(*) as n_courses,
            {{ share_pct('on_benefits_outcome_month = 1') }} as share_on_benefits_pct
        from courses
        group by {{ expression }}
        {{- " union all" if not loop.last }}
    {%- endfor %}
),

final as (
    select
        characteristic,
        characteristic_order,
        characteristic_level,
        {{ var('outcome_month') }} as outcome_month,
        {{ suppress('n_courses', 'n_courses') }} as n_courses,
        share_on_benefits_pct,
        {{ is_suppressed('n_courses') }} as is_suppressed
    from shares
)

select * from final
order by characteristic_order asc, characteristic_level asc
