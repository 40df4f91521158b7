{#- on-run-start (METHOD §7, REGISTERS.md): before anything reads a register, check that
    every source's Parquet file exists in the register folder and has the columns the
    source declares (for DREAM also the week columns that staging reads). All problems
    are listed in one error that names file and column, and the build stops. Extra
    columns are allowed. Runs for build, run and test unless only seeds are selected;
    var check_register_files: false turns it off. -#}
{% macro check_register_files() -%}
    {%- if not execute or flags.WHICH not in ['build', 'run', 'test'] or not var('check_register_files', true) -%}
        {{- return('') -}}
    {%- endif -%}
    {%- set needs_registers = [] -%}
    {%- for unique_id in selected_resources -%}
        {%- if not unique_id.startswith('seed.') -%}{%- do needs_registers.append(unique_id) -%}{%- endif -%}
    {%- endfor -%}
    {%- if needs_registers | length == 0 -%}{{- return('') -}}{%- endif -%}

    {%- set registers = [] -%}
    {%- for node in graph.sources.values() | sort(attribute='unique_id') -%}
        {%- set meta = node.config.get('meta', {}) if node.config else {} -%}
        {%- set location = meta.get('external_location') or node.meta.get('external_location') -%}
        {%- if node.package_name == project_name and location -%}
            {%- set path = location | replace('{name}', node.name) | replace('{identifier}', node.identifier) -%}
            {%- set required = node.columns.keys() | list -%}
            {%- if meta.get('required_week_columns') or node.meta.get('required_week_columns') -%}
                {%- set required = required + dream_staged_week_columns() -%}
            {%- endif -%}
            {%- do registers.append({'file': path.split('/') | last, 'path': path, 'required': required}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if registers | length == 0 -%}{{- return('') -}}{%- endif -%}

    {%- set problems = [] -%}
    {%- set find_files = [] -%}
    {%- for register in registers -%}
        {%- do find_files.append("select '" ~ register.path ~ "' as path, (select count(*) from glob('"
            ~ register.path ~ "')) as n_files") -%}
    {%- endfor -%}
    {%- set present = [] -%}
    {%- for row in run_query(find_files | join(' union all ')).rows -%}
        {%- if row[1] > 0 -%}{%- do present.append(row[0]) -%}{%- endif -%}
    {%- endfor -%}
    {%- for register in registers if register.path not in present -%}
        {%- do problems.append(register.file ~ ': file not found (' ~ register.path ~ ')') -%}
    {%- endfor -%}

    {%- set readable = registers | selectattr('path', 'in', present) | list -%}
    {%- if readable | length > 0 -%}
        {%- set find_columns = [] -%}
        {%- for register in readable -%}
            {%- do find_columns.append("select '" ~ register.path ~ "' as path, lower(name) as column_name"
                ~ " from parquet_schema('" ~ register.path ~ "')") -%}
        {%- endfor -%}
        {%- set columns = {} -%}
        {%- for row in run_query(find_columns | join(' union all ')).rows -%}
            {%- do columns.setdefault(row[0], []).append(row[1]) -%}
        {%- endfor -%}
        {%- for register in readable -%}
            {%- set missing = [] -%}
            {%- for column in register.required if column | lower not in columns.get(register.path, []) -%}
                {%- do missing.append(column) -%}
            {%- endfor -%}
            {%- if missing | length > 0 -%}
                {%- set more = ' and ' ~ (missing | length - 20) ~ ' more' if missing | length > 20 else '' -%}
                {%- do problems.append(register.file ~ ': missing required column'
                    ~ ('s ' if missing | length > 1 else ' ') ~ (missing[:20] | join(', ')) ~ more) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}

    {%- if problems | length > 0 -%}
        {{- exceptions.raise_compiler_error(
            'Register load check failed (METHOD §7):\n  - '
            ~ (problems | join('\n  - ')) ~ '\nEvery file and column of REGISTERS.md is required; extra columns are ignored.'
        ) -}}
    {%- endif -%}
    {{- return('') -}}
{%- endmacro %}
