"""Draw the emblem PNG and the default share picture into static/img/."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from articles.services.identity import identity_images_write

STATIC_IMG = Path(settings.BASE_DIR) / "static" / "img"


class Command(BaseCommand):
    help = (
        "วาดตราสัญลักษณ์ (emblem.png) และภาพแชร์เริ่มต้น (share-default.png, "
        "1200x630) ด้วยชื่อสำนักงานจาก settings.NEWSROOM"
    )

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=str(STATIC_IMG))

    def handle(self, *args, directory, **options):
        site = settings.NEWSROOM
        paths = identity_images_write(
            directory=directory,
            name=site["SITE_NAME"],
            tagline="ข่าวภาคเหนือตอนบน · 8 จังหวัด",
        )
        for path in paths:
            self.stdout.write(self.style.SUCCESS(f"เขียน {path} แล้ว"))
