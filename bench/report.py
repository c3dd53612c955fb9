"""The section run.py appends to bench/RESULTS.md, with the targets checked."""

import os
import platform
import shlex
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
# Shares of the ceiling at 16 connections, per mode: the hot pages cached in
# Redis (faults issue), every page cheap to render with or without it (cold
# pages issue).
RATIO_TARGETS = {
    "redis": {
        "article": 0.5,
        "home": 0.5,
        "agency": 0.5,
        "province": 0.5,
        "article-all": 0.15,
        "search": 0.05,
    },
    "no-redis": {
        "home": 0.15,
        "agency": 0.15,
        "province": 0.15,
        "article-all": 0.12,
        "search": 0.05,
    },
}
# p99 at 64 connections, per mode.
P99_TARGETS_MS = {
    "redis": {"article": 50, "home": 50, "agency": 50, "article-all": 100},
    "no-redis": {"article-all": 150},
}
RSS_TARGET_MB = 150
PAGES_ORDER = (
    "ceiling",
    "article",
    "home",
    "agency",
    "province",
    "article-all",
    "search",
)


def _output(command):
    try:
        result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        return (result.stdout or result.stderr).strip()
    except OSError:
        return "?"


def machine():
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = Path("/proc/meminfo").read_text().split()[1]
    return (
        f"{cpu}, {os.cpu_count()} CPUs, {int(memory) // 1024} MB RAM, "
        f"Linux {platform.release()}"
    )


def versions(results):
    packages = ("django", "gunicorn", "psycopg2-binary", "redis", "pythainlp")
    found = []
    for name in packages:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    database = results[0]["count"]["database"].split(" on ")[0]
    wrk = _output(["wrk", "-v"]).splitlines()[0].split(" Copyright")[0]
    commit = _output(["git", "rev-parse", "--short", "HEAD"])
    dirty = (
        " (with uncommitted changes)" if _output(["git", "status", "--short"]) else ""
    )
    return (
        f"Python {platform.python_version()}, {', '.join(found)}; {database}; "
        f"{wrk}; commit {commit}{dirty}"
    )


def summary(rounds):
    """Medians over rounds of one page at one connection count."""
    rps = [r["requests"] / r["duration_us"] * 1e6 for r in rounds]
    errors = sum(
        r["connect"] + r["read"] + r["write"] + r["timeout"] + r["status"]
        for r in rounds
    )
    return {
        "rps": statistics.median(rps),
        "p50": statistics.median(r["p50_us"] for r in rounds) / 1000,
        "p99": statistics.median(r["p99_us"] for r in rounds) / 1000,
        "errors": errors,
        "requests": sum(r["requests"] for r in rounds),
    }


def _number(value):
    return "" if value is None else f"{value:g}"


def _memory_line(memory):
    return ", ".join(f"{hwm} MB (now {rss})" for hwm, rss in memory.values()) or "?"


