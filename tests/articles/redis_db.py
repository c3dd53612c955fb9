"""A Redis of the test's own: Debian's redis-server on a free port, which a test
may kill, slow down, fill or restart from an old snapshot.

Without redis-server these tests skip, except in CI (CI=true), where they fail:
.ci/run installs it.
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time

import pytest
import redis

REDIS_SERVER = shutil.which("redis-server")
IN_CI = os.environ.get("CI") == "true"

needs_redis = pytest.mark.skipif(
    REDIS_SERVER is None and not IN_CI,
    reason="needs redis-server (apt-get install redis-server)",
)


def real_clock_environ():
    """This environment without libfaketime (make test-boundary): Redis is a
    server, like PostgreSQL, and keeps the real clock; under the faked one it
    does not start."""
    return {
        key: value
        for key, value in os.environ.items()
        if key != "LD_PRELOAD" and not key.startswith("FAKETIME")
    }


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisServer:
    def __init__(self, *, snapshots=False):
        if REDIS_SERVER is None:
            pytest.fail("redis-server is missing: .ci/run installs it")
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="newsroom-redis-")
        self.snapshots = snapshots
        self.process = None
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.start()

    @property
    def rdb(self):
        return os.path.join(self.dir, "dump.rdb")

    def start(self):
        command = [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", self.dir]
        command += ["--dbfilename", "dump.rdb", "--enable-debug-command", "local"]
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=real_clock_environ(),
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if self.client().ping():
                    return
            except redis.RedisError:
                time.sleep(0.02)
        raise RuntimeError("redis-server did not start")

    def kill(self):
        """SIGKILL: whatever was not snapshotted is gone."""
        self.process.kill()
        self.process.wait()

    def client(self):
        return redis.Redis(port=self.port, socket_timeout=5)

    def snapshot(self):
        """BGSAVE, and wait until it is written; returns a copy of the RDB."""
        client = self.client()
        client.bgsave()
        while True:
            info = client.info("persistence")
            if (
                not info["rdb_bgsave_in_progress"]
                and not info["rdb_changes_since_last_save"]
            ):
                break
            time.sleep(0.05)
        copy = os.path.join(self.dir, f"old-{time.monotonic_ns()}.rdb")
        shutil.copy(self.rdb, copy)
        return copy

    def restore(self, copy):
        """Kill Redis and start it from an old snapshot."""
        self.kill()
        shutil.copy(copy, self.rdb)
        self.start()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def redis_server():
    server = RedisServer()
    yield server
    server.stop()


@pytest.fixture
def redis_site(settings, redis_server):
    """The site with its cache on the test's own Redis, and no page a worker
    holds from another test's."""
    from articles.pagecache import hits

    hits.forget_held()
    settings.REDIS_URL = redis_server.url
    yield redis_server
    hits.forget_held()
