from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from scrutineer.plans.reminders import already_sent, reminders_due, reminders_send


class Command(BaseCommand):
    help = (
        "E-mail lead officers whose plan updates are missing: before the deadline and when overdue. "
        "Never sends the same reminder twice. Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List who would be reminded of what; send nothing.")
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, dry_run: bool, today: str | None, **options):
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"--today must be a date like 2021-04-20, not {today!r}.") from None
        due = reminders_due(today=day)
        if dry_run:
            for reminder in due:
                note = " (already sent; would be skipped)" if already_sent(reminder) else ""
                self.stdout.write(
                    f"Would remind {reminder.person.email or reminder.person.username}: {reminder.subject}{note}"
                )
                for row in reminder.outstanding:
                    self.stdout.write(f"  - {row.sub_action} ({row.state})")
            self.stdout.write(f"Dry run: {len(due)} reminder(s) due, none sent.")
            return
        sent, skipped = reminders_send(due)
        for reminder in sent:
            self.stdout.write(f"Reminded {reminder.person.email}: {reminder.subject}")
        self.stdout.write(f"{len(sent)} reminder(s) sent, {len(skipped)} skipped (already sent or no e-mail address).")
