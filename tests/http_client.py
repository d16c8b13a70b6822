"""A plain HTTP client for running servers, as a browser without JavaScript uses the site: cookies, and
forms read from the page with their CSRF token and revision, then posted back.

For the tests and benchmarks that drive real gunicorn servers (tests/test_scale_out.py, bench/soak.py),
where Django's test client, which calls the views in its own process, would prove nothing.
"""

import secrets
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookiejar import CookieJar


@dataclass
class Response:
    status: int
    headers: dict[str, str] = field(repr=False)
    body: bytes = field(repr=False)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer to look at (a save that worked answers 302), not one to follow."""

    def redirect_request(self, *args, **kwargs) -> None:
        return None


class WebClient:
    """One visitor: the cookies it is given are sent back to every server on the same host, so a session
    opened through one server is presented to the other, as behind a load balancer."""

    def __init__(self, timeout: float = 30) -> None:
        self.cookies = CookieJar()
        self.timeout = timeout
        self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirects)

    def request(self, url: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> Response:
        request = urllib.request.Request(url, data, headers or {})  # noqa: S310 (the servers under test)
        try:
            with self._opener.open(request, timeout=self.timeout) as answer:
                return Response(answer.status, dict(answer.headers), answer.read())
        except urllib.error.HTTPError as error:  # 3xx, 4xx and 5xx: answers too
            with error:
                return Response(error.code, dict(error.headers), error.read())

    def get(self, url: str) -> Response:
        return self.request(url)

    def post(self, url: str, fields: dict[str, list[str]], files: dict[str, tuple[str, bytes]] | None = None):
        """POST `fields` (name -> values, as `form()` reads them) and `files` (name -> file name, content),
        as multipart/form-data, as a browser posts a form that has a file field."""
        boundary = secrets.token_hex(16)
        parts = []
        for name, values in fields.items():
            for value in values:
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
                )
        for name, (filename, content) in (files or {}).items():
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            )
            parts.append(head.encode() + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request(url, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})

    def sign_in(self, base: str, username: str, password: str) -> Response:
        """Fill in and post the sign-in form at `base`: 302 when signed in."""
        fields = form(self.get(f"{base}/accounts/login/").text, "username")
        fields.update(username=[username], password=[password])
        return self.post(f"{base}/accounts/login/", fields)


def form(html: str, containing: str) -> dict[str, list[str]]:
    """The values the first form of `html` with a field named `containing` would post as it stands:
    hidden fields (the CSRF token, the revision), texts, checked boxes and chosen options."""
    reader = _FormReader()
    reader.feed(html)
    reader.close()
    for fields in reader.forms:
        if containing in fields.names:
            return fields.values
    raise LookupError(f"no form on the page has a field named {containing!r}")


@dataclass
class _Form:
    names: set[str] = field(default_factory=set)
    values: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, value: str | None) -> None:
        self.names.add(name)
        if value is not None:
            self.values.setdefault(name, []).append(value)


class _FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[_Form] = []
        self._text: tuple[str, list[str]] | None = None  # the textarea being read: its name, its text
        self._select: tuple[str, list[str], list[str], bool] | None = None  # name, chosen, options, multiple

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.forms.append(_Form())
        if not self.forms or (tag in ("input", "textarea", "select") and "name" not in attributes):
            return
        if "disabled" in attributes and tag in ("input", "textarea", "select"):
            attributes["type"] = "button"  # known to the form, but not posted
            tag = "input"
        current, name = self.forms[-1], attributes.get("name", "")
        if tag == "input":
            kind = attributes.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                current.add(name, None)
            elif kind in ("checkbox", "radio"):
                current.add(name, attributes.get("value", "on") if "checked" in attributes else None)
            else:
                current.add(name, attributes.get("value", ""))
        elif tag == "textarea":
            self._text = (name, [])
        elif tag == "select":
            self._select = (name, [], [], "multiple" in attributes)
        elif tag == "option" and self._select:
            value = attributes.get("value", "")
            self._select[2].append(value)
            if "selected" in attributes:
                self._select[1].append(value)

    def handle_data(self, data: str) -> None:
        if self._text:
            self._text[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._text:
            name, text = self._text
            # A browser drops the one line break that may follow <textarea>, as Django writes it.
            self.forms[-1].add(name, "".join(text).removeprefix("\r\n").removeprefix("\n"))
            self._text = None
        elif tag == "select" and self._select:
            name, chosen, options, multiple = self._select
            # With nothing chosen, a list of one choice posts its first option, as a browser does.
            for value in chosen or ([] if multiple else options[:1]):
                self.forms[-1].add(name, value)
            self._select = None
