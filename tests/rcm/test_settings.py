"""Production settings: checked in a fresh process, as a server would start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

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
