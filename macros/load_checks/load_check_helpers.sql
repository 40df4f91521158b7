{#- Shared pieces of the load checks (METHOD §7). Every load-check test returns rows of
    the same shape, so that a failure reads the same whatever the rule:
      problem       what is wrong, in words (register column and rule)
      value         the offending value (or key), as text
      n_rows        how many register rows (DREAM: person-weeks) have this problem
      example_keys  up to 5 example keys of those rows
    and counts its failures as sum(n_rows): dbt's "Got N results" is the number of
    offending register rows. -#}

{#- A key of a register row as one string, e.g. 'P000000001 / 2016'. -#}
{% macro load_check_key(key_columns) -%}
    {%- if key_columns | length == 1 -%}
        cast({{ key_columns[0] }} as varchar)
    {%- else -%}
        concat_ws(' / ', {{ key_columns | join(', ') }})
    {%- endif -%}
{%- endmacro %}


{#- Aggregate: up to n of the smallest keys of the group, comma separated. -#}
{% macro load_check_example_keys(key_columns, n=5) -%}
    array_to_string(min({{ load_check_key(key_columns) }}, {{ n }}), ', ')
{%- endmacro %}


{#- A SQL string literal (single quotes doubled). -#}
{% macro sql_string(text) -%}
    '{{ text | string | replace("'", "''") }}'
{%- endmacro %}
