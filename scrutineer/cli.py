"""The `scrutineer` console command: the project's management commands, with friendly names.

`scrutineer load-demo` runs the `load_demo` command, `scrutineer demo` the `demo` command, and so
on; any Django command works the same way (`scrutineer migrate`).
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["scrutineer", *args])
