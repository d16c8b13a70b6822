"""How the site holds up under load on a large archive, measured against a minimal Django view in the same run.

    .venv/bin/python bench/load.py --database-url postgres://postgres@127.0.0.1:5432/rcm_bench [--generate]
    .venv/bin/python bench/load.py --cached-only --database-url sqlite:////tmp/rcm-bench.sqlite3 --generate

Needs PostgreSQL holding at least 100,000 decisions (`--generate` migrates the database, loads the
seed and runs `manage.py generate_synthetic --conferences 1000 --decisions 100` when it holds fewer)
and wrk (`apt-get install wrk`). It starts gunicorn with production settings (DEBUG off, a fresh
SECRET_KEY, plain HTTP on 127.0.0.1, a page cache of its own) and drives each page with wrk for
--duration seconds over --connections connections, one page after the other:
- the floor: a bare Django project (bench/floor.py: SecurityMiddleware and CommonMiddleware, one view
  returning a short page, no database) served by a second gunicorn with the same settings;
- /health/, the site's minimal view through the site's whole middleware, touching no database;
- a full-text search and a combined filter of the decisions, each twice: as its first reader gets it,
  rendered anew for every request (a parameter the page does not read, `bench=uncached`, keeps it out
  of the page cache), then asked again, as the readers of a shared address get it from the page cache
  (rcm.lib.pagecache: every wrk request is an anonymous reader's);
- a decision page and the XVII declaration, cached;
- the floor again, since the machine's load can change during the run.
It prints p50, p95 and requests per second for each, and each page's throughput as a ratio of the
floor's (the mean of its two runs), then exits non-zero if a target is missed (issue 16): search
p95 <= 50 ms, the combined filter p95 <= 20 ms, both for their first reader (uncached) and asked again;
the cached decision and declaration pages at least 0.7 of the floor's throughput. docs/search.md has
the figures measured, with the floor's.
--cached-only measures the floor, /health/ and the two cached pages of the seed on any database holding
it (SQLite too): the cached pages' ratio does not depend on the archive's size. Other work on the
machine (tests, another benchmark) slows every page alike; run it on a quiet machine.
"""

import argparse
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ARCHIVE_DECISIONS = 100_000
# The 95th percentile each page must keep under, in milliseconds.
P95_TARGETS_MS = {"search": 50.0, "filter": 20.0}
SEARCH = "/search/?q=unaccompanied+children"
FILTER = "/decisions/?year_from=2005&year_to=2015&topic=migrant-children&state=GT&role=mandated"
THROUGHPUT_TARGET = 0.7
WARM_UP_SECONDS = 2

FLOOR = ("bare Django (floor)", "/", None)
PAGES = [
    ("/health/", "/health/", None),
    ("search, first reader", f"{SEARCH}&bench=uncached", "search"),
    ("search, asked again", SEARCH, "search"),
    ("filter, first reader", f"{FILTER}&bench=uncached", "filter"),
    ("filter, asked again", FILTER, "filter"),
    ("decision page", "/conferences/synthetic/500/decisions/50/", "ratio"),
    ("XVII declaration", "/conferences/17/declaration/", "ratio"),
]
# Pages of the seed alone (--cached-only).
CACHED_PAGES = [
    PAGES[0],
    ("decision page", "/conferences/17/decisions/6/", "ratio"),
    ("XVII declaration", "/conferences/17/declaration/", "ratio"),
]

