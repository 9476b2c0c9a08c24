"""An import writes the whole plan or nothing: whatever the document, and even if a write fails part-way."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from scrutineer.core.models import CorporateStrategy, LeadRole, Organisation, Portfolio, ReportingPeriod
from scrutineer.domain.plan_document import ActionDocument, PlanDocument, PriorityDocument, SubActionDocument
from scrutineer.domain.plan_reader import read_text
from scrutineer.importers.services import PlanImportRejected, plan_import_new
from scrutineer.plans import services as plan_services
from scrutineer.plans.models import Action, MeasureOfSuccess, Plan, Priority, StrategicLink, SubAction, Update

from .conftest import UPDATE_Q3

words = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
long_words = st.one_of(words, st.builds(lambda w, n: (w or "x") * n, words, st.integers(50, 400)))


@st.composite
def plan_documents(draw):
    priorities = []
    for p in range(draw(st.integers(0, 3))):
        actions = []
        for a in range(draw(st.integers(0, 3))):
            subs = [
                SubActionDocument(
                    letter=draw(st.one_of(st.none(), st.sampled_from(["A", "b", "iii", "toolong"]))),
                    detail=draw(long_words),
                    measures=draw(st.lists(long_words, max_size=3)),
                    target_date=draw(st.one_of(st.sampled_from(["April 2022 [AP]", "", "Sept 2018"]), long_words)),
                    leads=draw(st.lists(long_words, max_size=2)),
                    lead_text=draw(words),
                    update=draw(st.one_of(st.none(), long_words)),
                    location=f"line {p}{a}",
                )
                for _ in range(draw(st.integers(1, 3)))
            ]
            number = draw(st.one_of(st.none(), st.sampled_from(["1", "2", "12345678901"])))
            actions.append(
                ActionDocument(number=number, title=draw(long_words), number_text=number or "", sub_actions=subs)
            )
        priorities.append(
            PriorityDocument(
                number=draw(st.one_of(st.none(), st.integers(0, 40000))),
                title=draw(long_words),
                strategic_links=draw(st.lists(long_words, max_size=2)),
                ambitions=draw(st.lists(words, max_size=2)),
                actions=actions,
            )
        )
    return PlanDocument(title="Generated plan", period="2020/21", priorities=priorities)


def _rows():
    return tuple(
        model.objects.count()
        for model in (Plan, Priority, Action, SubAction, MeasureOfSuccess, StrategicLink, Update, LeadRole)
    )


class ImportIsAllOrNothing(TestCase):
    @classmethod
    def setUpTestData(cls):
        organisation = Organisation.objects.create(name="Anytown", slug="anytown")
        cls.portfolio = Portfolio.objects.create(organisation=organisation, name="Children", slug="children")
        cls.strategy = CorporateStrategy.objects.create(organisation=organisation, name="Better Anytown")
        cls.period = ReportingPeriod.objects.create(organisation=organisation, year=2020, quarter=3, status="open")

    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(plan_documents(), st.booleans())
    def test_a_random_document_is_imported_whole_or_not_at_all(self, document, include_updates):
        before = _rows()
        try:
            plan = plan_import_new(
                document=document,
                portfolio=self.portfolio,
                slug="generated",
                title=document.title,
                period_label="2020/21",
                start_year=2020,
                end_year=2020,
                update_period=self.period,
                include_updates=include_updates,
                strategy=self.strategy,
            )
        except PlanImportRejected as rejected:
            assert rejected.problems and all(p.location and p.message for p in rejected.problems)
            assert _rows() == before
            event("rejected")
            return
        event("imported")
        assert SubAction.objects.filter(action__priority__plan=plan).count() == len(document.sub_actions)
        assert Action.objects.filter(priority__plan=plan).count() == len(document.actions)
        expected_updates = sum(1 for s in document.sub_actions if s.update) if include_updates else 0
        assert Update.objects.filter(sub_action__action__priority__plan=plan).count() == expected_updates


def _import_without_updates(document: PlanDocument, portfolio: Portfolio, *, slug: str, title: str):
    return plan_import_new(
        document=document,
        portfolio=portfolio,
        slug=slug,
        title=title,
        period_label="2020/21",
        start_year=2020,
        end_year=2020,
        include_updates=False,
    )


@pytest.mark.django_db
def test_a_document_holding_a_nul_character_is_refused_not_crashed(demo):
    """Whatever made the document: PostgreSQL cannot store a NUL, so every database refuses one."""
    document = PlanDocument(
        title="Plan",
        period="2020/21",
        priorities=[PriorityDocument(number=1, title="Keep\x00children safe", location="line 9", actions=[])],
    )
    with pytest.raises(PlanImportRejected) as rejected:
        _import_without_updates(document, demo.portfolio, slug="nul", title="Plan")
    assert [(p.location, p.message.split(" holds")[0]) for p in rejected.value.problems] == [("line 9", "Its title")]
    assert not Plan.objects.filter(slug="nul").exists()


@pytest.mark.django_db
def test_a_failure_part_way_leaves_nothing_behind(demo, monkeypatch):
    document = read_text(UPDATE_Q3.read_text(encoding="utf-8"))
    real = plan_services.bulk_create_with_history
    written = []

    def failing(objs, model, **kwargs):
        if model is MeasureOfSuccess:  # the plan, priorities, actions and sub-actions are written by now
            raise RuntimeError("the disk filled up")
        written.append(model)
        return real(objs, model, **kwargs)

    monkeypatch.setattr(plan_services, "bulk_create_with_history", failing)
    before = _rows()
    with pytest.raises(RuntimeError, match="disk filled up"):
        _import_without_updates(document, demo.portfolio, slug="half-written", title="Half written")
    assert written == [Priority, Action, SubAction]
    assert _rows() == before
    assert not Plan.objects.filter(slug="half-written").exists()


def test_parse_plan_runs_with_no_database_at_all(tmp_path):
    """The console command a user runs: a database it could not even open must not matter."""
    scrutineer = Path(sys.executable).parent / "scrutineer"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path}/missing/dir/db.sqlite3",
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
    }
    result = subprocess.run(
        [str(scrutineer), "parse-plan", str(UPDATE_Q3), "--indent", "0"],
        cwd="/",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1
    assert '"title": "Safeguarding"' in result.stdout
    assert not (tmp_path / "missing").exists()
