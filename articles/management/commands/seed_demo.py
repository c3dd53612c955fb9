"""Create the Region 3 agencies, demo editors and demo news (idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.services.demo import demo_seed


class Command(BaseCommand):
    help = (
        "Create the Region 3 agencies, about 30 demo articles, the demo editors "
        "demo-phayao and demo-lampang and the admin demo-admin. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--editor-password",
            help="Password for the demo accounts (generated and printed if omitted).",
        )

    def handle(self, *args, **options):
        if getattr(settings, "ENVIRONMENT", "") == "production":
            raise CommandError("seed_demo refuses to run under production settings.")
        result = demo_seed(editor_password=options["editor_password"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {result['articles']} new articles, "
                f"{result['pages']} new pages."
            )
        )
        for username, password in result["accounts"].items():
            if password:
                self.stdout.write(f"  login {username} / {password}")
            else:
                self.stdout.write(f"  login {username} (password unchanged)")
