"""Example legacy pages for the parser and import tests, laid out as the old
site printed them, and helpers to run import_pages and compare the database."""

from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command

from articles.models import Agency, Article, ArticleEvent, Author, ReadTotal

DATA = Path(__file__).resolve().parents[1] / "data" / "legacy"
SEED_NAME = "000_7811fc035658fd07.txt"
SEED = DATA / SEED_NAME
SHARED_SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
# Example pages that import cleanly, with the agency each belongs to.
GOOD = [
    SEED_NAME,
    "lampang_short_month.txt",
    "chiangrai_thai_digits.txt",
    "nan_run_together.txt",
    "phrae_cp874.txt",
]

BANNER = "ข่าวภาคเหนือตอนบน สำนักประชาสัมพันธ์เขต 3"
TITLE = "พะเยาจัดงานส่งเสริมการท่องเที่ยวกว๊านพะเยา ประจำปี 2562"
SUMMARY = (
    "จังหวัดพะเยาจัดงานส่งเสริมการท่องเที่ยวกว๊านพะเยา ประจำปี 2562 "
    "เพื่อกระตุ้นเศรษฐกิจและรายได้ของชุมชนรอบกว๊าน"
)
BODY = [
    "นายอำเภอเมืองพะเยา เป็นประธานเปิดงาน ณ ลานอเนกประสงค์ริมกว๊านพะเยา "
    "โดยมีส่วนราชการ ภาคเอกชน และประชาชนร่วมงานจำนวนมาก",
    "ภายในงานมีการแข่งขันเรือพาย การแสดงศิลปวัฒนธรรมพื้นบ้าน และการจำหน่ายสินค้าหนึ่งตำบลหนึ่งผลิตภัณฑ์",
]
FIELDS = [
    "ข่าวโดย : ทีมข่าว ปชส.พะเยา",
    "บรรณาธิการ : ปชส.พะเยา",
    "หน่วยงาน : ส.ปชส.พะเยา",
    "อ่าน : 120",
]
CHROME = ["LINE it!", "Editor Login", "Name :", "Pass :"]
FOOTER = [
    "จัดทำและบริหารระบบ โดย ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร",
    "สำนักประชาสัมพันธ์เขต 3 จังหวัดเชียงใหม่",
    "49 ถนนประชาสัมพันธ์ ตำบลช้างคลาน อำเภอเมือง เชียงใหม่ 50-100",
    "โทร. 0-5328-3734 / แฟ็กซ์. 0-5328-3738",
]


def page(
    *,
    date="echo Out 14 มิถุนายน 2561 / 14:37:02",
    head=(TITLE, TITLE, SUMMARY),
    body=BODY,
    fields=FIELDS,
    chrome=CHROME,
    footer=FOOTER,
):
    """A legacy page laid out as the old site printed it."""
    lines = [BANNER, date, *head, "", *body, "", "", *fields, "", *chrome, *footer]
    return "\n".join(lines)


def run(*args):
    """call_command; returns (stdout, stderr, exit status)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import_pages", *map(str, args), stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue() + str(exc), exc.returncode
    return out.getvalue(), err.getvalue(), 0


def snapshot():
    """Everything an import may touch, to compare before and after."""
    return {
        "articles": sorted(
            Article.objects.values_list(
                "pk",
                "legacy_id",
                "title",
                "lead",
                "body",
                "agency_id",
                "author_id",
                "editor_name",
                "published_at",
                "status",
                "version",
                "updated_at",
            )
        ),  # fmt: skip
        "reads": sorted(ReadTotal.objects.values_list("article_id", "total")),
        "events": ArticleEvent.objects.count(),
        "authors": sorted(Author.objects.values_list("pk", "byline")),
        "agencies": sorted(Agency.objects.values_list("pk", "slug", "is_active")),
    }
