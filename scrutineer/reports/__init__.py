"""Committee reports: a report as plain data, rendered as accessible HTML, tagged PDF and Word.

To add a report kind (contracts register, budget monitoring, capital programme, ...):

1. Add `scrutineer/reports/kinds/<kind>.py` defining `KIND = ReportKind(...)` (see `registry.py`
   for the functions a kind supplies). It reads its app only through that app's selectors.
2. In `build(report, part)`, make the kind's own blocks from `document.py` (`Section`,
   `Paragraph`, `BulletList`, `FieldList`, `Table` with `RowGroup`s, header rows, total rows and
   `landscape=True` for wide tables, `charts.bar_chart(...)` for a chart with its table), and pass
   them to `assemble.committee_report(...)`, which adds the cover sheet, the numbered sections and
   the closing fields. Part 2-only material goes in only when `part is Part.TWO`.
3. Optionally `gaps(report)` for the kind's own publication checks.

The kind then appears on the reports page of each period, in `scrutineer report KIND`, with the
cover-sheet form and the publication check, in all three formats, with no other change.

Publishing stores what was published (check C4): both parts in every format, with their SHA-256,
as version n of the report (`models.ReportPublication`); downloads, `scrutineer report` and the
committee packs then use those files, not a fresh drawing. A kind needs to do nothing for this.
"""