def _mode_section(args, result, failures, misses):
    mode = result["mode"]
    probe = result["probe"]
    lines = [f"\n### {mode}\n"]
    lines.append(
        f"Ceiling: `{result['ceiling']['path']}` served from memory, "
        f"{result['ceiling']['bytes']:,} bytes.\n"
    )
    lines.append(
        "| page | conns | req/s | of ceiling | p50 ms | p99 ms | errors | "
        "SQL queries | SQL ms | in-process ms |"
    )
    lines.append("|---|---|---|---|---|---|---|---|---|---|")
    for connections, pages in result["rounds"].items():
        ceiling = summary(pages["ceiling"])
        for page, rounds in pages.items():
            if not rounds:
                status = result["statuses"].get(page)
                lines.append(
                    f"| {page} | {connections} | missing (HTTP {status}) |"
                    " | | | | | | |"
                )
                if page == "search":
                    misses.append(f"{mode}: search page missing (HTTP {status})")
                continue
            s = summary(rounds)
            ratio = s["rps"] / ceiling["rps"] if ceiling["rps"] else 0
            measured = probe.get(page, {})
            lines.append(
                f"| {page} | {connections} | {s['rps']:,.0f} | {ratio:.1%} | "
                f"{s['p50']:.1f} | {s['p99']:.1f} | {s['errors']} | "
                f"{_number(measured.get('queries'))} | {measured.get('sql_ms', '')} | "
                f"{measured.get('wall_ms', '')} |"
            )
            if s["errors"]:
                misses.append(
                    f"{mode}: {page} at c={connections}: {s['errors']} "
                    "errors (target 0)"
                )
            target = RATIO_TARGETS.get(mode, {}).get(page)
            if int(connections) == 16 and target and ratio < target:
                misses.append(
                    f"{mode}: {page} at c=16 serves {ratio:.1%} of the ceiling "
                    f"(target {target:.0%}, short by "
                    f"{(target - ratio) * 100:.1f} points)"
                )
            limit = P99_TARGETS_MS.get(mode, {}).get(page)
            if int(connections) == 64 and limit and s["p99"] >= limit:
                misses.append(
                    f"{mode}: {page} p99 at c=64 is {s['p99']:.0f} ms "
                    f"(target < {limit} ms)"
                )
    noise = [
        r["foreign_cpu"]
        for c in result["rounds"].values()
        for p in c.values()
        for r in p
        if "foreign_cpu" in r
    ]
    if noise:
        lines.append(
            f"\nOther processes on the machine during the rounds (not gunicorn, wrk, "
            f"PostgreSQL or Redis): median {statistics.median(noise):.0%} of its CPUs, "
            f"max {max(noise):.0%}."
        )
    restarts = {
        page: sum(
            1
            for pages in result["rounds"].values()
            for r in pages[page]
            if r.get("restarted")
        )
        for page in PAGES_ORDER
    }
    slow = ", ".join(f"{page} {n}" for page, n in restarts.items() if n)
    if slow:
        lines.append(
            f"Rounds after which the site was restarted because the requests wrk "
            f"left queued took more than 3 s to drain: {slow}."
        )
    for page in PAGES_ORDER:
        measured = probe.get(page) or {}
        if measured.get("failed"):
            lines.append(
                f"The probe's {page} requests failed {measured['failed']} times "
                f"out of {measured['samples']} (an error status, not a page)."
            )
    count = result["count"]
    verdict = "exact" if count["exact"] else "MISMATCH"
    lines.append(
        f"\nRead counters ({max(args.connections)} connections, {args.duration} s of "
        f"article GETs, then robots.txt until all were answered, "
        f"{count['drain_s']} s): "
        f"{count['article_ok']:,} successful article GETs, {count['article_failed']} "
        f"failed; ReadTotal grew by {count['read_total_grew']:,}, DailyRead by "
        f"{count['daily_read_grew']:,}: **{verdict}**. Socket errors: "
        f"{count['connect'] + count['read'] + count['write'] + count['timeout']}, "
        f"slowest response {count['max_us'] / 1e6:.2f} s.\n"
    )
    if count["article_unanswered"]:
        lines.append(
            f"wrk asked for {count['article_unanswered']} article GETs that got no "
            "answer: requests it could not write at once and generated again, "
            "which never went out, or requests the server did not count either "
            "(else the counters would have grown by more).\n"
        )
    if not count["exact"]:
        failures.append(
            f"{mode}: counters grew by {count['read_total_grew']} (daily "
            f"{count['daily_read_grew']}) for {count['article_ok']} successful GETs"
        )
    fault = result.get("fault")
    if fault:
        equal = fault["acknowledged"] == fault["counted"] == fault["counted_daily"]
        lines.append(
            f"\nFault round (bench/fault.py: Redis killed for {fault['outage_s']} s "
            f"during an article load, restarted empty): {fault['errors']} errors "
            f"({fault['article_failed']} error answers, {fault['socket_errors']} "
            f"socket errors); {fault['acknowledged']:,} reads acknowledged, "
            f"{fault['counted']:,} counted (daily {fault['counted_daily']:,}): "
            f"**{'equal' if equal else 'MISMATCH'}**; fast path back "
            f"{fault['fast_path_back_s']} s after the restart.\n"
        )
        if fault["errors"] or not equal:
            failures.append(f"{mode}: fault round {fault}")
    peak = max((hwm for hwm, _ in result["memory"].values()), default=0)
    before = result.get("memory_before_search", {})
    lines.append(
        f"Peak RSS per worker (VmHWM): at most {peak} MB over the "
        f"{len(result['memory'])} workers started (the site is restarted after slow "
        f"rounds); before the first search round: "
        f"{_memory_line(before)}; ceiling workers: "
        f"{_memory_line(result['ceiling_memory'])}.\n"
    )
    if peak > RSS_TARGET_MB:
        misses.append(f"{mode}: worker peak RSS {peak} MB (target {RSS_TARGET_MB})")
    loads = result["pythainlp"]
    others = sorted(
        {unquote(x["first_path"]) for x in loads}
        - {
            unquote(x["first_path"])
            for x in loads
            if x["first_path"].startswith("/search/")
        }
    )
    if not loads:
        thai = "by no worker"
    elif others:
        thai = f"by {len(loads)} workers, first after {', '.join(others)}"
    else:
        thai = f"by {len(loads)} workers, each first after a /search/ request"
    lines.append(
        f"pythainlp imported {thai}; in the in-process probe, after the article, "
        "home and agency pages: "
        + ("loaded" if probe.get("pythainlp_before_search") else "not loaded")
        + ".\n"
    )
    if others or probe.get("pythainlp_before_search"):
        misses.append(f"{mode}: pythainlp loaded by a page other than search")
    return lines


def render(args, info, results, started):
    """Markdown for RESULTS.md; the failures (lost reads) and missed targets."""
    failures, misses = [], []
    command = shlex.join(["python", "bench/run.py", *sys.argv[1:]])
    lines = [
        f"\n## {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(started))}\n",
        f"- command: `{command}` ({(time.time() - started) / 60:.1f} min)",
        f"- machine: {machine()}",
        f"- versions: {versions(results)}",
        f"- data: {info['total']:,} articles ({info['published']:,} published and "
        f"due) over {info['agencies']} agencies, {info['indexed']:,} in the search "
        f"index; wrk {args.rounds} rounds of "
        f"{args.duration} s per page and connection count, interleaved "
        f"({', '.join(PAGES_ORDER)}); "
        "figures are medians over rounds, errors are summed",
        "- gunicorn 2 sync workers, production settings, plain HTTP on loopback; "
        f"article: ids drawn at random from {info.get('hot', '?'):,} articles spread "
        "evenly over all published ones, each fetched once before the round; "
        "article-all: from every published article (nearly all cold); the read "
        "count check draws from both",
    ]
    for result in results:
        lines += _mode_section(args, result, failures, misses)
    lines.append("Targets missed: " + ("; ".join(misses) if misses else "none") + ".")
    if failures:
        lines.append("\n**FAILED**: " + "; ".join(failures) + ".")
    return "\n".join(lines) + "\n", failures, misses
