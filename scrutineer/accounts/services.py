"""Writes to people and their records."""

from django.http import HttpRequest

from .models import Part2Access


def part2_access_record(*, request: HttpRequest, what: str) -> Part2Access:
    """Log a read of Part 2 material by the signed-in person making the request."""
    return Part2Access.objects.create(user=request.user, path=request.get_full_path()[:500], what=what[:300])
