"""dbt's `modules` context for sqlfluff's jinja templater: `modules.datetime`, as in dbt."""

import datetime  # noqa: F401
import re  # noqa: F401
