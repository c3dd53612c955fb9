"""Benchmark of import_pages: 10,000 generated legacy pages into a scratch database.

    python bench/import_pages.py [--pages 10000] [--seed 1]
    python bench/import_pages.py --database-url postgres://postgres@127.0.0.1:5432/x

Generates the pages into a temporary folder (nested by Buddhist-Era year) with
varied Thai text and every variant the parser handles: `echo Out` or not, full
and abbreviated months, Thai digits, no time, the headline one to three times or
run together, the lead absent, equal or a summary, labelled fields with any
spacing or missing, counts with separators or ครั้ง, cp874 and UTF-8 with a BOM,
Windows line ends, and a few agencies unknown to Region 3.

Then imports them in-process through the same service as the command, into a
fresh database: a temporary SQLite file by default, or, with --database-url, a
scratch PostgreSQL database created next to the one named and dropped at the
end. Reports pages per second, peak memory (RSS) and RSS as the run goes, so
that growth with the number of pages shows, and the peak RSS of the worker
processes that parse and segment; then imports the folder again (every page
unchanged) to time an idempotent rerun. Target: 10,000 pages in 60 seconds or
less, on both databases. --workers sets the parsing and segmenting processes
(default: as the command, up to 2; 1 does it all in one process).
"""

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 60

FULL = "มกราคม กุมภาพันธ์ มีนาคม เมษายน พฤษภาคม มิถุนายน กรกฎาคม สิงหาคม กันยายน ตุลาคม พฤศจิกายน ธันวาคม".split()  # noqa: E501
SHORT = "ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย. ต.ค. พ.ย. ธ.ค.".split()
PROVINCES = "เชียงใหม่ ลำพูน ลำปาง แม่ฮ่องสอน เชียงราย พะเยา แพร่ น่าน".split()
UNKNOWN = ["ส.ปชส.ตาก", "ส.ปชส.สุโขทัย", "สวท.ตาก"]
WHO = [
    "ผู้ว่าราชการจังหวัด", "รองผู้ว่าราชการจังหวัด", "นายอำเภอเมือง", "ปลัดจังหวัด",
    "สาธารณสุขจังหวัด", "เกษตรจังหวัด", "พาณิชย์จังหวัด", "ประชาสัมพันธ์จังหวัด",
]  # fmt: skip
DOES = [
    "เปิดงาน", "ลงพื้นที่ตรวจเยี่ยม", "มอบถุงยังชีพให้แก่", "ประชุมติดตาม",
    "รณรงค์ป้องกัน", "ขับเคลื่อนโครงการ", "ส่งเสริมการจำหน่าย", "แถลงข่าว",
]  # fmt: skip
WHAT = [
    "เทศกาลดอกไม้ผลิบาน", "ผู้ประสบภัยหนาว", "ไฟป่าและหมอกควัน", "ฝุ่นละออง PM2.5",
    "ตลาดนัดชุมชน", "ประเพณียี่เป็ง", "ไข้เลือดออก", "เกษตรกรผู้ปลูกลำไย",
    "กาแฟอาราบิก้า", "ผ้าทอพื้นเมือง", "ภัยแล้ง", "การท่องเที่ยวเชิงวัฒนธรรม",
]  # fmt: skip
CLAUSES = [
    "โดยมีหัวหน้าส่วนราชการ ภาคเอกชน และประชาชนร่วมงานเป็นจำนวนมาก",
    "ทั้งนี้เพื่อให้ประชาชนได้รับข้อมูลข่าวสารอย่างทั่วถึงและทันเหตุการณ์",
    "อีกทั้งยังเป็นการสร้างรายได้ให้แก่ชุมชนและกระตุ้นเศรษฐกิจในพื้นที่",
    "ที่ประชุมได้พิจารณาแนวทางการแก้ไขปัญหาและกำหนดมาตรการเร่งด่วน",
    "เจ้าหน้าที่ได้ตั้งจุดบริการประชาชนตลอดยี่สิบสี่ชั่วโมง",
    "ภายในงานมีการแสดงศิลปวัฒนธรรมล้านนาและการจำหน่ายสินค้าพื้นเมือง",
    "และจะมีการติดตามประเมินผลการดำเนินงานทุกไตรมาส",
]
CHROME = ["", "LINE it!", "Editor Login", "Name :", "Pass :"]
FOOTER = [
    "จัดทำและบริหารระบบ โดย ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร",
    "สำนักประชาสัมพันธ์เขต 3 จังหวัดเชียงใหม่",
    "49 ถนนประชาสัมพันธ์ ตำบลช้างคลาน อำเภอเมือง เชียงใหม่ 50-100",
    "โทร. 0-5328-3734 / แฟ็กซ์. 0-5328-3738",
]
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def _sentence(rng, province):
    return (
        f"{rng.choice(WHO)}{province} {rng.choice(DOES)}{rng.choice(WHAT)} "
        f"มีผู้เข้าร่วมกว่า {rng.randint(20, 4000):,} คน {rng.choice(CLAUSES)}"
    )


