"""Nothing is overwritten silently, with real concurrent transactions on PostgreSQL (checks C1, C2).

SQLite runs each write transaction alone (BEGIN IMMEDIATE), so these races only exist on a server
database; they are skipped on SQLite and run in the PostgreSQL pass of `make test`.
"""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection

from scrutineer.plans import cycle
from scrutineer.plans.models import Update

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="real concurrent transactions need PostgreSQL (make test runs this on it)",
    ),
]
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def draft(education_lead, adult_learning, q4):
    return cycle.update_save(
        sub_action=adult_learning, period=q4, by=education_lead, text="start", delivery_status=None, expected_version=0
    )


def test_two_saves_of_the_same_version_at_once_one_wins_one_is_refused(draft, education_lead):
    results: dict[str, object] = {}
    ready = threading.Barrier(2)

    def save(label: str) -> None:
        ready.wait()
        try:
            cycle.update_save(
                sub_action=draft.sub_action,
                period=draft.period,
                by=education_lead,
                text=f"{label} text",
                delivery_status=None,
                expected_version=draft.version,
            )
            results[label] = "saved"
        except cycle.EditConflict as conflict:
            results[label] = conflict.current.text
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(label,)) for label in ("A", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [label for label, outcome in results.items() if outcome == "saved"]
    assert len(winners) == 1
    loser = "B" if winners == ["A"] else "A"
    assert results[loser] == f"{winners[0]} text"  # the refused person is shown what won
    stored = Update.objects.get(pk=draft.pk)
    assert (stored.text, stored.version) == (f"{winners[0]} text", draft.version + 1)


def test_two_processes_of_eight_threads_lose_no_update(draft):
    settings = connection.settings_dict
    url = (
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    )
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    command = [sys.executable, "-m", "scrutineer.plans.tests.concurrency_worker", str(draft.pk)]
    processes = [
        subprocess.Popen([*command, label, "8", "200"], env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
        for label in ("p1", "p2")
    ]
    outcomes = [json.loads(process.communicate(timeout=300)[0]) for process in processes]
    saved = [text for outcome in outcomes for text in outcome["saved"]]
    conflicts = sum(outcome["conflicts"] for outcome in outcomes)
    final = Update.objects.get(pk=draft.pk)
    assert len(saved) + conflicts == 400
    assert len(saved) > 0
    assert final.version - draft.version == len(saved)
    history = set(final.history.values_list("text", flat=True))
    assert set(saved) <= history  # every successful save is in the history
    assert final.history.count() == 1 + len(saved)  # and nothing else was written
