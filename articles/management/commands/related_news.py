"""Store the related news of every published article (articles/services/related.py)."""

from django.core.management.base import BaseCommand

from articles.services.related import related_store_all


class Command(BaseCommand):
    help = "คำนวณและบันทึกข่าวที่เกี่ยวข้องของข่าวที่เผยแพร่ทุกข่าว"

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing",
            action="store_true",
            help="เฉพาะข่าวที่ยังไม่มีข่าวที่เกี่ยวข้องบันทึกไว้",
        )

    def handle(self, *args, missing=False, **options):
        def progress(done):
            self.stdout.write(f"บันทึกแล้ว {done} ข่าว")

        done = related_store_all(only_missing=missing, progress=progress)
        self.stdout.write(self.style.SUCCESS(f"บันทึกข่าวที่เกี่ยวข้องแล้ว {done} ข่าว"))