# wrk's own summary gives no 95th percentile: this prints the numbers on one line, in microseconds.
WRK_REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), errors))
end
"""


def manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def decision_count(env: dict) -> int:
    output = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", "from decisions.models import Decision; print(Decision.objects.count())"],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return int(output.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                response.read()
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def run_wrk(url: str, duration: int, connections: int, script: str) -> dict:
    output = subprocess.run(
        ["wrk", "-t", "2", "-c", str(connections), "-d", f"{duration}s", "--timeout", "10s", "-s", script, url],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    match = re.search(r"^RESULT (\d+) (\d+) (\d+) (\d+) (\d+)$", output, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"wrk printed no result:\n{output}")
    requests, duration_us, p50, p95, errors = map(int, match.groups())
    return {
        "requests": requests,
        "rps": requests / (duration_us / 1e6),
        "p50_ms": p50 / 1000,
        "p95_ms": p95 / 1000,
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""), help="a PostgreSQL database")
    parser.add_argument("--generate", action="store_true", help="migrate, seed and generate the archive if needed")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page (default 10)")
    parser.add_argument(
        "--connections", type=int, default=os.cpu_count(), help="concurrent connections (default: one per CPU)"
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes (default 4)")
    parser.add_argument("--port", type=int, default=0, help="default: a free one")
    parser.add_argument(
        "--cached-only", action="store_true", help="only the floors and the cached pages of the seed, on any database"
    )
    options = parser.parse_args()
    if not options.database_url.startswith("postgres") and not options.cached_only:
        sys.exit("bench/load.py measures PostgreSQL: give --database-url postgres://... (or --cached-only)")
    if shutil.which("wrk") is None:
        sys.exit("bench/load.py needs wrk: apt-get install wrk")

    with tempfile.TemporaryDirectory() as workdir:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "rcm.settings",
            "DATABASE_URL": options.database_url,
            "SECRET_KEY": secrets.token_urlsafe(40),
            "DEBUG": "0",
            "HTTPS": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "PAGE_CACHE_DIR": f"{workdir}/pages",
            "PDF_CACHE_DIR": f"{workdir}/pdf",
            "LOG_LEVEL": "ERROR",
        }
        if options.generate:
            manage(env, "migrate", "--no-input", "-v", "0")
            manage(env, "load_seed")
        decisions = decision_count(env)
        if decisions < ARCHIVE_DECISIONS and not options.cached_only:
            if not options.generate:
                sys.exit(f"The database holds {decisions} decisions, fewer than {ARCHIVE_DECISIONS}: use --generate")
            manage(env, "generate_synthetic", "--conferences", "1000", "--decisions", "100")
            decisions = decision_count(env)
        manage(env, "collectstatic", "--no-input", "-v", "0")
        script = Path(workdir, "report.lua")
        script.write_text(WRK_REPORT)
        port = options.port or free_port()
        floor_port = free_port()
        base = f"http://127.0.0.1:{port}"
        floor_base = f"http://127.0.0.1:{floor_port}"
        # The same gunicorn settings for both: only the application differs.
        gunicorn = [PYTHON, "-m", "gunicorn", "--workers", str(options.workers), "--log-level", "warning"]
        server = subprocess.Popen([*gunicorn, "--bind", f"127.0.0.1:{port}", "rcm.wsgi"], cwd=ROOT, env=env)
        floor = subprocess.Popen(
            [*gunicorn, "--bind", f"127.0.0.1:{floor_port}", "--chdir", str(ROOT / "bench"), "floor:application"],
            cwd=ROOT, env=env,
        )  # fmt: skip
        try:
            wait_for(f"{base}/health/")
            wait_for(f"{floor_base}/")
            results = []
            # The floor again at the end: the machine's load may change during the run, and the ratios are
            # taken to the mean of both.
            pages = CACHED_PAGES if options.cached_only else PAGES
            for name, path, target in [FLOOR, *pages, FLOOR]:
                url = (floor_base if (name, path, target) == FLOOR else base) + path
                wait_for(url)
                # Every worker warm (its imports, database connection, templates and cache) before the
                # measurement: a worker's first request takes a second or two here, and a few requests in a
                # row may all reach the same worker.
                run_wrk(url, WARM_UP_SECONDS, options.connections, str(script))
                results.append((name, path, target, run_wrk(url, options.duration, options.connections, str(script))))
        finally:
            for process in (server, floor):
                process.terminate()
                process.wait(timeout=30)

    print(f"\n{decisions} decisions; gunicorn with {options.workers} workers; wrk, {options.connections} connections, "
          f"{options.duration} s per page; {os.cpu_count()} CPUs\n")  # fmt: skip
    print(f"{'page':22} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8} {'ratio':>6} {'errors':>6}  target")
    minimal = (results[0][3]["rps"] + results[-1][3]["rps"]) / 2  # the floor's
    missed = []
    for name, _path, target, result in results:
        ratio = result["rps"] / minimal
        if target in P95_TARGETS_MS:
            held = result["p95_ms"] <= P95_TARGETS_MS[target]
            wanted = f"p95 <= {P95_TARGETS_MS[target]:.0f} ms"
        elif target == "ratio":
            held = ratio >= THROUGHPUT_TARGET
            wanted = f"ratio >= {THROUGHPUT_TARGET}"
        else:
            held, wanted = True, "(baseline)"
        held = held and result["errors"] == 0
        if not held:
            missed.append(name)
        print(
            f"{name:22} {result['p50_ms']:8.1f} {result['p95_ms']:8.1f} {result['rps']:8.0f} {ratio:6.2f} "
            f"{result['errors']:6}  {wanted} {'ok' if held else 'MISSED'}"
        )
    print("\nURLs: " + "; ".join(path for _, path, _, _ in results))
    if missed:
        sys.exit(f"Targets missed: {', '.join(missed)}")


if __name__ == "__main__":
    main()
