"""Import legacy article pages (text dumps of the old PHP site) into Newsroom.

    python manage.py import_pages PATH [PATH ...] [--dry-run] [--pattern GLOB]

Pages are parsed and segmented in worker processes and stored a chunk per
transaction; a page that cannot be read or stored is named with the reason,
nothing of it is stored, and the others go on. Each chunk's pages are in the
search index when it commits. Importing a page again updates its article
(found by the legacy ID). Only regular files up to 5 MB are read; anything else
is refused by name. Exit status 1 when any page failed, 0 otherwise.
"""

import time
import unicodedata

from django.core.management.base import BaseCommand, CommandError

from articles.services.imports import page_files, pages_import

ACTIONS = ("created", "updated", "unchanged", "failed")
LABELS = {
    False: {
        "created": "สร้างใหม่",
        "updated": "ปรับปรุง",
        "unchanged": "ไม่เปลี่ยนแปลง",
        "failed": "ล้มเหลว",
    },
    True: {
        "created": "จะสร้างใหม่",
        "updated": "จะปรับปรุง",
        "unchanged": "ไม่เปลี่ยนแปลง",
        "failed": "ปฏิเสธ",
    },
}
BAR_WIDTH = 30
# Characters a terminal acts on or a reader cannot see: control (a newline
# would forge a report line, ESC a terminal command), format (bidi overrides),
# line and paragraph separators, and surrogates (bytes of a name that is not
# UTF-8), each shown as its escape instead.
HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Cs"}
REDRAW_SECONDS = 0.2


def printable(text):
    """text with backslashes and HIDDEN characters escaped (\\n, \\x1b, \\u202e)."""
    if text.isprintable() and "\\" not in text:
        return text  # the usual case: nothing to escape
    out = []
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif unicodedata.category(char) in HIDDEN:
            code = ord(char)
            if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode
                out.append(f"\\x{code - 0xDC00:02x}")
            else:
                out.append(char.encode("unicode_escape").decode("ascii"))
        else:
            out.append(char)
    return "".join(out)


class Progress:
    """A one-line progress bar, redrawn a few times a second (terminals only)."""

    def __init__(self, out, total):
        self.out = out
        self.total = total
        self.started = time.monotonic()
        self.drawn_at = 0.0

    def draw(self, done, *, force=False):
        now = time.monotonic()
        if not force and now - self.drawn_at < REDRAW_SECONDS:
            return
        self.drawn_at = now
        share = done / self.total if self.total else 1
        filled = int(BAR_WIDTH * share)
        rate = done / max(now - self.started, 1e-9)
        self.out.write(
            f"\r[{'#' * filled}{'-' * (BAR_WIDTH - filled)}] "
            f"{done:,}/{self.total:,} หน้า {rate:,.0f} หน้า/วินาที",
            ending="",
        )
        self.out.flush()

    def clear(self):
        self.out.write("\r\033[K", ending="")


class Command(BaseCommand):
    help = (
        "นำเข้าหน้าข่าวจากเว็บไซต์เดิม (ไฟล์ข้อความ หรือโฟลเดอร์ซึ่งอ่านทุกชั้น) "
        "Import legacy page dumps: files, or folders read recursively. "
        "Safe to run again: a page already imported updates its article."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would be created, updated and refused; write nothing.",
        )
        parser.add_argument(
            "--pattern",
            default="*",
            help="Which files to take inside folders (default: every file "
            "not hidden), e.g. '*.txt'.",
        )

    def handle(self, *args, **options):
        paths, dry_run = options["paths"], options["dry_run"]
        pattern = options["pattern"]
        verbosity = options["verbosity"]
        labels = LABELS[dry_run]
        progress = None
        if self.stdout.isatty() and verbosity >= 1:
            # Counting walks the folders once more but reads no file.
            total = sum(1 for _ in page_files(paths, pattern=pattern))
            progress = Progress(self.stdout, total)
        counts = dict.fromkeys(ACTIONS, 0)
        new_agencies = []
        started = time.monotonic()
        outcomes = pages_import(paths=paths, dry_run=dry_run, pattern=pattern)
        for done, outcome in enumerate(outcomes, start=1):
            counts[outcome.action] += 1
            if outcome.new_agency:
                new_agencies.append(outcome.new_agency)
            message = self._describe(outcome, labels, dry_run, verbosity)
            if message and progress:
                progress.clear()
            if outcome.failed:
                self.stderr.write(message)
            elif message:
                self.stdout.write(message)
            if progress:
                progress.draw(done, force=bool(message))
        if progress:
            progress.draw(sum(counts.values()), force=True)
            self.stdout.write("")
        seconds = time.monotonic() - started
        for name in new_agencies:
            verb = "จะสร้าง" if dry_run else "สร้าง"
            self.stdout.write(
                self.style.WARNING(
                    f"หน่วยงานที่ไม่รู้จัก: {printable(name)} ({verb}ไว้แบบปิดใช้งาน "
                    "โปรดตรวจสอบในหน้าผู้ดูแลระบบ)"
                )
            )
        summary = (
            " · ".join(f"{labels[a]} {counts[a]:,}" for a in ACTIONS)
            + f" · {seconds:.1f} วินาที ("
            + " ".join(f"{a}={counts[a]}" for a in ACTIONS)
            + f" seconds={seconds:.2f}"
            + (" dry-run" if dry_run else "")
            + ")"
        )
        heading = "ทดลองนำเข้า ไม่มีการบันทึก" if dry_run else "นำเข้าเสร็จ"
        style = self.style.ERROR if counts["failed"] else self.style.SUCCESS
        self.stdout.write(style(f"{heading}: {summary}"))
        if counts["failed"]:
            raise CommandError(
                f"นำเข้าไม่ได้ {counts['failed']:,} หน้า (ดูเหตุผลด้านบน)", returncode=1
            )

    @staticmethod
    def _describe(outcome, labels, dry_run, verbosity):
        label = labels[outcome.action]
        # Names and text come from the files: escaped, they cannot forge lines.
        source = printable(outcome.source)
        if outcome.failed:
            return f"{label}: {source}: {printable(outcome.reason)}"
        if dry_run or verbosity >= 2:
            return (
                f"{label}: {source} → {outcome.legacy_id} "
                f"«{printable(outcome.title[:60])}»"
            )
        return ""