def _date_line(rng, day, seconds):
    thai_digits = rng.random() < 0.15
    month = (SHORT if rng.random() < 0.3 else FULL)[day.month - 1]
    text = f"{day.day} {month} {day.year + 543}"
    if seconds is not None:
        hours, rest = divmod(seconds, 3600)
        text += f" / {hours:02d}:{rest // 60:02d}:{rest % 60:02d}"
    if thai_digits:
        text = text.translate(THAI_DIGITS)
    return ("echo Out " if rng.random() < 0.7 else "") + text


def _fields(rng, province, kind):
    agency = f"ส.ปชส.{province}" if kind == "pr" else f"สวท.{province}"
    if rng.random() < 0.01:
        agency = rng.choice(UNKNOWN)
    reads = rng.randint(0, 250_000)
    colon = rng.choice([" : ", ":", " :", ": ", "  :  "])
    counted = rng.choice([f"{reads}", f"{reads:,}", f"{reads:,} ครั้ง"])
    fields = [
        f"ข่าวโดย{colon}ทีมข่าว {agency.removeprefix('ส.')}",
        f"บรรณาธิการ{colon}{agency.removeprefix('ส.')}",
        f"หน่วยงาน{colon}{agency}",
        f"อ่าน{colon}{counted}",
    ]
    return [f for f in fields if rng.random() > 0.05]


def legacy_page(rng, day, seconds):
    """One page's text, laid out as the legacy site printed it."""
    province = rng.choice(PROVINCES)
    title = f"{rng.choice(WHO)}{province}{rng.choice(DOES)}{rng.choice(WHAT)}"
    title += f" ครั้งที่ {rng.randint(1, 99)}"
    summary = _sentence(rng, province)
    head = rng.choice(
        [
            [title],
            [title, title],
            [title, title, title],
            [title, title, summary],
            [f"{title}  {title}"],
            [f"{title} {title}", summary],
        ]
    )
    paragraphs = [
        " ".join(_sentence(rng, province) for _ in range(rng.randint(2, 6)))
        for _ in range(rng.randint(1, 5))
    ]
    lines = ["ข่าวภาคเหนือตอนบน สำนักประชาสัมพันธ์เขต 3"]
    lines += [_date_line(rng, day, seconds), *head, "", *paragraphs, "", ""]
    lines += _fields(rng, province, rng.choice(["pr", "radio"]))
    lines += CHROME + (FOOTER if rng.random() < 0.9 else [])
    return "\n".join(lines)


