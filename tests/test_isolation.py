"""The tests write nothing into the checkout's var/ (caches, evidence): a run must not change the site's files."""

import os
from pathlib import Path

from django.conf import settings

FOLDER_VARIABLES = ["PDF_CACHE_DIR", "PAGE_CACHE_DIR", "EVIDENCE_ROOT"]


def _outside_var(folder: str) -> bool:
    return not Path(folder).resolve().is_relative_to(settings.BASE_DIR / "var")


def test_the_pdf_cache_and_the_evidence_are_a_folder_of_the_test_session():
    assert _outside_var(settings.CACHES["pdf"]["LOCATION"])
    assert _outside_var(settings.EVIDENCE_ROOT)


def test_processes_that_tests_start_get_folders_of_the_test_session_too():
    # rcm/settings.py reads these; a server or `manage.py check` started by a test creates its caches' folders.
    assert all(_outside_var(os.environ.get(name, str(settings.BASE_DIR / "var"))) for name in FOLDER_VARIABLES)
