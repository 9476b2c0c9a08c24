"""Printing what a backup, restore or import holds: shared by those commands."""

from pathlib import Path


def write_counts(stdout, counts: dict[str, int]) -> None:
    """The row count of every table, then the totals."""
    width = max((len(name) for name in counts), default=0)
    for name, rows in counts.items():
        stdout.write(f"  {name:<{width}}  {rows:>9,}")
    stdout.write(f"{len(counts)} tables, {sum(counts.values()):,} rows")


def describe_file(path: Path) -> str:
    size = Path(path).stat().st_size
    return f"{path} ({size:,} bytes)"
