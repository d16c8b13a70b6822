"""What readers and editors see when PostgreSQL restarts or Redis stops under load, and whether a write is lost.

    .venv/bin/python bench/faults.py

Everything it runs is its own and thrown away at the end, so it never touches another PostgreSQL or
Redis on the machine: a PostgreSQL cluster made with initdb in a temporary folder (as the postgres
account when run as root, since PostgreSQL refuses to run as root), a redis-server, and gunicorn with
2 workers and production settings over both (REDIS_URL set), each on a free port. It migrates, loads
the seed, and makes an editor's account. Then, under load (reader threads on the pages, the search, a
list and a PDF; an editor saving a conference's theme through the staff form with a known value each
time, then reading the public page to check the edit shows at once):
- a quiet moment first, the baseline;
- PostgreSQL restarted (pg_ctl restart -m fast);
- PostgreSQL stopped for a few seconds, then started;
- Redis stopped for a few seconds (saving its data, as a Redis with persistence does), then started,
  so that it comes back with the pages it held before.
For each it prints the answers clients got other than success (by status), the seconds until a page
that reads the database is served again after the fault ends (for Redis, until a page is served from
the cache again), the writes answered as saved and those lost (answered as saved but not in the
database's history afterwards), and the stale pages (an edit answered as saved, not on the public
page read just after). It exits non-zero on any 5xx answer other than 503, any request not answered,
a write lost or a stale page.

The app keeps its database connections (CONN_MAX_AGE's default, 60 s, with health checks), as in
production, so a restart cuts the connections each worker holds. Needs PostgreSQL's server binaries
(apt-get install postgresql) and redis-server (apt-get install redis-server); about 50 s of load after
the setup (migrations, seed, static files), which takes half a minute to a minute and a half on two cores.
"""

import argparse
import contextlib
import glob
import html.parser
import http.client
import http.cookiejar
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import psycopg2
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE = "rcm_faults"
CONFERENCE = 90  # the bench's own planned conference, whose theme the editor keeps changing
READER_PAGES = [
    "/",
    "/conferences/17/",
    "/conferences/17/declaration/",
    "/conferences/17/decisions/6/",
    f"/conferences/{CONFERENCE}/",
    "/decisions/?topic=migrant-children&year_from=2010",
    "/search/?q=unaccompanied+children",
    "/conferences/17/declaration.pdf",
]
# Never cached: each of these reads the database, so their first success says the database is back.
READS_DATABASE = ("/decisions/", "/search/")
TIMEOUT = 30  # gunicorn's own: a request longer than that is a worker killed


def free_port() -> int:
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port not in (5432, 6379):  # never anything near the machine's shared services
            return port


@dataclass
class Answer:
    path: str
    started: float
    ended: float
    status: int | str  # an HTTP status, or what went wrong when there was none


@dataclass
class Phase:
    name: str
    started: float
    fault_ended: float = 0.0
    ended: float = 0.0
    recovered: float | None = None  # seconds after the fault ended; None: not measured or never
    notes: list[str] = field(default_factory=list)


class Record:
    """What every client thread saw, in one place (list.append is atomic in CPython)."""

    def __init__(self) -> None:
        self.answers: list[Answer] = []
        self.saved: list[tuple[float, int]] = []  # (when answered, write number) of each write answered as saved
        self.shown: list[tuple[float, int]] = []  # (when asked for, write number shown) of each public read
        self.stop = threading.Event()


