"""Gunicorn settings of the site: `gunicorn newsroom.wsgi -c gunicorn.conf.py`.

2 sync workers, no keep-alive (sync workers close each connection). Each worker,
once the application is loaded, freezes what it loaded out of the garbage
collector's passes and starts the read flusher (articles/reads/flusher.py), so
buffered reads reach the database from the start whether or not Django renders
anything; a worker stopping gracefully (SIGTERM, a `kill -HUP` reload) flushes
once more. After requests the C heap's free pages are given back to the system
now and then, so a worker stays under its RSS budget.
"""

import ctypes
import gc
import json
import os
import sys
import time

workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "sync"
timeout = 30
graceful_timeout = 10
accesslog = None
# Several servers may run side by side: no shared ~/.gunicorn control socket.
control_socket_disable = True

# Giving freed memory back more often than this costs more than it saves.
RELEASE_EVERY_SECONDS = 10.0
# The benchmark (bench/) notes where each worker first loaded the Thai dictionary.
BENCH_STATE_DIR = os.environ.get("BENCH_STATE_DIR")


def _buffer():
    from django.apps import apps

    if not apps.ready:  # an application that is not the site (bench/ceiling.py)
        return None
    from articles.reads import get_buffer

    return get_buffer()


def post_worker_init(worker):
    # Everything loaded so far lives as long as the worker: keep it out of the
    # collector's full passes, which otherwise pause requests for milliseconds.
    gc.freeze()
    worker.released_at = time.monotonic()
    _buffer()  # starts the flusher when Redis is configured


def worker_exit(server, worker):
    from articles.reads.flusher import flush_at_exit

    buffer = _buffer()
    if buffer is not None:
        flush_at_exit(buffer)


def _release_free_memory(worker):
    """glibc keeps memory freed by large objects for reuse, and it counts in the
    worker's RSS until trimmed; a no-op without malloc_trim."""
    now = time.monotonic()
    if now - getattr(worker, "released_at", 0.0) < RELEASE_EVERY_SECONDS:
        return
    worker.released_at = now
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


def post_request(worker, req, environ, resp):
    _release_free_memory(worker)
    if BENCH_STATE_DIR and not getattr(worker, "bench_thai_seen", False):
        if "pythainlp" in sys.modules:
            worker.bench_thai_seen = True
            path = os.path.join(BENCH_STATE_DIR, f"pythainlp-{os.getpid()}.json")
            with open(path, "w") as out:
                json.dump({"pid": os.getpid(), "first_path": req.uri}, out)
