"""Production settings: checked in a fresh process, as a server would start."""

import ast
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.services import REDIS_URL, redis_answers

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k" * 20 + "production-like-key-" + "x" * 30,
    "ALLOWED_HOSTS": "rcm.example.org",
}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DEBUG", "SECRET_KEY", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**environment, **env}, capture_output=True, text=True
    )


def test_check_deploy_reports_nothing():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_needs_a_secret_key():
    result = _manage("check", DEBUG="0", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_a_malformed_setting_is_refused():
    result = _manage("check", **{**PRODUCTION, "DEBUG": "maybe"})
    assert "DEBUG must be true or false, not 'maybe'" in result.stderr


@pytest.mark.parametrize("url", ["/", "/conferences/17/"])
def test_production_redirects_to_https(client, settings, url, db):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(url)
    assert response.status_code == 301 and response["Location"].startswith("https://")


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("CONN_MAX_AGE", "abc", "CONN_MAX_AGE must be a whole number, not 'abc'"),
        ("CONN_MAX_AGE", "-1", "CONN_MAX_AGE must be a whole number, not '-1'"),
        ("PDF_CACHE_ENTRIES", "many", "PDF_CACHE_ENTRIES must be a whole number of at least 1, not 'many'"),
        ("PAGE_CACHE_ENTRIES", "0", "PAGE_CACHE_ENTRIES must be a whole number of at least 1, not '0'"),
        ("FRAGMENT_CACHE_ENTRIES", "lots", "FRAGMENT_CACHE_ENTRIES must be a whole number of at least 1, not 'lots'"),
    ],
)
def test_a_malformed_number_is_refused_by_name(name, value, message):
    result = _manage("check", **{**PRODUCTION, name: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_an_unknown_log_level_is_refused_by_name():
    result = _manage("check", **{**PRODUCTION, "LOG_LEVEL": "loud"})
    assert result.returncode != 0
    assert "LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, not 'loud'" in result.stderr


def _variables_read_by_settings() -> set[str]:
    """The names of the environment variables rcm/settings.py reads, from its source."""
    tree = ast.parse((ROOT / "rcm" / "settings.py").read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        function = ast.unparse(node.func)
        reads = function == "os.environ.get" or function.startswith("env")
        if reads and isinstance(node.args[0], ast.Constant):  # not the helpers' own os.environ.get(name)
            names.add(node.args[0].value)
        names.update(keyword.value.value for keyword in node.keywords if keyword.arg == "env")
    return names


def _variables_in_readme() -> set[str]:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## Settings\n")[1].split("\n## ")[0]
    rows = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", row)}


def test_every_variable_the_settings_read_is_documented():
    read = _variables_read_by_settings()
    assert {"DATABASE_URL", "DEBUG", "CONN_MAX_AGE", "EVIDENCE_ROOT", "LOG_LEVEL"} <= read
    assert read - _variables_in_readme() == set()


@pytest.mark.skipif(not os.environ.get("CI") and not redis_answers(), reason="no Redis at 127.0.0.1:6379")
def test_with_redis_every_server_shares_the_cached_pdfs_and_pages():
    """What one server process caches, another reads: two `manage.py shell` processes stand for two servers."""
    key = f"probe-{uuid.uuid4().hex}"
    write = f"[caches[name].set('{key}', name) for name in ('pdf', 'pages')]"
    read = f"print(type(caches['pdf']).__name__, caches['pdf'].get('{key}'), caches['pages'].get('{key}'))"
    for code in (write, read):
        code = f"from django.core.cache import caches; {code}"
        result = _manage("shell", "--no-imports", "-c", code, **PRODUCTION, REDIS_URL=REDIS_URL)
        assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["RedisCache", "pdf", "pages"]


def test_a_redis_url_that_is_not_one_is_refused():
    result = _manage("check", **{**PRODUCTION, "REDIS_URL": "http://127.0.0.1:6379"})
    assert result.returncode != 0
    assert "REDIS_URL must start with redis://, rediss:// or unix://" in result.stderr


def test_an_s3_endpoint_without_a_bucket_is_refused():
    result = _manage("check", **{**PRODUCTION, "EVIDENCE_S3_ENDPOINT_URL": "http://127.0.0.1:9000"})
    assert result.returncode != 0
    assert "EVIDENCE_S3_ENDPOINT_URL is set but EVIDENCE_S3_BUCKET is not" in result.stderr


@pytest.mark.parametrize(("query", "seconds"), [("", "5"), ("?connect_timeout=2", "2")])
def test_a_database_that_does_not_answer_is_waited_for_5_seconds_unless_told(query, seconds):
    code = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS']['connect_timeout'])"
    database = f"postgres://rcm@db.example.org:5432/rcm{query}"
    result = _manage("shell", "--no-imports", "-c", code, **PRODUCTION, DATABASE_URL=database)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == seconds
