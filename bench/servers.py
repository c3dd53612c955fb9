"""Processes of a benchmark run: gunicorn servers, wrk, the probe; their memory."""

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CONF = ROOT / "gunicorn.conf.py"


def ensure_wrk():
    """wrk from the Debian package; installed when missing and we may."""
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        install = ["apt-get", "install", "-y", "-qq", "wrk"]
        if subprocess.run(install, env=env, capture_output=True).returncode:
            subprocess.run(["apt-get", "update", "-qq"], env=env, check=True)
            subprocess.run(install, env=env, check=True, capture_output=True)
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk (as root).")


class Server:
    """One gunicorn master with the bench settings, stopped by its own pid."""

    def __init__(self, app, port, env, log):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.command = [str(BIN / "gunicorn"), app, "-c", str(CONF)]
        self.command += ["-b", f"127.0.0.1:{port}"]
        self.env = env
        self.log = open(log, "ab")  # noqa: SIM115 (closed in stop)
        self.earlier = {}  # memory of the workers of earlier starts
        self.start()

    def start(self):
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env=self.env, stdout=self.log, stderr=self.log
        )

    def settle(self, path="/robots.txt", patience=3):
        """Wait until the requests wrk abandoned in the backlog are served; if
        that takes longer than `patience` seconds, restart (closing the listening
        socket drops them), so a slow page does not weigh on the next round.
        Returns (seconds waited, restarted)."""
        started = time.monotonic()
        try:
            with urllib.request.urlopen(self.url + path, timeout=patience):
                return time.monotonic() - started, False
        except (OSError, urllib.error.URLError):
            pass
        self.earlier.update(self.memory())
        self.stop(close_log=False)
        self.start()
        self.wait_ready(path)
        return time.monotonic() - started, True

    def wait_ready(self, path="/", timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn on {self.port} exited; see {self.log.name}")
            try:
                fetch(self.url + path)
                return
            except (OSError, urllib.error.URLError):
                time.sleep(0.2)
        raise SystemExit(f"gunicorn on {self.port} did not answer in {timeout} s")

    def workers(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def memory(self):
        """{pid: (VmHWM, VmRSS) in MB} of each worker."""
        result = {}
        for pid in self.workers():
            try:
                lines = Path(f"/proc/{pid}/status").read_text().splitlines()
            except OSError:
                continue
            fields = dict(line.split(":", 1) for line in lines if ":" in line)
            result[pid] = tuple(
                round(int(fields[key].split()[0]) / 1024, 1)
                for key in ("VmHWM", "VmRSS")
            )
        return result

    def memory_all(self):
        """memory() of the workers now and of those before each restart."""
        return {**self.earlier, **self.memory()}

    def stop(self, close_log=True):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if close_log:
            self.log.close()


def fetch(url):
    """(status, headers, body) of one GET; errors answered with a status too."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, list(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, list(error.headers.items()), error.read()


def warm(base_url, paths_file, threads=4):
    """GET every path once, a few at a time: what a page cache holds before a
    spike, so the round measures serving pages, not first renders."""
    from concurrent.futures import ThreadPoolExecutor

    paths = Path(paths_file).read_text().split()
    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(lambda path: fetch(base_url + path)[0], paths))


def parse_json_line(text):
    for line in text.splitlines():
        if line.startswith("BENCH_JSON "):
            return json.loads(line[len("BENCH_JSON ") :])
    raise RuntimeError(f"no BENCH_JSON line in:\n{text[-3000:]}")


def probe(args, env):
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "probe.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise SystemExit(f"probe {args[0]} failed:\n{result.stderr[-3000:]}")
    return parse_json_line(result.stdout)


def wrk(url, script, script_args, *, connections, duration, timeout=10, done_dir=None):
    """Run wrk; with done_dir, stop it early (SIGINT: it still reports) once each
    thread has left a file there to say its work is done (bench/count.lua)."""
    threads = min(connections, os.cpu_count() or 2)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s"]
    command += [f"--timeout={timeout}s", "--latency", "-s", str(script), url, "--"]
    command += [str(arg) for arg in script_args]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        while done_dir and process.poll() is None:
            if len(list(Path(done_dir).glob("thread-*"))) >= threads:
                process.send_signal(signal.SIGINT)
                break
            time.sleep(0.2)
        stdout, stderr = process.communicate()
    if process.returncode:
        raise RuntimeError(f"wrk failed: {stderr[-2000:]}")
    figures = parse_json_line(stdout)
    figures["command"] = " ".join(command)
    figures["raw"] = stdout
    return figures


# Processes that serve the measured requests: everything else busy on the
# machine during a round is someone else's load, reported as noise.
UNDER_TEST = {"gunicorn", "postgres", "redis-server"}


def cpu_sample():
    """(monotonic time, busy jiffies of the machine, of the processes under test)."""
    first = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    values = [int(v) for v in first]
    busy = sum(values[:8]) - values[3] - values[4]  # without idle and iowait
    ours = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        if name in UNDER_TEST:
            rest = stat[stat.rindex(")") + 2 :].split()
            # utime, stime, and those of its children that have exited: the
            # PostgreSQL parallel workers and gunicorn workers come and go.
            ours += sum(int(v) for v in rest[11:15])
    # wrk has exited by the second sample: its CPU comes from our children's usage.
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    ours += (children.ru_utime + children.ru_stime) * os.sysconf("SC_CLK_TCK")
    return time.monotonic(), busy, ours


def foreign_cpu(before, after):
    """Share of the machine's CPUs used by other processes between two samples."""
    elapsed = after[0] - before[0]
    capacity = elapsed * os.sysconf("SC_CLK_TCK") * (os.cpu_count() or 1)
    other = (after[1] - before[1]) - (after[2] - before[2])
    return max(0.0, other / capacity) if capacity else 0.0
