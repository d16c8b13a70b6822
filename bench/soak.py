"""Two app servers under a minute of mixed load: readers and editors at once, and no edit lost.

    .venv/bin/python bench/soak.py --database-url postgres://postgres@127.0.0.1:5432/rcm_soak

On a PostgreSQL database of its own (migrated and seeded here if it is not yet), it starts two gunicorn
servers with deploy/gunicorn.conf.py and production settings, on two ports, sharing the database, a Redis
database (--redis-url, emptied first) and an evidence folder, as two machines behind a load balancer would.
Then --clients clients, each a thread with its own cookies, send every request to either server at random
for --duration seconds:
- readers (all but --editors) read pages, a search, a filtered list, PDFs and feeds, one after the other;
- editors, signed in, open a decision of a draft conference, think for a moment and save it with a new
  text, on --decisions decisions, so that two of them often edit the same one. Now and then an editor posts
  again a form it has saved already, on purpose: a stale copy, which must be refused with the 409 page.
It prints, per page, the requests, p50, p95, requests per second and 5xx answers; then the saves: applied
(302), refused as stale (409), anything else. Afterwards it reads each decision's history in the database:
a save is lost if it was answered 302 and its text is not the version it made, if two saves were applied on
the same revision, if a refused save's text was stored, or if a stale copy was accepted. Targets: no 5xx
and no lost save; it exits non-zero otherwise. The client threads share this process's Python, so
latencies include a little of the client's own time; run it on a quiet machine.
"""

import argparse
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.http_client import WebClient, form  # noqa: E402 (after the path)

PYTHON = sys.executable
SOAK_CONFERENCE = 40  # a draft conference of the soak's own, which the editors edit
EDITOR_PASSWORD = "Soak-editor-2026-password"
# What readers read, and how often relative to each other: the pages people cite most, the search and
# a filtered list, the PDFs for meetings and the feeds that readers' software polls.
READER_PAGES = [
    ("home", "/", 2),
    ("conference", "/conferences/17/", 2),
    ("declaration", "/conferences/17/declaration/", 4),
    ("decision", "/conferences/17/decisions/5/", 4),
    ("state", "/states/PA/", 1),
    ("search", "/search/?q=unaccompanied+minors", 3),
    ("filtered list", "/decisions/?year_from=2010&state=PA&role=mandated", 3),
    ("declaration PDF", "/conferences/17/declaration.pdf", 2),
    ("register PDF", "/conferences/17/decisions.pdf", 1),
    ("declarations feed", "/feeds/declarations.atom", 1),
    ("decisions feed", "/feeds/decisions.atom?state=PA", 1),
]
STALE_ON_PURPOSE = 0.25  # of the saves that were applied, how many are posted once more from the same form


@dataclass
class Save:
    decision: int
    revision: int  # the revision the form was opened at
    text: str
    stale_on_purpose: bool
    status: int


