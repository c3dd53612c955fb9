"""Move every cached page on, after a deploy that changes what pages look like."""

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import PageGeneration
from articles.pagecache.invalidation import pages_invalidate


class Command(BaseCommand):
    help = (
        "Stop answering every cached page (Redis or the host's page directory): "
        "run it after a deploy that changes templates or static files, so no "
        "visitor is sent a page rendered by the old code. Content changes do this "
        "by themselves."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say which generation the pages are at; change nothing.",
        )

    def handle(self, *args, **options):
        current = PageGeneration.objects.filter(pk=1).values_list("value", flat=True)
        if options["dry_run"]:
            self.stdout.write(f"cached pages are at generation {current.first()}")
            return
        with transaction.atomic():
            pages_invalidate()
        self.stdout.write(
            self.style.SUCCESS(f"cached pages moved on to generation {current.first()}")
        )
