{#- The settings a publication was built with (METHOD §6.6): the disclosure threshold
    that the reports and tests read from the publication rather than restate, since
    dbt --vars can override it, and the vars that decide which courses the published
    figures describe. One row. -#}

with

final as (
    select
        cast({{ var('disclosure_max_courses') }} as integer) as disclosure_max_courses,
        cast({{ var('outcome_month') }} as integer) as outcome_month,
        cast({{ var('quality_min_courses_year') }} as integer) as quality_min_courses_year,
        cast({{ var('quality_min_courses_total') }} as integer) as quality_min_courses_total
)

select * from final
