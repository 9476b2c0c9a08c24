"""The intruder used by the property tests must itself find what a careless table gives away."""

from dataclasses import replace

from scrutineer.domain.disclosure import Cell, Constraint, Disclosure, Policy, Suppression, Symbol, Table, disclose

from .disclosure_oracle import intruder_view, narrow, recoverable


def _hide_only(table: Table, hidden: set[str]) -> Disclosure:
    """A Part 1 result that hides exactly `hidden` (primary), whatever the engine would do."""
    result = disclose(Table(table.cells, table.constraints, table.policy))
    cells = {}
    for cell in table.cells:
        if cell.key in hidden:
            cells[cell.key] = replace(
                result[cell.key], text="c", value=None, symbol=Symbol.CONFIDENTIAL, suppression=Suppression.PRIMARY
            )
        else:
            cells[cell.key] = replace(result[cell.key], text=str(cell.value), value=cell.value, symbol=None)
    return Disclosure(cells=cells, policy=table.policy)


def _row(values: list[int]) -> Table:
    keys = [f"r{i}" for i in range(len(values))]
    cells = [Cell(k, v) for k, v in zip(keys, values, strict=True)] + [Cell("total", sum(values))]
    return Table(cells, [Constraint("total", tuple(keys))], Policy())


def test_oracle_finds_a_cell_hidden_alone_beside_its_total():
    table = _row([3, 20])
    assert recoverable(intruder_view(table, _hide_only(table, {"r0"}))) == ["r0 (this table)"]


def test_oracle_finds_two_small_cells_hidden_together_as_too_narrow():
    table = _row([3, 1, 30])
    view = intruder_view(table, _hide_only(table, {"r0", "r1"}))
    assert recoverable(view) == []
    assert [line.split(":")[0] for line in narrow(view)] == ["r0 (this table)", "r1 (this table)"]


def test_oracle_finds_a_cell_given_away_by_two_sums_together():
    # a = t1 - b and b = t2 - c: hiding a and b in one sum is undone by the second sum
    cells = [Cell("a", 2), Cell("b", 9), Cell("c", 7), Cell("t1", 11), Cell("t2", 16)]
    table = Table(cells, [Constraint("t1", ("a", "b")), Constraint("t2", ("b", "c"))], Policy())
    assert recoverable(intruder_view(table, _hide_only(table, {"a", "b"}))) == ["a (this table)", "b (this table)"]


def test_oracle_agrees_the_engine_protects_the_same_tables():
    for table in (_row([3, 20]), _row([3, 1, 30])):
        view = intruder_view(table, disclose(table))
        assert recoverable(view) == []
        assert narrow(view) == []
