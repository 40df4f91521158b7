{#- The level of a banded covariate (METHOD §5) of a benchmark case for a numeric value:
    the level of ref_covariate_levels whose [lower_bound, upper_bound) holds it (an empty
    bound is open). Null when no band holds it, which the not_null tests on the
    covariates catch. -#}
{% macro band_level(benchmark_case, covariate, value_expr) -%}
    (
        select bands.level
        from {{ ref('ref_covariate_levels') }} as bands
        where
            bands.benchmark_case = '{{ benchmark_case }}'
            and bands.covariate = '{{ covariate }}'
            and {{ value_expr }} >= coalesce(bands.lower_bound, '-infinity'::double)
            and {{ value_expr }} < coalesce(bands.upper_bound, 'infinity'::double)
    )
{%- endmacro %}


{#- The level of a yes/no covariate. -#}
{% macro yes_no(condition_expr) -%}
    case when {{ condition_expr }} then 'yes' else 'no' end
{%- endmacro %}