class Tally:
    """What the clients saw, gathered from every thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        self.saves: list[Save] = []
        self.failures: list[str] = []

    def record(self, page: str, seconds: float, status: int) -> None:
        with self.lock:
            self.latencies[page].append(seconds)
            self.statuses[page][status] += 1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def timed(tally: Tally, page: str, call, *args):
    """`call(*args)`, an HTTP request, timed and tallied under `page`."""
    started = time.perf_counter()
    try:
        response = call(*args)
    except OSError as error:  # no answer at all: counted with the 5xx, as a reader sees an error either way
        tally.record(page, time.perf_counter() - started, 599)
        with tally.lock:
            tally.failures.append(f"{page}: {error}")
        return None
    tally.record(page, time.perf_counter() - started, response.status)
    return response


def reader(servers: list[str], tally: Tally, until: float, seed: int) -> None:
    rng = random.Random(seed)
    client = WebClient()
    names, paths, weights = zip(*READER_PAGES, strict=True)
    while time.monotonic() < until:
        index = rng.choices(range(len(names)), weights)[0]
        timed(tally, names[index], client.get, rng.choice(servers) + paths[index])


def editor(servers: list[str], tally: Tally, until: float, seed: int, name: str, decisions: list[int]) -> None:
    rng = random.Random(seed)
    client = WebClient()
    try:
        signed_in = client.sign_in(rng.choice(servers), name, EDITOR_PASSWORD).status == 302
    except OSError:
        signed_in = False
    if not signed_in:
        with tally.lock:
            tally.failures.append(f"{name} could not sign in")
        return
    saved = 0
    while time.monotonic() < until:
        decision = rng.choice(decisions)
        path = f"/staff/decisions/{decision}/"
        page = timed(tally, "edit form", client.get, rng.choice(servers) + path)
        if page is None or page.status != 200:
            continue
        fields = form(page.text, "text_en")
        time.sleep(rng.uniform(0.2, 1.0))  # reading and typing, while others may save the same decision
        for stale_on_purpose in (False, True):
            saved += 1
            text = f"Soak text {name} {saved}."
            fields["text_en"] = [text]
            response = timed(tally, "save", client.post, rng.choice(servers) + path, fields)
            if response is None:
                break
            if response.status == 409 and "Not saved: someone changed this meanwhile" not in response.text:
                with tally.lock:
                    tally.failures.append(f"a 409 without the conflict page for {path}")
            with tally.lock:
                tally.saves.append(Save(decision, int(fields["revision"][0]), text, stale_on_purpose, response.status))
            # The same form posted once more is a stale copy: its revision has just been used.
            if response.status != 302 or rng.random() >= STALE_ON_PURPOSE:
                break
        time.sleep(rng.uniform(0.2, 0.6))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def lost_saves(saves: list[Save], started_at: dict[int, int]) -> list[str]:
    """Every way a save can have been lost, checked against the decisions' history in the database."""
    from decisions.models import Decision

    lost = []
    applied = [save for save in saves if save.status == 302]
    on_revision = defaultdict(list)
    for save in applied:
        on_revision[(save.decision, save.revision)].append(save)
    for (decision, revision), both in on_revision.items():
        if len(both) > 1:
            lost.append(f"decision {decision}: {len(both)} saves applied on revision {revision}")
    for save in saves:
        if save.stale_on_purpose and save.status == 302:
            lost.append(f"decision {save.decision}: a stale copy of revision {save.revision} was accepted")
    for decision, first in started_at.items():
        versions = {
            row.revision: row.text_en
            for row in Decision.history.filter(id=decision, revision__gt=first).only("revision", "text_en")
        }
        made = {save.revision + 1: save.text for save in applied if save.decision == decision}
        for revision, text in made.items():
            if versions.get(revision) != text:
                lost.append(
                    f"decision {decision}: revision {revision} should say {text!r}, not {versions.get(revision)!r}"
                )
        refused = {save.text for save in saves if save.decision == decision and save.status != 302}
        lost += [
            f"decision {decision}: a refused save was stored: {text!r}" for text in refused & set(versions.values())
        ]
        if set(versions) - set(made):
            lost.append(f"decision {decision}: revisions {sorted(set(versions) - set(made))} come from no applied save")
        current = Decision.objects.get(pk=decision)
        if current.revision != first + len(made):
            lost.append(f"decision {decision}: at revision {current.revision} after {len(made)} saves from {first}")
        elif made and current.text_en != made[max(made)]:
            lost.append(f"decision {decision}: says {current.text_en!r}, not the last save's {made[max(made)]!r}")
    return lost


