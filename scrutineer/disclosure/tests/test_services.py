"""The versioned policy and the append-only ledger, written and read back as the engine's knowns."""

import pytest
from django.core.exceptions import ValidationError

from scrutineer.core.models import Organisation
from scrutineer.disclosure.models import DisclosurePolicy, LedgerEntry, Publication
from scrutineer.disclosure.selectors import disclosure_policy_current, ledger_prior, policy_for
from scrutineer.disclosure.services import disclosure_policy_set, publication_record
from scrutineer.domain.disclosure import (
    DEFAULT_POLICY,
    Cell,
    CellKind,
    Constraint,
    ConstraintKind,
    Policy,
    Suppression,
    Symbol,
    Table,
    disclose,
)


@pytest.fixture
def council(db):
    return Organisation.objects.create(name="Test Council", slug="test")


def _months(upto, values):
    keys = [f"23|m{m}|value" for m in range(upto)]
    ytd = f"23|ytd@m{upto - 1}|value"
    cells = [Cell(k, v) for k, v in zip(keys, values, strict=False)] + [Cell(ytd, sum(values[:upto]))]
    return cells, [Constraint(ytd, tuple(keys), ConstraintKind.YEAR_TO_DATE)]


def _publish(council, reference, cells, sums, policy_record=None):
    prior = ledger_prior(organisation=council, keys=[c.key for c in cells])
    policy = policy_record.as_policy() if policy_record else policy_for(organisation=council)
    table = Table(cells, sums, policy, prior)
    result = disclose(table)
    publication = publication_record(
        organisation=council, reference=reference, table=table, disclosure=result, policy=policy_record
    )
    return publication, result


# --- policy ------------------------------------------------------------------------------------


def test_a_council_without_a_policy_gets_the_dfe_default(council):
    assert disclosure_policy_current(organisation=council) is None
    assert policy_for(organisation=council) == DEFAULT_POLICY


def test_each_change_of_policy_is_a_new_version_and_the_old_ones_stay(council):
    first = disclosure_policy_set(organisation=council, preset="dfe-la", threshold=5)
    second = disclosure_policy_set(organisation=council, preset="dfe-la", threshold=7, reason="Small cohorts")
    third = disclosure_policy_set(organisation=council, preset="nhs")
    assert [p.version for p in DisclosurePolicy.objects.filter(organisation=council)] == [3, 2, 1]
    assert disclosure_policy_current(organisation=council) == third
    assert (third.threshold, second.threshold, first.threshold) == (7, 7, 5)
    assert policy_for(organisation=council) == Policy.for_preset("nhs", version=3)


@pytest.mark.parametrize(
    ("preset", "threshold"), [("dfe-la", 2), ("dfe-la", 11), ("nhs", 5), ("ons-10-5", 4), ("x", None)]
)
def test_a_policy_outside_disclosure_md_is_refused(council, preset, threshold):
    with pytest.raises(ValidationError):
        disclosure_policy_set(organisation=council, preset=preset, threshold=threshold)
    assert not DisclosurePolicy.objects.filter(organisation=council).exists()


def test_a_policy_version_cannot_be_edited_or_deleted(council):
    policy = disclosure_policy_set(organisation=council)
    policy.threshold = 9
    with pytest.raises(PermissionError):
        policy.save()
    with pytest.raises(PermissionError):
        policy.delete()
    policy.refresh_from_db()
    assert policy.threshold == 5


# --- publication ledger ----------------------------------------------------------------------


def test_a_publication_writes_one_ledger_row_per_public_cell(council):
    record = disclosure_policy_set(organisation=council)
    cells, sums = _months(4, [25, 3, 30, 20])
    cells.append(Cell("23||rag", kind=CellKind.TEXT, text="AMBER"))
    publication, result = _publish(council, "CEF21011A index", cells, sums, record)
    assert (publication.preset, publication.threshold, publication.policy_version) == ("dfe-la", 5, 1)
    assert publication.policy == record
    assert publication.sums == [
        {"total": "23|ytd@m3|value", "parts": [c.key for c in cells[:4]], "kind": "year_to_date"}
    ]
    assert publication.legend == result.legend != ""
    entries = {e.key: e for e in publication.entries.all()}
    assert len(entries) == 5  # the RAG text is not a figure
    assert (entries["23|m1|value"].true_value, entries["23|m1|value"].shown) == ("3", "c")
    assert entries["23|m1|value"].suppression == Suppression.PRIMARY
    assert entries["23|m3|value"].suppression == Suppression.SECONDARY
    assert (entries["23|m0|value"].subject, entries["23|m0|value"].period, entries["23|m0|value"].position) == (
        "23",
        "m0",
        "value",
    )


def test_republishing_makes_a_new_version_and_keeps_the_first(council):
    cells, sums = _months(2, [25, 30])
    first, _ = _publish(council, "Index", cells, sums)
    second, _ = _publish(council, "Index", cells, sums)
    assert (first.version, second.version) == (1, 2)
    assert Publication.objects.filter(organisation=council).count() == 2
    assert LedgerEntry.objects.filter(publication__organisation=council).count() == 6


def test_the_ledger_is_append_only(council):
    cells, sums = _months(2, [25, 30])
    publication, _ = _publish(council, "Index", cells, sums)
    entry = publication.entries.first()
    entry.shown = "99"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        publication.delete()


def test_a_disclosure_built_with_another_policy_is_refused(council):
    record = disclosure_policy_set(organisation=council, threshold=7)
    cells, sums = _months(2, [25, 30])
    table = Table(cells, sums, DEFAULT_POLICY)
    with pytest.raises(ValidationError, match="was built with"):
        publication_record(organisation=council, reference="X", table=table, disclosure=disclose(table), policy=record)
    assert not Publication.objects.filter(organisation=council).exists()


def test_ledger_read_back_gives_the_engine_what_was_shown(council):
    cells, sums = _months(4, [25, 3, 30, 20])
    _publish(council, "July", cells, sums)
    (prior,) = ledger_prior(organisation=council)
    shown = {c.key: c for c in prior.cells}
    assert prior.reference == "July (version 1)"
    assert (shown["23|m0|value"].true_value, shown["23|m0|value"].shown_value) == (25, 25)
    assert (shown["23|m1|value"].symbol, shown["23|m1|value"].shown_value) == (Symbol.CONFIDENTIAL, None)
    assert list(prior.constraints) == sums


def test_d4_next_months_publication_reads_the_ledger_and_protects_the_increment(council):
    """July shows 25, 25, 25, 25 and YTD 100; August is 3: showing August's YTD would give it away."""
    _publish(council, "July", *_months(4, [25, 25, 25, 25]))
    _, result = _publish(council, "August", *_months(5, [25, 25, 25, 25, 3]))
    assert result["23|m4|value"].text == "c"
    assert result["23|ytd@m4|value"].text == "c"
    assert [result[f"23|m{m}|value"].text for m in range(4)] == ["25"] * 4  # already public in July


def test_ledger_prior_reads_only_publications_that_showed_the_keys(council, django_assert_num_queries):
    _publish(council, "Adoptions", [Cell("23|m0|value", 12)], [])
    _publish(council, "Referrals", [Cell("9|m0|value", 224)], [])
    _publish(council, "Adoptions again", [Cell("23|m0|value", 12)], [])
    with django_assert_num_queries(3):  # keys, publications, entries: however many publications
        prior = ledger_prior(organisation=council, keys=["23|m0|value"])
    assert [p.reference for p in prior] == ["Adoptions (version 1)", "Adoptions again (version 1)"]
    other = Organisation.objects.create(name="Other", slug="other")
    assert ledger_prior(organisation=other) == ()
