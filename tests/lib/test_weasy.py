"""The URL fetcher behind every PDF: this site's static files and data: URLs, nothing else."""

import io
import socket

import pypdf
import pytest

from rcm.lib.weasy import RefusedURL, StaticFilesFetcher, render_pdf

BASE = "https://rcm.example.org/"


@pytest.fixture
def listener():
    """A TCP port on this machine that counts the connections made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.setblocking(False)
    yield server

    server.close()


def _connections(server: socket.socket) -> int:
    count = 0
    while True:
        try:
            connection, _ = server.accept()
        except BlockingIOError:
            return count
        connection.close()
        count += 1


class TestFetcher:
    def test_it_serves_the_projects_static_files(self):
        response = StaticFilesFetcher(BASE).fetch(f"{BASE}static/css/fonts.css")
        assert response.content_type == "text/css"
        assert b"Source Serif 4" in response.read()

    def test_it_serves_data_urls(self):
        assert StaticFilesFetcher(BASE).fetch("data:text/plain,hello").read() == b"hello"

    @pytest.mark.parametrize(
        "url",
        [
            "file:///etc/passwd",
            "http://127.0.0.1:9/",
            "https://other.example.org/static/css/fonts.css",  # another host
            "http://rcm.example.org/static/css/fonts.css",  # another scheme
            "https://rcm.example.org/admin/",  # not a static file
            "https://rcm.example.org/static/../rcm/settings.py",
            "https://rcm.example.org/static/%2e%2e/rcm/settings.py",
            "https://rcm.example.org/static//etc/passwd",
            "https://rcm.example.org/static/css/missing.css",
            "ftp://rcm.example.org/static/css/fonts.css",
        ],
    )
    def test_it_refuses_everything_else(self, url):
        with pytest.raises(RefusedURL):
            StaticFilesFetcher(BASE).fetch(url)

    def test_it_refuses_without_connecting(self, listener):
        port = listener.getsockname()[1]
        with pytest.raises(RefusedURL):
            StaticFilesFetcher(f"http://127.0.0.1:{port}/").fetch(f"http://127.0.0.1:{port}/admin/")
        assert _connections(listener) == 0


def test_a_hostile_document_reads_no_file_and_makes_no_request(listener):
    port = listener.getsockname()[1]
    html = f"""<!DOCTYPE html><html lang="en"><head><title>Hostile</title>
      <link rel="stylesheet" href="http://127.0.0.1:{port}/style.css">
      <link rel="attachment" href="file:///etc/passwd">
      </head><body><p>Text</p>
      <img src="file:///etc/passwd"><img src="http://127.0.0.1:{port}/image.png">
      <object data="file:///etc/passwd"></object>
      <a rel="attachment" href="file:///etc/hostname">hostname</a></body></html>"""
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(html, BASE)))
    assert _connections(listener) == 0
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
    everything = b"".join(page.get_contents().get_data() for page in reader.pages)
    assert b"root:x:0:0" not in everything


def test_a_decision_text_cannot_reach_out_through_the_pdf(client, seeded, listener):
    from decisions.models import Decision

    port = listener.getsockname()[1]
    hostile = f'<img src="file:///etc/passwd"><img src="http://127.0.0.1:{port}/"><link rel="attachment" href="x">'
    Decision.objects.filter(conference__number=17, number=1).update(text_en=hostile)
    response = client.get("/conferences/17/declaration.pdf")
    content = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    assert '<img src="file:///etc/passwd">' in " ".join(content.split())  # shown as text, not fetched
    assert _connections(listener) == 0
