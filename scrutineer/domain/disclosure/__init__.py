"""Disclosure control: what a public Part 1 table may show without exposing a child.

Source: `disclosure.md` section 2 (the policy) and section 1 (UK conventions); checks D1 to D7 in
`reliability.md`. The council's own test (`004_5a7191a0a14e1e5f.txt:4046`): publication "should
not result in the identification of a person when it is reviewed with other publicly available
data or when combined with information provided through FOI requests".

Use
---
    table = Table(
        cells=[Cell("23|2020-12|value", 3), Cell("23|2020-12|ytd", 14), ...],
        constraints=[Constraint("23|2020-12|ytd", ("23|2020-04|value", ...), ConstraintKind.YEAR_TO_DATE)],
        policy=Policy.for_preset("dfe-la", threshold=5),
        prior=[PriorPublication("CEF21007A", cells=[PriorCell(...)], constraints=[...])],  # from the ledger
    )
    result = disclose(table)
    result["23|2020-12|value"].text      # "c"
    result["23|2020-12|value"].suppression  # Suppression.PRIMARY (Part 2 marks it)
    result.legend                        # the legend, on every table that shows a symbol
    result.warnings                      # show to the officer before publishing

Inputs
------
* `Cell`: a key (stable between publications: `cell_key(indicator, period, position)`), its true
  value or its state (suppressed at source, not available, not applicable), its kind (count, rate
  with `RateOf(numerator, denominator, per)`, other measure, or text such as a RAG rating), whether
  it relates to individuals, and optionally the cohort a count is part of (`out_of`), its display
  precision, `sensitive` (`k` for `low`) and a per-indicator `Policy` override.
* `Constraint`: every sum the reader can see: row, column and grand totals and sub-totals, year to
  date = sum of the months, sub-indicator sums (22 = 22.1 + 22.2). A sum may name a key that is
  only in an earlier publication (last month's year to date); it must hold on the true values.
* `Policy`: a preset (`dfe-la` default: counts 1 to T shown as `c`, T = 5 settable 3 to 10, true
  zeros shown, unrounded; `nhs`: 1 to 7, other counts to the nearest 5; `ons-10-5`: under 10,
  others to the nearest 5), recorded with the result and on every ShownCell.
* `PriorPublication`: what earlier Part 1 publications showed (the ledger, oldest first), and
  their sums. A figure is its key *and* its true value, so a revised figure is a new one.

Output
------
`disclose` returns a `Disclosure`: a ShownCell per key (text, figure shown, symbol, primary /
secondary / at-source suppression and the reasons), the legend, footnotes, warnings and the keys of
any suppressed cell that could not be protected. It raises `TableError` listing every problem
when the table cannot be disclosed as given (a sum that does not hold, a count that is not whole).

Rules (disclosure.md 2.3, in order)
-----------------------------------
1. Primary: a count relating to individuals from 1 to T shows `c` (zeros too if the policy says).
2. Class disclosure: a total of at most 10 that falls wholly in one category hides the category.
3. Complements: a count whose cohort minus it is 1 to T ("19 of 20") shows `c`, and so does its rate.
4. Rates: `c` when the count is hidden, the population is under 10, or the count or complement is
   small, unless at least T + 1 whole counts print the same rate (the seed's "x (rate: 0.01)").
5. Secondary: every sum with one hidden figure and the rest known gets a complement (the smallest
   non-zero cell relating to individuals, inner before total), until nothing changes. Then an exact
   audit: no hidden figure may be determined by the published sums (rank test with `Fraction`s),
   and each primary one's range over non-negative values must be at least T wide (exact linear
   programming). A failure gets another complement and the audit runs again.
6. Over time: a figure an earlier Part 1 hid stays hidden; one it showed is a fixed known, and if
   it must now be hidden the result warns (never silently). Earlier sums stay in the system, so
   this month's year to date minus last month's is covered by rule 5.
7. Rounding presets round every figure on its own, totals included, with a footnote.
8. A non-zero figure that prints as zero shows `low` (or `k`).
9. Commentary: `part1_commentary` and `commentary_check` (whole numbers 1 to T refuse the text).
10. Legend: `Disclosure.legend` whenever a symbol is shown.
11. RAG ratings are text cells and always show; `rag_warning` says when one pins a value down.
Imports: `legacy_mark` / `legacy_marks` map the seed's marks (section 2.4).
"""

from .commentary import SEE_PART_2, CommentaryCheck, commentary_check, part1_commentary, rag_warning, small_numbers
from .display import counts_behind_rate, rate_may_be_shown
from .engine import disclose
from .ledger import published, true_value
from .legacy import LegacyImport, LegacyMark, legacy_mark, legacy_marks
from .policy import DEFAULT_POLICY, LEGEND, Policy, PolicyError, Preset, Suppression, Symbol, legend
from .table import (
    Cell,
    CellKind,
    CellState,
    Constraint,
    ConstraintKind,
    Disclosure,
    PriorCell,
    PriorPublication,
    RateOf,
    ShownCell,
    Table,
    TableError,
    cell_key,
    split_cell_key,
)

__all__ = [
    "DEFAULT_POLICY",
    "LEGEND",
    "SEE_PART_2",
    "Cell",
    "CellKind",
    "CellState",
    "CommentaryCheck",
    "Constraint",
    "ConstraintKind",
    "Disclosure",
    "LegacyImport",
    "LegacyMark",
    "Policy",
    "PolicyError",
    "Preset",
    "PriorCell",
    "PriorPublication",
    "RateOf",
    "ShownCell",
    "Suppression",
    "Symbol",
    "Table",
    "TableError",
    "cell_key",
    "commentary_check",
    "counts_behind_rate",
    "disclose",
    "legacy_mark",
    "legacy_marks",
    "legend",
    "part1_commentary",
    "published",
    "rag_warning",
    "rate_may_be_shown",
    "small_numbers",
    "split_cell_key",
    "true_value",
]