def prepare(editors: int, decisions: int) -> tuple[list[str], list[int]]:
    """The seed, the editors' accounts and the soak's draft conference with `decisions` decisions."""
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from declarations.access import SYSTEM, acting_as
    from declarations.models import Conference
    from declarations.roles import ensure_roles
    from rcm.front.seed import seed_load
    from tests.factories import conference_with_declaration

    call_command("migrate", "--no-input", verbosity=0)
    seed_load()
    role = ensure_roles()["editor"]
    names = [f"soak-editor-{number}" for number in range(1, editors + 1)]
    for name in names:
        user, _ = User.objects.get_or_create(username=name)
        user.set_password(EDITOR_PASSWORD)
        user.save()
        user.groups.add(role)
    conference = Conference.objects.filter(kind="ordinary", number=SOAK_CONFERENCE).first()
    if conference is None:
        with acting_as(SYSTEM):  # generated data, written as the seed is (declarations.access)
            conference = conference_with_declaration(SOAK_CONFERENCE, decisions=decisions, status="draft").conference
    ids = list(conference.decisions.order_by("number").values_list("pk", flat=True)[:decisions])
    return names, ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""), help="a PostgreSQL database")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13", help="a Redis database, emptied first")
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (default 60)")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients (default 32)")
    parser.add_argument("--editors", type=int, default=8, help="how many of the clients edit (default 8)")
    parser.add_argument("--decisions", type=int, default=4, help="decisions the editors share (default 4)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers per server (default 3)")
    options = parser.parse_args()
    if not options.database_url.startswith("postgres"):
        sys.exit("bench/soak.py needs PostgreSQL: give --database-url postgres://...")

    with tempfile.TemporaryDirectory() as workdir:
        environment = {
            "DJANGO_SETTINGS_MODULE": "rcm.settings",
            "DATABASE_URL": options.database_url,
            "REDIS_URL": options.redis_url,
            "EVIDENCE_ROOT": f"{workdir}/evidence",
            "STATIC_ROOT": f"{workdir}/static",
            "SECRET_KEY": secrets.token_urlsafe(40),
            "DEBUG": "0",
            "HTTPS": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "LOG_LEVEL": "WARNING",
        }
        os.environ.update(environment)
        import django

        django.setup()
        from django.core.cache import caches
        from django.core.management import call_command

        from decisions.models import Decision

        names, decisions = prepare(options.editors, options.decisions)
        caches["pages"].clear()  # the Redis database is the soak's own
        caches["pdf"].clear()
        call_command("collectstatic", "--no-input", "--ignore", "admin", verbosity=0)
        started_at = dict(Decision.objects.filter(pk__in=decisions).values_list("pk", "revision"))

        servers, processes = [], []
        # What the servers log (a warning for each 409, which the editors get by design) is kept apart, and
        # shown only when a request failed.
        log = open(f"{workdir}/servers.log", "w")  # noqa: SIM115 (open while the servers run)
        for _ in range(2):
            port = free_port()
            # No access log (a line per request would only slow the machine), and only gunicorn's warnings.
            command = [PYTHON, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "rcm.wsgi", "--workers"]
            command += [str(options.workers), "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null"]
            command += ["--log-level", "warning"]
            processes.append(subprocess.Popen(command, cwd=ROOT, env=os.environ.copy(), stdout=log, stderr=log))
            servers.append(f"http://127.0.0.1:{port}")
        try:
            for server in servers:
                deadline = time.monotonic() + 60
                while True:
                    try:
                        if WebClient(timeout=5).get(server + "/health/").status == 200:
                            break
                    except OSError:
                        if time.monotonic() > deadline:
                            raise
                    time.sleep(0.3)
                for _, path, _ in READER_PAGES:  # every page rendered once, and each PDF cached
                    WebClient().get(server + path)
            tally = Tally()
            until = time.monotonic() + options.duration
            threads = [
                threading.Thread(target=editor, args=(servers, tally, until, number, names[number], decisions))
                for number in range(options.editors)
            ] + [
                threading.Thread(target=reader, args=(servers, tally, until, number))
                for number in range(options.editors, options.clients)
            ]
            began = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - began
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(timeout=30)
            log.close()
            server_log = Path(f"{workdir}/servers.log").read_text()
        lost = lost_saves(tally.saves, started_at)

    print(
        f"\n{options.clients} clients ({options.editors} editors on {options.decisions} decisions) for {elapsed:.0f} s "
        f"against 2 servers of {options.workers} gunicorn workers; {os.cpu_count()} CPUs\n"
    )
    print(f"{'page':18} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>7} {'5xx':>5}  other answers")
    errors = 0
    for page in [name for name, _, _ in READER_PAGES] + ["edit form", "save"]:
        latencies, statuses = tally.latencies[page], tally.statuses[page]
        if not latencies:
            continue
        server_errors = sum(count for status, count in statuses.items() if status >= 500)
        errors += server_errors
        expected = {200} if page != "save" else {302, 409}
        other = ", ".join(f"{count}×{status}" for status, count in sorted(statuses.items())
                          if status not in expected and status < 500)  # fmt: skip
        print(
            f"{page:18} {len(latencies):8} {statistics.median(latencies) * 1000:8.1f} "
            f"{percentile(latencies, 0.95) * 1000:8.1f} {len(latencies) / elapsed:7.1f} {server_errors:5}  {other}"
        )
    saves = tally.saves
    stale = [save for save in saves if save.stale_on_purpose]
    print(
        f"\nsaves: {len(saves)}, applied {sum(save.status == 302 for save in saves)}, refused as stale (409) "
        f"{sum(save.status == 409 for save in saves)}, of which posted stale on purpose "
        f"{sum(save.status == 409 for save in stale)} of {len(stale)}; "
        f"other answers {sum(save.status not in (302, 409) for save in saves)}"
    )
    print(f"5xx answers: {errors} (target 0); lost updates: {len(lost)} (target 0)")
    for problem in tally.failures[:10] + lost[:20]:
        print(f"  {problem}")
    if errors:
        print("\nThe servers' log ends with:\n" + "\n".join(server_log.splitlines()[-40:]))
    if errors or lost or tally.failures:
        sys.exit("The soak missed its targets")


if __name__ == "__main__":
    main()
