"""The report as a tagged PDF (PDF/UA-1), printed by WeasyPrint from the same HTML.

The stylesheet's print rules give "Page n of m", the report number and part in every page's
header, landscape pages for wide tables, and table headings repeated on each page.
"""

from __future__ import annotations

from weasyprint import HTML

from ..document import Document
from .html import render_html


def render_pdf(document: Document) -> bytes:
    return pdf_from_html(render_html(document))


def pdf_from_html(html: str) -> bytes:
    return HTML(string=html, media_type="print").write_pdf(pdf_variant="pdf/ua-1")
