{#- The jobs of a unit in one calendar month (BFL), METHOD §3 rule 5 and §9.1 rule 4:
    the paid hours over all jobs and the job with most hours that month, which gives the
    industry (ties: the lowest cvrnr). `units` is a relation or CTE with `key`, pnr and
    work_month (the first day of the month); every unit gets a row, with 0 hours and no
    main job when BFL has none. The rules' thresholds are applied by the caller. -#}
{% macro main_job_in_month(units, key) -%}
    select
        {{ units }}.{{ key }},
        {{ units }}.work_month,
        coalesce(jobs.n_jobs, 0) as n_jobs,
        coalesce(jobs.paid_hours_total, 0) as paid_hours_total,
        jobs.employer_cvr as main_job_employer_cvr,
        jobs.paid_hours as main_job_paid_hours,
        jobs.industry_db07_code as main_job_industry_db07_code
    from {{ units }}
    left join (
        select
            {{ units }}.{{ key }},
            job_months.employer_cvr,
            job_months.paid_hours,
            job_months.industry_db07_code,
            sum(job_months.paid_hours) over (partition by {{ units }}.{{ key }}) as paid_hours_total,
            count(*) over (partition by {{ units }}.{{ key }}) as n_jobs
        from {{ units }}
        inner join {{ ref('stg_bfl__job_months') }} as job_months
            on
                {{ units }}.pnr = job_months.pnr
                and {{ units }}.work_month = job_months.job_month
        qualify row_number() over (
            partition by {{ units }}.{{ key }}
            order by job_months.paid_hours desc, job_months.employer_cvr asc
        ) = 1
    ) as jobs
        on {{ units }}.{{ key }} = jobs.{{ key }}
{%- endmacro %}
