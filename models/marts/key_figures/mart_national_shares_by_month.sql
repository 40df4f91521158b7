{#- National figures of METHOD §6.4 by month after rehab start (0-6): the share on
    benefits among the courses determinable that month, and the benefit-type mix
    (sickness / unemployment & social assistance / other) among those on benefits. -#}

with

courses as (
    select * from {{ ref('int_population_courses_described') }}
),

months as (
    {%- for m in outcome_months() %}
        select
            {{ m }} as month_after_start,
            {{ share_n('on_benefits_m' ~ m ~ ' = 1') }} as n_determinable,
            count(*) filter (where on_benefits_m{{ m }} = 1) as n_on_benefits,
            {{ share_pct('on_benefits_m' ~ m ~ ' = 1') }} as share_on_benefits_pct,
            {{ share_pct("benefit_type_m" ~ m ~ " = 'sickness'", 'on_benefits_m' ~ m ~ ' = 1') }}
                as sickness_pct,
            {{ share_pct("benefit_type_m" ~ m ~ " = 'unemployment_social_assistance'", 'on_benefits_m' ~ m ~ ' = 1') }}
                as unemployment_social_assistance_pct,
            {{ share_pct("benefit_type_m" ~ m ~ " = 'other'", 'on_benefits_m' ~ m ~ ' = 1') }} as other_pct,
            {{ share_pct('on_benefits_since_start_m' ~ m, 'on_benefits_m' ~ m ~ ' = 1') }}
                as on_benefits_since_start_pct
        from courses
        {{- " union all" if not loop.last }}
    {%- endfor %}
),

final as (
    select
        month_after_start,
        {{ suppress('n_determinable', 'n_determinable') }} as n_determinable,
        {{ is_suppressed('n_determinable') }} as n_determinable_is_suppressed,
        {{ suppress('n_on_benefits', 'n_on_benefits') }} as n_on_benefits,
        {{ is_suppressed('n_on_benefits') }} as n_on_benefits_is_suppressed,
        share_on_benefits_pct,
        sickness_pct,
        unemployment_social_assistance_pct,
        other_pct,
        on_benefits_since_start_pct
    from months
)

select * from final
order by month_after_start asc
