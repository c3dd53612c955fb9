"""The files an import reads: folders walked lazily, each file read whole.

Only regular files are read, and never more than MAX_FILE_BYTES of one: a
device (/dev/zero) or a FIFO would otherwise be read until memory runs out,
or wait forever. Whatever a folder holds besides pages and folders (a FIFO, a
device, a dangling link) is handed on, to be refused by name, not skipped.
"""

import os
import stat
from fnmatch import fnmatch
from pathlib import Path

from articles.legacy import LegacyPageError

# No legacy page comes near this (a few KB); a bigger file is something else.
MAX_FILE_BYTES = 5 * 1024 * 1024
TOO_BIG = f"ไฟล์ใหญ่เกิน {MAX_FILE_BYTES // 1024 // 1024} MB"


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
        elif entry.is_dir():
            continue  # a link to a folder: not followed (it may loop)
        elif fnmatch(entry.name.lower(), pattern.lower()):
            yield Path(entry.path)  # not a page? read_page says why


def _not_a_page(mode):
    """The Thai reason a file of this mode is no page, or None for a page."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "เป็นโฟลเดอร์ที่เปิดไม่ได้"
    if stat.S_ISFIFO(mode):
        return "เป็นท่อส่งข้อมูล (FIFO) ไม่ใช่ไฟล์ธรรมดา"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "เป็นไฟล์อุปกรณ์ ไม่ใช่ไฟล์ธรรมดา"
    if stat.S_ISSOCK(mode):
        return "เป็นซ็อกเก็ต ไม่ใช่ไฟล์ธรรมดา"
    return "ไม่ใช่ไฟล์ธรรมดา"


def _refuse(reason):
    return LegacyPageError("file", None, reason)


def read_page(path):
    """The file's bytes; LegacyPageError when it cannot be read as a page.

    The file is looked at before it is opened (a link is followed to what it
    names), looked at again once open (it may have been swapped meanwhile),
    and at most one byte past the limit is read (it may be growing)."""
    try:
        info = os.stat(path)
    except FileNotFoundError as exc:
        if os.path.islink(path):
            raise _refuse("เป็นลิงก์ที่ชี้ไปยังไฟล์ที่ไม่มีอยู่") from exc
        raise _refuse("ไม่พบไฟล์") from exc
    except OSError as exc:
        raise _refuse(f"อ่านไฟล์ไม่ได้ ({exc.strerror or exc})") from exc
    reason = _not_a_page(info.st_mode) or (
        TOO_BIG if info.st_size > MAX_FILE_BYTES else None
    )
    if reason:
        raise _refuse(reason)
    try:
        # O_NONBLOCK: a FIFO put in its place since opens at once, not never.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as exc:
        raise _refuse(f"อ่านไฟล์ไม่ได้ ({exc.strerror or exc})") from exc
    with open(fd, "rb") as file:
        reason = _not_a_page(os.fstat(fd).st_mode)
        if reason:
            raise _refuse(reason)
        try:
            data = file.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise _refuse(f"อ่านไฟล์ไม่ได้ ({exc.strerror or exc})") from exc
    if len(data) > MAX_FILE_BYTES:
        raise _refuse(TOO_BIG)
    return data
