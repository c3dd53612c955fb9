"""import_pages reads regular files only, and never more than the limit.

A device or a FIFO would be read until memory runs out or wait forever, so the
command runs in a subprocess here, bounded in time and memory, against a
database of its own.
"""

import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from articles.models import Article
from articles.services.imports.files import MAX_FILE_BYTES
from tests.articles.legacy_pages import DATA, GOOD, SEED, run

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 120  # seconds: far more than the command needs, far less than forever
MEMORY = 1024**3  # bytes of address space: reading /dev/zero stops here, not at OOM


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """A migrated SQLite file for the command's own process."""
    path = tmp_path_factory.mktemp("import-db") / "db.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}"}
    env["DJANGO_SETTINGS_MODULE"] = "newsroom.settings.test"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=TIMEOUT,
    )
    return env


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def import_in_subprocess(env, *paths):
    """(stdout, stderr, exit status) of import_pages, killed with its workers
    if it outlives TIMEOUT."""
    process = subprocess.Popen(
        [sys.executable, "manage.py", "import_pages", *map(str, paths)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=_limit_memory,
    )
    try:
        out, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"import_pages {paths} still running after {TIMEOUT} s")
    return out, err, process.returncode


def _line(err, name):
    [line] = [line for line in err.splitlines() if name in line]
    return line


def test_a_device_is_refused_unread(database):
    out, err, status = import_in_subprocess(database, "/dev/zero")
    assert status == 1
    assert "อุปกรณ์" in _line(err, "/dev/zero")
    assert "failed=1" in out


def test_a_fifo_is_refused_without_waiting_for_a_writer(database, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    out, err, status = import_in_subprocess(database, fifo)
    assert status == 1
    assert "FIFO" in _line(err, "pipe.txt")


def test_a_folder_names_everything_in_it_that_is_not_a_page(database, tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(SEED, folder / "page.txt")
    (folder / "linked.txt").symlink_to(DATA / GOOD[1])  # a link to a page is read
    os.mkfifo(folder / "pipe.txt")
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (folder / "device.txt").symlink_to("/dev/zero")
    out, err, status = import_in_subprocess(database, folder)
    assert status == 1
    assert "FIFO" in _line(err, "pipe.txt")
    assert "ไม่มีอยู่" in _line(err, "dangling.txt")
    assert "อุปกรณ์" in _line(err, "device.txt")
    assert "created=2" in out and "failed=3" in out


@pytest.mark.django_db
def test_a_file_over_the_limit_is_refused(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used
    out, err, status = run(big)
    assert status == 1
    assert "ใหญ่เกิน 5 MB" in _line(err, "big.txt")


@pytest.mark.django_db
def test_a_file_name_cannot_forge_report_lines_or_terminal_escapes(tmp_path):
    name = "bad\nสร้างใหม่: forged.txt\x1b[2J\u202e.txt"
    (tmp_path / name).write_bytes(b"")
    out, err, status = run(tmp_path)
    assert status == 1
    assert "\x1b" not in out + err and "\u202e" not in out + err
    assert "forged" not in out
    [line] = [line for line in err.splitlines() if "forged" in line]
    assert line.startswith("ล้มเหลว: ")
    assert "bad\\nสร้างใหม่: forged.txt\\x1b[2J\\u202e.txt" in line
    assert not Article.objects.exists()
