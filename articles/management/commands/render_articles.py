"""Store the parts of every published article's page (articles/article_parts/)."""

from django.core.management.base import BaseCommand, CommandError

from articles.article_parts import parts_store_all


class Command(BaseCommand):
    help = "แสดงผลและบันทึกส่วนของหน้าข่าวที่เผยแพร่ทุกข่าวที่ยังไม่มีหรือไม่เป็นปัจจุบัน"

    def add_arguments(self, parser):
        parser.add_argument(
            "--part",
            metavar="K/N",
            help="เฉพาะข่าวที่รหัสหารด้วย N เหลือเศษ K (แบ่งงานให้ N โปรเซส)",
        )

    def handle(self, *args, part=None, **options):
        if part is not None:
            try:
                k, n = (int(x) for x in part.split("/"))
            except ValueError:
                raise CommandError("--part ต้องเป็น K/N เช่น 0/2") from None
            if not 0 <= k < n:
                raise CommandError("--part ต้องมี 0 <= K < N")
            part = (k, n)

        def progress(done):
            if options["verbosity"] > 1:
                self.stdout.write(f"บันทึกแล้ว {done} ข่าว")

        done = parts_store_all(part=part, progress=progress)
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"บันทึกหน้าข่าวแล้ว {done} ข่าว"))
