"""Rebuild the search index of every article."""

import os

from django.core.management.base import BaseCommand

from articles.models import Article
from articles.search import reindex_all


class Command(BaseCommand):
    help = (
        "Rebuild the search index (segmented words, and the database's full-text "
        "and substring indexes) for every article. Safe to run again; search keeps "
        "working meanwhile."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count the articles that would be indexed; change nothing.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=500,
            help="Articles segmented and written per transaction (default 500).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=min(4, os.cpu_count() or 1),
            help="Processes that segment in parallel (default: CPUs, at most 4).",
        )

    def handle(self, *args, **options):
        total = Article.objects.count()
        if options["dry_run"]:
            self.stdout.write(
                self.style.SUCCESS(f"Dry run: {total} articles would be indexed.")
            )
            return
        batch_size = max(1, options["batch_size"])

        def progress(done):
            if options["verbosity"] > 1:
                self.stdout.write(f"  {done}/{total}")

        done = reindex_all(
            batch_size=batch_size, workers=options["workers"], progress=progress
        )
        self.stdout.write(self.style.SUCCESS(f"Indexed {done} articles."))