def fetch(opener: urllib.request.OpenerDirector, record: Record, base: str, path: str,
          data: dict | None = None) -> tuple[int | str, bytes]:  # fmt: skip
    started = time.monotonic()
    body = b""
    try:
        encoded = urllib.parse.urlencode(data).encode() if data is not None else None
        with opener.open(base + path, data=encoded, timeout=TIMEOUT) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    except urllib.error.URLError as error:  # no answer: refused, reset, timed out
        status = type(error.reason).__name__ if isinstance(error.reason, Exception) else str(error.reason)
    except (OSError, http.client.HTTPException) as error:
        status = type(error).__name__
    record.answers.append(Answer(path, started, time.monotonic(), status))
    if path == f"/conferences/{CONFERENCE}/" and status == 200:
        shown = re.search(rb"Set by the faults bench, write (\d+)", body)
        record.shown.append((started, int(shown[1]) if shown else 0))
    return status, body


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is the answer itself: after a POST, 302 says the form was saved."""

    def redirect_request(self, *args, **kwargs):
        return None


class FormFields(html.parser.HTMLParser):
    """The fields a browser would submit with each POST form of a page, with their current values."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self._select: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = {name: value if value is not None else "" for name, value in attrs}
        name = attributes.get("name")
        if tag == "form":
            self.forms.append({})
        elif not self.forms:
            return
        elif tag == "input" and name:
            kind = attributes.get("type", "text")
            if kind in ("submit", "button", "reset", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            self.forms[-1][name] = attributes.get("value", "on" if kind == "checkbox" else "")
        elif tag == "select" and name:
            self._select, self._first_option = name, None
        elif tag == "option" and self._select:
            value = attributes.get("value", "")
            if self._first_option is None:
                self._first_option = value
                self.forms[-1][self._select] = value
            if "selected" in attributes:
                self.forms[-1][self._select] = value
        elif tag == "textarea" and name:
            self._textarea = name
            self.forms[-1][name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.forms[-1][self._textarea] += data.lstrip("\n") if not self.forms[-1][self._textarea] else data


def form_with(body: bytes, field_name: str) -> dict[str, str] | None:
    parser = FormFields()
    parser.feed(body.decode())
    return next((form for form in parser.forms if field_name in form), None)


def reader(record: Record, base: str, offset: int) -> None:
    opener = urllib.request.build_opener(NoRedirects())
    index = offset
    while not record.stop.is_set():
        fetch(opener, record, base, READER_PAGES[index % len(READER_PAGES)])
        index += 1


def editor(record: Record, base: str, account: tuple[str, str], edit_path: list[str]) -> None:
    """Signs in, then saves the conference's theme through its staff form with a new value each time, and
    reads the public page as an anonymous reader right after each save (twice, to meet both workers)."""
    opener = urllib.request.build_opener(NoRedirects(), urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    public = urllib.request.build_opener(NoRedirects())
    signed_in = False
    write = 0
    while not record.stop.is_set():
        if not signed_in:
            status, body = fetch(opener, record, base, "/accounts/login/")
            form = form_with(body, "username") if status == 200 else None
            if form:
                form.update(username=account[0], password=account[1])
                signed_in = fetch(opener, record, base, "/accounts/login/", form)[0] == 302
            if not signed_in:
                time.sleep(0.2)
                continue
        status, body = fetch(opener, record, base, edit_path[0])
        form = form_with(body, "theme_en") if status == 200 else None
        if form is None:
            time.sleep(0.2)
            continue
        write += 1
        form["theme_en"] = f"Set by the faults bench, write {write}"
        if fetch(opener, record, base, edit_path[0], form)[0] != 302:
            continue
        record.saved.append((time.monotonic(), write))
        for _ in range(2):
            fetch(public, record, base, f"/conferences/{CONFERENCE}/")
        time.sleep(0.1)


class Services:
    """The bench's own PostgreSQL cluster and Redis, in a temporary folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda path: int(path.split("/")[4]))
        if not binaries:
            sys.exit("bench/faults.py needs PostgreSQL's server binaries: apt-get install postgresql")
        self.bin = Path(binaries[-1]).parent
        if shutil.which("redis-server") is None:
            sys.exit("bench/faults.py needs redis-server: apt-get install redis-server")
        self.pg_port, self.redis_port = free_port(), free_port()
        self.data = folder / "postgresql"
        # PostgreSQL will not run as root: as root, its cluster belongs to the postgres account.
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_postgres:
            shutil.chown(folder, "postgres")
        # No retries: redis-py's default retries with backoff for seconds, and this client must see at once
        # that Redis stopped.
        self.redis = redis.Redis(port=self.redis_port, socket_timeout=5, retry=Retry(NoBackoff(), 0))

    def pg_ctl(self, *args: str) -> None:
        options = f"-c listen_addresses=127.0.0.1 -c port={self.pg_port} -c unix_socket_directories={self.folder}"
        command = [*self.as_postgres, str(self.bin / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60",
                   "-l", str(self.folder / "postgresql.log"), "-o", options, *args]  # fmt: skip
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)

    def start(self) -> None:
        subprocess.run(
            [*self.as_postgres, str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
             "-E", "UTF8", "--no-sync"],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        self.pg_ctl("start")
        admin = psycopg2.connect(host="127.0.0.1", port=self.pg_port, user="postgres", dbname="postgres")
        admin.autocommit = True
        admin.cursor().execute(f"CREATE DATABASE {DATABASE}")
        admin.close()
        self.redis_start()

    def redis_start(self) -> None:
        subprocess.run(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.redis_port), "--dir", str(self.folder),
             "--save", "", "--appendonly", "no", "--daemonize", "yes", "--logfile", str(self.folder / "redis.log")],
            check=True,
        )  # fmt: skip
        for _ in range(100):
            try:
                self.redis.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def redis_stop(self) -> None:
        """Saves what it holds, which the next start loads: Redis comes back with the pages it kept."""
        with contextlib.suppress(redis.ConnectionError):  # it was down already
            self.redis.shutdown(save=True)
        for _ in range(100):
            try:
                self.redis.ping()
            except redis.ConnectionError:
                return
            time.sleep(0.05)

    def stop(self) -> None:
        self.redis_stop()
        if (self.data / "postmaster.pid").exists():
            self.pg_ctl("stop", "-m", "immediate")

    def saved_themes(self) -> set[str]:
        """Every theme the bench's conference has had, from its history (django-simple-history)."""
        database = psycopg2.connect(host="127.0.0.1", port=self.pg_port, user="postgres", dbname=DATABASE)
        cursor = database.cursor()
        cursor.execute("SELECT theme_en FROM declarations_historicalconference WHERE number = %s", [CONFERENCE])
        themes = {row[0] for row in cursor.fetchall()}
        database.close()
        return themes


def manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                response.read()
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def create_conference(base: str, account: tuple[str, str]) -> str:
    """The bench's conference, made through the staff form as an editor would; the path of its form."""
    opener = urllib.request.build_opener(NoRedirects(), urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    record = Record()
    status, body = fetch(opener, record, base, "/accounts/login/")
    form = form_with(body, "username") or {}
    form.update(username=account[0], password=account[1])
    status, _ = fetch(opener, record, base, "/accounts/login/", form)
    if status != 302:
        raise RuntimeError(f"the editor could not sign in: {status}")
    status, body = fetch(opener, record, base, "/staff/conferences/new/")
    form = form_with(body, "theme_en") or {}
    form.update(number=str(CONFERENCE), planned_year="2030", theme_en="Set by the faults bench")
    try:
        opener.open(base + "/staff/conferences/new/", data=urllib.parse.urlencode(form).encode(), timeout=TIMEOUT)
    except urllib.error.HTTPError as error:
        if error.code == 302:
            return urllib.parse.urlsplit(error.headers["Location"]).path
        raise RuntimeError(f"the conference was not created: {error.code}") from None
    raise RuntimeError("the conference form did not save (an error on the form?)")


def caching_resumes(services: Services, seconds: float = 30) -> float | None:
    """Seconds until Redis, just started, serves a cached page or PDF again (its first key hit)."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            if services.redis.info("stats")["keyspace_hits"] > 0:
                return time.monotonic() - started
        except redis.ConnectionError:
            pass
        time.sleep(0.05)
    return None


def report(phases: list[Phase], record: Record, themes: set[str], server_log: str) -> list[str]:
    """Prints the table; returns what failed."""
    print(f"\n{'phase':30} {'fault s':>7} {'requests':>8}  {'answers other than success':32} {'recovered':>9} "
          f"{'saved':>5} {'lost':>4} {'stale':>5}")  # fmt: skip
    failed = []
    for phase in phases:
        # By when the answer came: a request sent just before a fault meets it.
        answers = [answer for answer in record.answers if phase.started <= answer.ended < phase.ended]
        errors = Counter(str(answer.status) for answer in answers if not isinstance(answer.status, int)
                         or answer.status >= 400)  # fmt: skip
        saved = [write for when, write in record.saved if phase.started <= when < phase.ended]
        lost = [write for write in saved if f"Set by the faults bench, write {write}" not in themes]
        # A public read of the conference's page showing an older write than one answered as saved before it.
        stale = [
            (when, write)
            for when, write in record.shown
            if phase.started <= when < phase.ended
            and write < max((number for answered, number in record.saved if answered < when), default=0)
        ]
        shown = ", ".join(f"{status}: {count}" for status, count in sorted(errors.items())) or "none"
        recovered = "-" if phase.recovered is None else f"{phase.recovered:.1f} s"
        duration = (phase.fault_ended or phase.ended) - phase.started
        print(f"{phase.name:30} {duration:7.1f} {len(answers):8}  {shown:32} {recovered:>9} {len(saved):5} "
              f"{len(lost):4} {len(stale):5}")  # fmt: skip
        for note in phase.notes:
            print(f"{'':30}   {note}")
        unanswered = sum(count for status, count in errors.items() if not status.isdigit())
        server_errors = sum(count for status, count in errors.items() if status.isdigit() and status[0] == "5"
                            and status != "503")  # fmt: skip
        if server_errors:
            failed.append(f"{phase.name}: {server_errors} server errors other than 503")
        if unanswered:
            failed.append(f"{phase.name}: {unanswered} requests not answered")
        if lost:
            failed.append(f"{phase.name}: {len(lost)} writes answered as saved were lost")
        if stale:
            failed.append(f"{phase.name}: {len(stale)} pages read after a save did not show it")
    outage_lines = [line for line in server_log.splitlines() if "does not answer" in line or "answers again" in line]
    print(f"\nWhat the server logged of the outages ({len(outage_lines)} lines; each worker process says a service "
          "does not answer at most once a minute, and that it answers again after it said so):")  # fmt: skip
    for line in outage_lines:
        print(f"  {line[:160]}")
    return failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--readers", type=int, default=3, help="reader threads (default 3)")
    parser.add_argument("--outage", type=float, default=5, help="seconds PostgreSQL and Redis stay stopped")
    parser.add_argument("--observe", type=float, default=8, help="seconds of load after each fault (default 8)")
    options = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="rcm-faults-"))
    services = Services(folder)
    server = None
    try:
        started = time.monotonic()
        services.start()
        app_port = free_port()
        base = f"http://127.0.0.1:{app_port}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "rcm.settings",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{services.pg_port}/{DATABASE}",
            "REDIS_URL": f"redis://127.0.0.1:{services.redis_port}/0",
            "SECRET_KEY": secrets.token_urlsafe(40),
            "DEBUG": "0",
            "HTTPS": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "EVIDENCE_ROOT": str(folder / "evidence"),
            "LOG_LEVEL": "WARNING",
        }
        # The static files (production's manifest) need no database: collected meanwhile.
        static = subprocess.Popen([PYTHON, "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=ROOT, env=env,
                                  stdout=subprocess.DEVNULL)  # fmt: skip
        account = ("faults-editor", secrets.token_urlsafe(16))
        password_file = folder / "password"
        password_file.write_text(account[1])
        manage(env, "migrate", "--no-input", "-v", "0")
        adduser = f"'adduser', '{account[0]}', '--role', 'editor', '--password-file', '{password_file}'"
        commands = f"call_command('load_seed'); call_command({adduser})"  # one start of Django for both
        manage(env, "shell", "-c", f"from django.core.management import call_command; {commands}")
        if static.wait() != 0:
            sys.exit("collectstatic failed")
        log_path = folder / "gunicorn.log"
        with open(log_path, "w") as log:
            server = subprocess.Popen(
                [PYTHON, "-m", "gunicorn", "rcm.wsgi", "--bind", f"127.0.0.1:{app_port}", "--workers", "2",
                 "--timeout", str(TIMEOUT), "--log-level", "warning"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        wait_for(f"{base}/health/")
        edit_path = [create_conference(base, account)]
        for path in READER_PAGES:  # every page rendered once, and the PDF cached, before the clock starts
            wait_for(base + path, seconds=120)
        print(f"PostgreSQL on port {services.pg_port}, Redis on {services.redis_port}, gunicorn (2 workers) on "
              f"{app_port}; ready after {time.monotonic() - started:.0f} s")  # fmt: skip

        record = Record()
        threads = [threading.Thread(target=reader, args=(record, base, n)) for n in range(options.readers)]
        threads.append(threading.Thread(target=editor, args=(record, base, account, edit_path)))
        phases = []

        def phase(name: str, fault, *, recovery) -> None:
            current = Phase(name, time.monotonic())
            phases.append(current)
            fault()
            current.fault_ended = time.monotonic()
            current.recovered = recovery(current)
            time.sleep(max(0.0, options.observe - (time.monotonic() - current.fault_ended)))
            current.ended = time.monotonic()

        def database_back(current: Phase) -> float | None:
            """Seconds from the fault's end to the first page that reads the database served after it."""
            deadline = current.fault_ended + options.observe
            while time.monotonic() < deadline:
                served = [answer.ended for answer in record.answers if answer.started >= current.fault_ended
                          and answer.status == 200 and answer.path.startswith(READS_DATABASE)]  # fmt: skip
                if served:
                    return min(served) - current.fault_ended
                time.sleep(0.05)
            return None

        def postgresql_down() -> None:
            services.pg_ctl("stop", "-m", "fast")
            time.sleep(options.outage)
            services.pg_ctl("start")

        def redis_down() -> None:
            services.redis_stop()
            time.sleep(options.outage)
            services.redis_start()

        for thread in threads:
            thread.start()
        try:
            phase("baseline", lambda: None, recovery=lambda current: None)
            phase("PostgreSQL restart (-m fast)", lambda: services.pg_ctl("restart", "-m", "fast"),
                  recovery=database_back)  # fmt: skip
            phase(f"PostgreSQL down {options.outage:.0f} s", postgresql_down, recovery=database_back)
            phase(f"Redis down {options.outage:.0f} s", redis_down, recovery=lambda current: caching_resumes(services))
            phases[-1].notes.append("recovered: until the caches read from Redis again (its first key hit)")
        finally:
            record.stop.set()
            for thread in threads:
                thread.join(timeout=TIMEOUT + 5)
        phases[-1].ended = time.monotonic()  # the answers to requests still running at the end count too
        themes = services.saved_themes()
        server_log = log_path.read_text()
        failed = report(phases, record, themes, server_log)
        if failed:
            print(f"\nThe server's log:\n{server_log}")
        kept = sum(f"Set by the faults bench, write {write}" in themes for _, write in record.saved)
        print(f"\n{len(record.answers)} requests in {phases[-1].ended - phases[0].started:.0f} s; "
              f"{len(record.saved)} writes answered as saved, {kept} of them in the database's history; "
              f"{len(record.shown)} public reads of the edited page")  # fmt: skip
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        services.stop()
        shutil.rmtree(folder, ignore_errors=True)
    if failed:
        sys.exit("Failed: " + "; ".join(failed))


if __name__ == "__main__":
    main()
