"""The services the production settings name, for tests: Redis (REDIS_URL) and an S3-compatible store
(moto's S3 server on this machine, spoken to over HTTP; its fixtures are in tests/conftest.py), and the
settings rcm/settings.py makes from the environment."""

import importlib.util
import socket
from types import ModuleType

from django.conf import settings as django_settings


def settings_from(monkeypatch, **environment: str) -> ModuleType:
    """rcm/settings.py run again with these variables: what a server started with them would have."""
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("settings_probe", django_settings.BASE_DIR / "rcm" / "settings.py")
    probe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(probe)
    return probe


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# A database of its own on the machine's Redis, which CI runs beside PostgreSQL (.ci/run).
REDIS_URL = "redis://127.0.0.1:6379/15"


def redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True
