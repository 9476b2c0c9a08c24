"""Three thin renderers of one `Document`: HTML, PDF (WeasyPrint, from the same HTML) and Word.

rendered = render(document, Format.PDF)
rendered.content, rendered.media_type, rendered.extension
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..document import Document


class Format(StrEnum):
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"

    @property
    def label(self) -> str:
        return {Format.HTML: "HTML", Format.PDF: "PDF", Format.DOCX: "Word"}[self]

    @property
    def media_type(self) -> str:
        return {
            Format.HTML: "text/html; charset=utf-8",
            Format.PDF: "application/pdf",
            Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        }[self]


@dataclass(frozen=True)
class Rendered:
    content: bytes
    format: Format

    @property
    def media_type(self) -> str:
        return self.format.media_type

    @property
    def extension(self) -> str:
        return self.format.value


def render_document(document: Document, format: Format) -> Rendered:
    if format is Format.HTML:
        from .html import render_html

        return Rendered(render_html(document).encode("utf-8"), format)
    if format is Format.PDF:
        from .pdf import render_pdf

        return Rendered(render_pdf(document), format)
    from .docx import render_docx

    return Rendered(render_docx(document), format)
