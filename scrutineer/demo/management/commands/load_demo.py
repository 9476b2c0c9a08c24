from django.core.management import call_command
from django.core.management.base import BaseCommand

from scrutineer.demo.loader import load_demo


class Command(BaseCommand):
    help = "Migrate the database DATABASE_URL names and load the demo council (safe to run twice)."

    def handle(self, *args: object, **options: object) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        report = load_demo()
        for title in report.created:
            self.stdout.write(f"Loaded {title}")
        for title in report.kept:
            self.stdout.write(f"Already loaded: {title}")
        if report.accounts:
            self.stdout.write("")
            self.stdout.write(
                self.style.WARNING("DEMO ACCOUNTS (for trying Scrutineer only; never use them on real data):")
            )
            for username, password, role in report.accounts:
                self.stdout.write(f"  {role:<22} username {username:<24} password {password}")
        if report.authenticators:
            self.stdout.write("")
            self.stdout.write(
                self.style.WARNING(
                    "DEMO AUTHENTICATOR KEYS (published, so demo only): Part 2 papers ask for a code from an"
                    " authenticator app. Add a key to one (Microsoft or Google Authenticator, FreeOTP, ...):"
                )
            )
            for username, key in report.authenticators:
                self.stdout.write(f"  {username:<24} key {key}")
