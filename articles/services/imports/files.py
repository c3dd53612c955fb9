"""The files an import reads: folders walked lazily, each file read whole."""

import os
from fnmatch import fnmatch
from pathlib import Path

from articles.legacy import LegacyPageError

# No legacy page comes near this; a bigger file is something else.
MAX_FILE_BYTES = 5 * 1024 * 1024


def page_files(paths, *, pattern="*"):
    """Files to import, lazily: named files as given, folders walked in name
    order (hidden entries skipped, symlinked folders not followed)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, pattern)
        else:
            yield path


def _walk(folder, pattern):
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        yield folder  # reading it fails again, and is reported as a failure
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path), pattern)
        elif entry.is_file() and fnmatch(entry.name.lower(), pattern.lower()):
            yield Path(entry.path)


def read_page(path):
    """The file's bytes; LegacyPageError when it cannot be read as a page."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise LegacyPageError(
                "file", None, f"ไฟล์ใหญ่เกิน {MAX_FILE_BYTES // 1024 // 1024} MB"
            )
        return path.read_bytes()
    except IsADirectoryError as exc:
        raise LegacyPageError("file", None, "เป็นโฟลเดอร์ที่เปิดไม่ได้") from exc
    except FileNotFoundError as exc:
        raise LegacyPageError("file", None, "ไม่พบไฟล์") from exc
    except OSError as exc:
        raise LegacyPageError(
            "file", None, f"อ่านไฟล์ไม่ได้ ({exc.strerror or exc})"
        ) from exc
