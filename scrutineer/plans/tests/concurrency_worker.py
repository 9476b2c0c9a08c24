"""A worker process for the concurrency test: threads racing version-checked saves of one update.

Run as `python -m scrutineer.plans.tests.concurrency_worker UPDATE_ID LABEL THREADS ATTEMPTS` with
DATABASE_URL naming the test database; prints the texts it saved successfully, as JSON.
"""

import json
import os
import sys
import threading


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.db import connection

    from scrutineer.plans import cycle
    from scrutineer.plans.models import Update

    update_id, label, threads, attempts = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    saved: list[str] = []
    conflicts = 0
    lock = threading.Lock()
    start = threading.Barrier(threads)

    def run(thread: int) -> None:
        nonlocal conflicts
        start.wait()
        for attempt in range(attempts // threads):
            update = Update.objects.select_related("sub_action", "period", "author").get(pk=update_id)
            text = f"{label}-t{thread}-a{attempt}"
            try:
                cycle.update_save(
                    sub_action=update.sub_action,
                    period=update.period,
                    by=update.author,
                    text=text,
                    delivery_status=None,
                    expected_version=update.version,
                )
            except cycle.EditConflict:
                with lock:
                    conflicts += 1
            else:
                with lock:
                    saved.append(text)
        connection.close()

    workers = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    print(json.dumps({"saved": saved, "conflicts": conflicts}))


if __name__ == "__main__":
    main()
