"""Django set up for a benchmark in a throwaway folder: its own SQLite database and caches, production settings."""

import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def configure(workdir: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="rcm.settings",
        DATABASE_URL=f"sqlite:///{workdir}/bench.sqlite3",
        PAGE_CACHE_DIR=f"{workdir}/page-cache",
        PDF_CACHE_DIR=f"{workdir}/pdf-cache",
        SECRET_KEY=secrets.token_urlsafe(40),
        DEBUG="0",
        HTTPS="0",
        ALLOWED_HOSTS="testserver",
        LOG_LEVEL="ERROR",
    )
    import django

    django.setup()