def generate(folder, count, seed):
    """Write count pages; one page a day so that pages without a time (00:00:00)
    keep distinct legacy IDs. Returns the bytes written."""
    rng = random.Random(seed)
    first = date(1995, 1, 1)
    written = 0
    for index in range(count):
        day = first + timedelta(days=index)
        seconds = None if rng.random() < 0.1 else rng.randint(1, 86_399)
        text = legacy_page(rng, day, seconds)
        if rng.random() < 0.2:
            text = text.replace("\n", "\r\n")
        roll = rng.random()
        if roll < 0.15:
            data = text.encode("cp874")
        elif roll < 0.25:
            data = b"\xef\xbb\xbf" + text.encode("utf-8")
        else:
            data = text.encode("utf-8")
        year_folder = folder / str(day.year + 543)
        year_folder.mkdir(exist_ok=True)
        (year_folder / f"{index:06d}.txt").write_bytes(data)
        written += len(data)
    return written


def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mb(who=resource.RUSAGE_SELF):
    return resource.getrusage(who).ru_maxrss / 1024


def scratch_database(url):
    """A fresh database for the run: (DATABASE_URL, drop callback)."""
    if not url or url.startswith("sqlite"):
        handle, path = tempfile.mkstemp(prefix="newsroom-bench-", suffix=".sqlite3")
        os.close(handle)

        def remove():
            for suffix in ("", "-wal", "-shm"):
                Path(path + suffix).unlink(missing_ok=True)

        return f"sqlite:///{path}", remove
    import psycopg2

    parts = urlsplit(url)
    name = f"newsroom_bench_import_{os.getpid()}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    connection = psycopg2.connect(admin)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')

    def drop():
        from django.db import connections

        connections.close_all()
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.close()

    return urlunsplit(parts._replace(path=f"/{name}")), drop


def run_import(folder, label, workers):
    from articles.services.imports import pages_import

    counts = {}
    started = time.monotonic()
    outcomes = pages_import(paths=[folder], workers=workers)
    for done, outcome in enumerate(outcomes, start=1):
        counts[outcome.action] = counts.get(outcome.action, 0) + 1
        if outcome.failed:
            print(f"  failed {outcome.source}: {outcome.reason}")
        if done % 2000 == 0:
            elapsed = time.monotonic() - started
            print(
                f"  {label}: {done:,} pages, {elapsed:.1f} s, "
                f"{done / elapsed:,.0f} pages/s, RSS {rss_mb():.0f} MB"
            )
    return counts, time.monotonic() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--database-url", default="", help="postgres://… (SQLite when omitted)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="Processes that parse and segment (default: as the command).",
    )
    args = parser.parse_args()

    url, drop = scratch_database(args.database_url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.base")
    os.environ["DJANGO_DEBUG"] = "false"  # DEBUG would keep every query
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    try:
        call_command("migrate", verbosity=0)
        with tempfile.TemporaryDirectory(prefix="legacy-pages-") as folder:
            started = time.monotonic()
            size = generate(Path(folder), args.pages, args.seed)
            print(
                f"generated {args.pages:,} pages ({size / 2**20:.1f} MB) in "
                f"{time.monotonic() - started:.1f} s; database {connection.vendor}; "
                f"load average {os.getloadavg()[0]:.1f}"
            )
            print(f"RSS before import {rss_mb():.0f} MB")
            counts, seconds = run_import(Path(folder), "import", args.workers)
            rate = args.pages / seconds
            verdict = "PASS" if seconds <= TARGET_SECONDS else "FAIL"
            print(
                f"import: {counts} in {seconds:.1f} s = {rate:,.0f} pages/s; "
                f"peak RSS {peak_rss_mb():.0f} MB, workers "
                f"{peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB each at most; "
                f"{verdict} (target {args.pages:,} in {TARGET_SECONDS} s); "
                f"load average {os.getloadavg()[0]:.1f}"
            )
            again, seconds = run_import(Path(folder), "rerun", args.workers)
            print(
                f"rerun:  {again} in {seconds:.1f} s = "
                f"{args.pages / seconds:,.0f} pages/s; peak RSS {peak_rss_mb():.0f} MB"
            )
    finally:
        drop()


if __name__ == "__main__":
    main()
