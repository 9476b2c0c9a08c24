"""Part 2 from the command line: the same rule as the site, and the same access log.

A command that can write Part 2 (exempt) material takes `--user NAME`: the account the read is
made for. Without it, or for an account the site would not show Part 2 to, the command refuses
before drawing anything; once the material is drawn, the read is logged before it is written out.
"""

from __future__ import annotations

from argparse import ArgumentParser

from django.core.management.base import CommandError

from .models import User
from .services import Part2Refused, part2_account, part2_command_line_record


def add_part2_user_argument(parser: ArgumentParser) -> None:
    parser.add_argument("--user", metavar="NAME", help="with --part 2: the account the read is made for (logged)")


def part2_reader(*, part: int, username: str | None) -> User | None:
    """The account a Part 2 read is made for; None for Part 1. Refuses as the command's error."""
    if part != 2:
        return None
    try:
        return part2_account(username)
    except Part2Refused as refused:
        raise CommandError(str(refused)) from None


def log_part2_read(reader: User | None, *, command: list[str], what: str) -> None:
    if reader is not None:
        part2_command_line_record(user=reader, command=command, what=what)
