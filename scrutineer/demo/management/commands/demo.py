import os

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Load the demo council, store its published reports' files, then serve Scrutineer on 127.0.0.1 "
        "(what `make demo` runs)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args: object, port: int, host: str, **options: object) -> None:
        call_command("load_demo", stdout=self.stdout)
        # The demo's published reports are served as published from here on (check C4); the first
        # start draws them, which takes a minute or so.
        call_command("store_published_reports", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Scrutineer is serving the demo council at http://{host}:{port}/"))
        call_command("runserver", f"{host}:{port}", use_reloader=False)
