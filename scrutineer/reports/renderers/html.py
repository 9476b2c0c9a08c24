"""The report as one accessible, self-contained HTML page (its styles inside), also the PDF's source."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from ..document import Document, Table

STYLESHEET = Path(__file__).resolve().parents[1] / "static" / "reports" / "report.css"


def render_html(document: Document) -> str:
    return render_to_string("reports/document/document.html", {"doc": document, "css": report_css(document)})


def report_css(document: Document) -> SafeString:
    """The report stylesheet, plus a rule for each column width the document's tables use."""
    widths = sorted({width for block in document.walk() if isinstance(block, Table) for width in block.widths})
    rules = "".join(f".report-w{width}{{width:{width}%}}" for width in widths)
    return mark_safe(_stylesheet() + rules)  # our own file, and integers


@lru_cache(maxsize=1)
def _stylesheet() -> str:
    return STYLESHEET.read_text(encoding="utf-8")
