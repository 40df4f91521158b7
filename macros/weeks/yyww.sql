{#- Two-digit years of the registers' YYWW week names (DREAM y_YYWW, SSSY honuge):
    00-49 are 2000-2049, 50-99 are 1950-1999 (DREAM starts in 1991). -#}
{% macro century_year(yy_expr) -%}
    (case when cast({{ yy_expr }} as integer) < 50 then 2000 else 1900 end + cast({{ yy_expr }} as integer))
{%- endmacro %}


{#- True when text_expr is a 'YYWW' string naming a real ISO week (WW from 01 to the
    number of ISO weeks of the year 20YY); null when text_expr is null. -#}
{% macro is_real_yyww(text_expr) -%}
    (
        coalesce(regexp_full_match({{ text_expr }}, '[0-9]{4}'), false)
        and cast(substr({{ text_expr }}, 3, 2) as integer)
        between 1 and {{ iso_weeks_in_year(century_year('substr(' ~ text_expr ~ ', 1, 2)')) }}
    )
{%- endmacro %}


{#- The Monday (DATE) of the ISO week named by a 'YYWW' string; null when it is not a
    real ISO week. -#}
{% macro yyww_week_start(text_expr) -%}
    case
        when {{ is_real_yyww(text_expr) }}
            then {{ iso_week_start(century_year('substr(' ~ text_expr ~ ', 1, 2)'), 'cast(substr(' ~ text_expr ~ ', 3, 2) as integer)') }}
    end
{%- endmacro %}
