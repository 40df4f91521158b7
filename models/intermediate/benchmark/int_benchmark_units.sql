{#- Every benchmark case's population in one table (METHOD §14): one row per unit of a
    case's final population (exclusion_rule null in the case's units model), with its
    benchmark municipality and outcomes at months 0-6 (null where undeterminable). The
    model, the indicator and the key figures read the cases from here. -#}

with

units as (
    {%- call(case) union_over_cases('units', where='exclusion_rule is null') %}
    {%- for m in outcome_months() %}
            on_benefits_m{{ m }},
    {%- endfor %}
        municipality_code
    {%- endcall %}
),

final as (
    select * from units
)

select * from final
