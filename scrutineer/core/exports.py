"""The registry behind `scrutineer export KIND`: each area offers its exports in `<app>/exports.py`.

An area's module defines `EXPORTS = {"kind": function}`; a function takes the keyword options
below and writes to a binary stream. It raises ExportError with a message for a person when the
options do not make sense (an unknown period, say). An export that can hold Part 2 material checks
`user` (the account named with `--user`) and logs the read with `command`, as the area decides.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from django.apps import apps


class ExportError(Exception):
    """The export cannot be made as asked; the message says why."""


@dataclass(frozen=True)
class ExportOptions:
    format: str
    part: int = 1
    period: str | None = None
    cycle: str | None = None
    user: str | None = None  # with part 2: the account the read is made for
    command: tuple[str, ...] = ()  # the command as given, for the Part 2 access log


Exporter = Callable[[ExportOptions, IO[bytes]], None]


def exporters() -> dict[str, Exporter]:
    found: dict[str, Exporter] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("scrutineer."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.exports")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.exports":
                raise
            continue
        found.update(getattr(module, "EXPORTS", {}))
    return found
