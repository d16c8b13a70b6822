"""How fast the PDFs are, measured against WeasyPrint itself in the same run.

    .venv/bin/python bench/pdf.py [--runs 7]

Works on a throwaway SQLite database and PDF cache of its own (it never touches var/), loaded with
the seed and a conference of 100 decisions. It prints, as medians of --runs runs taken in turns so
that a busy machine slows both sides alike:
- the XVII declaration's PDF requested cold (empty cache) through the whole Django stack;
- the same HTML rendered by bare WeasyPrint, with no view, query or cache (the floor), and the ratio;
- the same PDF requested warm (cached), and revalidated with If-None-Match (304);
- the register of 100 decisions requested cold;
- a declaration's PDF requested by its first reader right after a publisher published it, its PDFs rendered
  ahead (rcm/front/prerender.py), against the next request for it: the first should cost what a cached one does.
"""

import argparse
import hashlib
import logging
import os
import statistics
import sys
import tempfile
import threading
import time

from embedded import configure

TARGETS = {"ratio": 1.2, "warm_ms": 20.0, "register_s": 3.0, "first_read_ratio": 1.5}


def _timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="runs per cold measurement (default 7)")
    runs = parser.parse_args().runs

    with tempfile.TemporaryDirectory() as workdir:
        configure(workdir)
        from django.contrib.auth.models import User
        from django.core.cache import caches
        from django.core.management import call_command
        from django.template.loader import render_to_string
        from django.test import Client
        from django.test.utils import setup_test_environment
        from django.urls import reverse

        from declarations.access import SYSTEM, acting_as
        from declarations.models import Conference, Declaration
        from declarations.roles import ensure_roles
        from rcm.front.prerender import THREAD_NAME
        from rcm.front.seed import seed_load
        from rcm.lib.pdf import PDF_VERSION
        from rcm.lib.weasy import render_pdf
        from tests.factories import conference_with_declaration

        setup_test_environment()
        logging.getLogger("rcm.lib.pdf").setLevel(logging.WARNING)  # its per-render line would interleave
        call_command("migrate", verbosity=0)
        seed_load()
        with acting_as(SYSTEM):  # generated data, written as the seed is (declarations.access)
            conference_with_declaration(20, decisions=100)
        client = Client()
        cache = caches["pdf"]
        url = Declaration.objects.get(conference__number=17, language="en").get_pdf_url()
        register_url = reverse("register_pdf", args=[Conference.objects.get(number=20)])

        def view_cold():
            cache.clear()
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        # The exact HTML the view renders, for WeasyPrint alone: re-rendered from the context the test
        # client recorded, and checked against the view's ETag, which is the hash of that HTML.
        response = client.get(url)
        html = render_to_string(response.templates[0].name, response.context[0].flatten(), response.wsgi_request)
        digest = hashlib.sha256(f"{PDF_VERSION}\nhttp://testserver/\n{html}".encode()).hexdigest()
        assert response["ETag"] == f'"{digest}"', "the floor would not render the view's HTML"

        def floor():
            render_pdf(html, "http://testserver/")

        floor()  # warm up fonts and imports on both sides before measuring
        cold, bare = [], []
        for _ in range(runs):
            cold.append(_timed(view_cold))
            bare.append(_timed(floor))

        client.get(url)
        etag = client.get(url)["ETag"]
        warm = [_timed(lambda: client.get(url)) for _ in range(50)]
        not_modified = [_timed(lambda: client.get(url, headers={"If-None-Match": etag})) for _ in range(50)]

        def register_cold():
            cache.clear()
            assert client.get(register_url).status_code == 200

        register = [_timed(register_cold) for _ in range(max(3, runs // 2))]

        publisher = Client()
        publisher.force_login(User.objects.create_user("publisher"))
        User.objects.get(username="publisher").groups.add(ensure_roles()["publisher"])
        first_reads, again = [], []
        for number in range(21, 21 + max(3, runs // 2)):
            with acting_as(SYSTEM):
                draft = conference_with_declaration(number, decisions=30, status="draft")
            published = publisher.post(
                reverse("staff_declaration_publish", args=[draft.pk]), {"revision": draft.revision}
            )
            assert published.status_code == 302, published.status_code
            for thread in threading.enumerate():
                if thread.name == THREAD_NAME:
                    thread.join()
            first_reads.append(_timed(lambda draft=draft: client.get(draft.get_pdf_url())))
            again.append(_timed(lambda draft=draft: client.get(draft.get_pdf_url())))

    cold_s, bare_s = statistics.median(cold), statistics.median(bare)
    ratio = cold_s / bare_s
    warm_ms = statistics.median(warm) * 1000
    register_s = statistics.median(register)
    first_read_ms = statistics.median(first_reads) * 1000
    first_read_ratio = first_read_ms / (statistics.median(again) * 1000)
    met = {
        "ratio": ratio <= TARGETS["ratio"],
        "warm": warm_ms <= TARGETS["warm_ms"],
        "register": register_s <= TARGETS["register_s"],
        "first_read": first_read_ratio <= TARGETS["first_read_ratio"],
    }
    rows = [
        ("XVII declaration, cold, through the view", f"{cold_s * 1000:8.0f} ms", ""),
        ("same HTML, bare WeasyPrint (floor)", f"{bare_s * 1000:8.0f} ms", ""),
        ("overhead ratio view / floor", f"{ratio:8.2f}", _verdict(met["ratio"], "<= 1.2")),
        ("XVII declaration, warm (cached)", f"{warm_ms:8.1f} ms", _verdict(met["warm"], "<= 20 ms")),
        ("XVII declaration, 304 revalidation", f"{statistics.median(not_modified) * 1000:8.1f} ms", ""),
        ("register of 100 decisions, cold", f"{register_s:8.2f} s", _verdict(met["register"], "<= 3 s")),
        ("new declaration, first read after publishing", f"{first_read_ms:8.1f} ms", ""),
        ("  ratio to its next read (cached)", f"{first_read_ratio:8.2f}", _verdict(met["first_read"], "<= 1.5")),
    ]
    print(f"PDF benchmark: median of {runs} cold runs, 50 warm requests; {os.cpu_count()} CPUs")
    for label, value, verdict in rows:
        print(f"  {label:<44} {value}  {verdict}")
    sys.exit(0 if all(met.values()) else 1)


def _verdict(met: bool, target: str) -> str:
    return f"{'met' if met else 'MISSED'} (target {target})"


if __name__ == "__main__":
    main()
