"""The restore drill: back up, wipe, restore, and check that readers get exactly what they got before.

    .venv/bin/python bench/restore_drill.py                  # SQLite, in a temporary folder
    .venv/bin/python bench/restore_drill.py --postgresql postgres://postgres@127.0.0.1:5432/rcm_drill
    .venv/bin/python bench/restore_drill.py ... --s3         # the evidence in a bucket of moto's S3 server

It loads a database of its own (PostgreSQL: the one named, which is dropped and created, so its name
must contain "drill") with the seed, synthetic conferences, and evidence documents attached to
follow-up actions. It then records what readers and scripts get: every declaration's JSON (each
language), the decisions and paragraphs exports (CSV and JSON), each conference's follow-up matrix
(CSV), every evidence document downloaded and as the evidence storage holds it (sha256), and every
table's rows (count and digest). It runs `manage.py backup`, wipes the database (dropped, or its file
deleted), the evidence (the folder deleted, or the bucket emptied) and the caches, runs `manage.py
restore`, records again, compares, and saves a new action with a document on the restored site.
It prints each step's time and what it compared, and exits non-zero on any difference.
"""

import argparse
import hashlib
import logging
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC = {"conferences": 20, "decisions": 25, "paragraphs": 8}
# Sizes of the evidence documents attached: small ones, and one past Django's 2.5 MB in-memory limit.
EVIDENCE_SIZES = [2_000, 40_000, 300_000, 1_000_000, 3_000_000, 5_000, 60_000, 9_000]
# What _record compares, as it names each kind and as the summary counts them.
KINDS = {
    "declaration JSON": "declarations' JSON",
    "export": "exports",
    "follow-up matrix": "follow-up matrices",
    "evidence download": "evidence downloads",
    "evidence file": "evidence files in the storage",
    "table": "tables",
}


def _step(label: str, started: float) -> float:
    now = time.perf_counter()
    print(f"  {label:<74} {now - started:6.1f} s", flush=True)
    return now


def _manage(*args: str) -> None:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    print("    " + result.stdout.strip().replace("\n", "\n    "))


def _configure(workdir: Path, postgresql: str | None) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="rcm.settings",
        DATABASE_URL=postgresql or f"sqlite:///{workdir}/drill.sqlite3",
        EVIDENCE_ROOT=str(workdir / "evidence"),
        PAGE_CACHE_DIR=str(workdir / "cache" / "pages"),
        PDF_CACHE_DIR=str(workdir / "cache" / "pdf"),
        SECRET_KEY=secrets.token_urlsafe(40),
        DEBUG="0",
        HTTPS="0",
        ALLOWED_HOSTS="testserver",
        LOG_LEVEL="ERROR",
    )


def _postgresql_server(url: str):
    """A connection to the server's maintenance database, and the drill's database name."""
    import dj_database_url
    import psycopg2

    parsed = dj_database_url.parse(url)
    name = parsed["NAME"]
    if "drill" not in name:
        sys.exit(f"The drill drops and creates its database: name one whose name says drill, not {name!r}.")
    server = psycopg2.connect(
        dbname="postgres", user=parsed["USER"], password=parsed["PASSWORD"], host=parsed["HOST"], port=parsed["PORT"]
    )
    server.autocommit = True
    return server, name


def _recreate(server, name: str) -> None:
    with server.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')


def _start_s3():
    """moto's S3 server on a free port of this machine, and a new bucket as the evidence storage."""
    import boto3
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # a line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    bucket = f"drill-{uuid.uuid4().hex[:12]}"
    os.environ.update(
        AWS_ACCESS_KEY_ID="drill",
        AWS_SECRET_ACCESS_KEY="drill",
        EVIDENCE_S3_BUCKET=bucket,
        EVIDENCE_S3_ENDPOINT_URL=f"http://{host}:{port}",
        EVIDENCE_S3_REGION="us-east-1",
    )
    boto3.client("s3", endpoint_url=f"http://{host}:{port}", region_name="us-east-1").create_bucket(Bucket=bucket)
    return server


def _pdf(size: int, label: str) -> bytes:
    head = f"%PDF-1.4\n% evidence {label}\n".encode()
    return head + secrets.token_bytes(max(size - len(head) - 6, 0)) + b"\n%%EOF"


