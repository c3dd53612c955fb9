"""Gunicorn settings shared by the site and the ceiling under load.

The deployment's shape: 2 sync workers, no keep-alive (sync workers close each
connection). One addition: when BENCH_STATE_DIR is set, each worker notes the
first request after which pythainlp is imported, so the report can tell whether
a worker that never searched paid for the Thai dictionary. The check is one
dict lookup per request, done after the response is sent.
"""

import json
import os
import sys

workers = 2
worker_class = "sync"
timeout = 30
accesslog = None
# The site and the ceiling run side by side: no shared ~/.gunicorn control socket.
control_socket_disable = True

STATE_DIR = os.environ.get("BENCH_STATE_DIR")


def post_request(worker, req, environ, resp):
    if not STATE_DIR or getattr(worker, "bench_thai_seen", False):
        return
    if "pythainlp" in sys.modules:
        worker.bench_thai_seen = True
        path = os.path.join(STATE_DIR, f"pythainlp-{os.getpid()}.json")
        with open(path, "w") as out:
            json.dump({"pid": os.getpid(), "first_path": req.uri}, out)
