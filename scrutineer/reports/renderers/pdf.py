"""The report as a tagged PDF (PDF/UA-1), printed by WeasyPrint from the same HTML.

The stylesheet's print rules give "Page n of m", the report number and part in every page's
header, landscape pages for wide tables, and table headings repeated on each page.

A report printed into a bundle (a committee's agenda pack, numbered throughout) leaves its footer
empty for the bundle's page numbers (`page_numbers=False`), and can skip the tags (`tagged=False`)
where the bundle is joined with a tool that does not carry a document's tags across.
"""

from __future__ import annotations

from weasyprint import CSS, HTML

from ..document import Document
from .html import render_html

# A user stylesheet: `!important` puts it above the report's own rule, so the footer gives way to
# the bundle's page numbers.
WITHOUT_PAGE_NUMBERS = "@page { @bottom-center { content: none !important; } }"


def render_pdf(document: Document, *, page_numbers: bool = True, tagged: bool = True) -> bytes:
    return pdf_from_html(render_html(document), page_numbers=page_numbers, tagged=tagged)


def pdf_from_html(html: str, *, page_numbers: bool = True, tagged: bool = True) -> bytes:
    stylesheets = [] if page_numbers else [CSS(string=WITHOUT_PAGE_NUMBERS)]
    variant = "pdf/ua-1" if tagged else None
    return HTML(string=html, media_type="print").write_pdf(pdf_variant=variant, stylesheets=stylesheets)