def _load() -> str:
    """The seed, synthetic conferences and evidence; returns what was loaded, in words."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    from decisions.models import Decision
    from declarations.access import SYSTEM, acting_as
    from followup.models import FollowUpAction
    from followup.services import action_add
    from rcm.front.seed import seed_load

    call_command("migrate", verbosity=0)
    seed_load()
    with open(os.devnull, "w") as quiet:  # its summary and progress bar
        call_command("generate_synthetic", **SYNTHETIC, stdout=quiet, stderr=quiet)
    decisions = list(Decision.objects.order_by("pk")[: len(EVIDENCE_SIZES)])
    with acting_as(SYSTEM):
        for number, (decision, size) in enumerate(zip(decisions, EVIDENCE_SIZES, strict=True), start=1):
            action = FollowUpAction(
                decision=decision, date="2013-05-01", description=f"Report {number}", done_by="Technical Secretariat"
            )
            action_add(action=action, upload=SimpleUploadedFile(f"Report {number}.pdf", _pdf(size, str(number))))
    return (
        f"the seed, {SYNTHETIC['conferences']} synthetic conferences of {SYNTHETIC['decisions']} decisions, "
        f"{len(EVIDENCE_SIZES)} evidence documents ({sum(EVIDENCE_SIZES) / 1024 / 1024:.1f} MB)"
    )


def _record(client) -> dict[str, str]:
    """What readers and scripts get, and what the database and the storage hold: {what: digest}."""
    from django.apps import apps
    from django.urls import reverse

    from declarations.models import Conference, Declaration
    from followup.models import FollowUpAction
    from rcm.front.backups import evidence_names, evidence_sha256, evidence_storage

    record: dict[str, str] = {}

    def fetch(kind: str, url: str) -> None:
        response = client.get(url)
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        record[f"{kind} {url}"] = hashlib.sha256(body).hexdigest()

    for declaration in Declaration.objects.order_by("pk"):
        fetch("declaration JSON", declaration.get_json_url())
    for name in ("decision_list_csv", "decision_list_json", "paragraph_list_csv", "paragraph_list_json"):
        fetch("export", reverse(name))
    for conference in Conference.objects.filter(decisions__isnull=False).distinct().order_by("pk"):
        fetch("follow-up matrix", reverse("implementation_csv", args=[conference]))
    for action in FollowUpAction.objects.exclude(evidence_file="").order_by("pk"):
        fetch("evidence download", action.get_evidence_url())
    storage = evidence_storage()
    for name in evidence_names(storage):
        record[f"evidence file {name}"] = evidence_sha256(storage, name)
    for model in apps.get_models(include_auto_created=True):
        rows = list(model.objects.order_by("pk").values_list())
        digest = hashlib.sha256(repr(rows).encode()).hexdigest()
        record[f"table {model._meta.db_table}"] = f"{len(rows)} rows {digest}"
    return record


def _summary(record: dict[str, str]) -> str:
    counts = {kind: sum(key.startswith(f"{kind} ") for key in record) for kind in KINDS}
    rows = sum(int(value.split()[0]) for key, value in record.items() if key.startswith("table "))
    return ", ".join(f"{counts[kind]} {plural}" for kind, plural in KINDS.items()) + f" ({rows} rows)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgresql", metavar="URL", help="a PostgreSQL database for the drill (dropped, created)")
    parser.add_argument("--s3", action="store_true", help="keep the evidence in a bucket of moto's S3 server")
    options = parser.parse_args()
    began = time.perf_counter()

    with tempfile.TemporaryDirectory(prefix="rcm-drill-") as folder:
        workdir = Path(folder)
        _configure(workdir, options.postgresql)
        server = name = s3 = None
        if options.postgresql:
            server, name = _postgresql_server(options.postgresql)
            _recreate(server, name)
        if options.s3:
            s3 = _start_s3()
        evidence = "a bucket of moto's S3 server" if s3 else "a folder"
        print(f"Restore drill on {'PostgreSQL' if server else 'SQLite'}, the evidence in {evidence}", flush=True)
        import django

        # Production settings without `collectstatic`: WhiteNoise warns of it; the drill reads no static file.
        warnings.filterwarnings("ignore", "No directory at", UserWarning)
        django.setup()
        from django.contrib.auth import get_user_model
        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.db import connections
        from django.test import Client

        from decisions.models import Decision
        from declarations.access import SYSTEM, acting_as
        from followup.models import FollowUpAction
        from followup.services import action_add
        from rcm.front.backups import evidence_names, evidence_storage

        try:
            started = time.perf_counter()
            loaded = _load()
            started = _step(f"load: {loaded}", started)
            client = Client()
            # A superuser reads drafts too; the session, in the database, is restored with it.
            client.force_login(get_user_model().objects.create_superuser("drill", password=secrets.token_hex()))
            before = _record(client)
            started = _step(f"record: {_summary(before)}", started)

            archive = workdir / "backup.tar"
            connections.close_all()
            _manage("backup", str(archive))
            started = _step(f"backup: an archive of {archive.stat().st_size / 1024 / 1024:.1f} MB", started)

            if server:
                _recreate(server, name)
            else:
                (workdir / "drill.sqlite3").unlink()
            if s3:
                storage = evidence_storage()
                for key in evidence_names(storage):
                    storage.delete(key)
            else:
                shutil.rmtree(workdir / "evidence")
            shutil.rmtree(workdir / "cache", ignore_errors=True)
            started = _step("wipe: the database, the evidence and the caches", started)

            _manage("restore", str(archive))
            started = _step("restore", started)

            after = _record(client)
            started = _step("record again", started)
            differ = sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))
            for key in differ[:20]:
                print(f"    DIFFERS: {key}: {before.get(key, 'absent')} before, {after.get(key, 'absent')} after")
            print(f"  compared {len(before)} items: {len(differ) or 'none'} differ")

            document = _pdf(4_000, "after")
            with acting_as(SYSTEM):
                action = FollowUpAction(
                    decision=Decision.objects.order_by("pk").first(),
                    date="2013-06-01",
                    description="Written after the restore",
                    done_by="Technical Secretariat",
                )
                action_add(action=action, upload=SimpleUploadedFile("After.pdf", document))
            written = b"".join(client.get(action.get_evidence_url()).streaming_content) == document
            print(f"  a new action with a document on the restored site: {'saved and served' if written else 'FAILED'}")
            print(f"Total {time.perf_counter() - began:.1f} s", flush=True)
            if differ or not written:
                sys.exit(1)
        finally:
            connections.close_all()
            if server:
                with server.cursor() as cursor:
                    cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                server.close()
            if s3:
                s3.stop()


if __name__ == "__main__":
    main()
