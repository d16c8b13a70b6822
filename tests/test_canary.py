"""The canary: no word of a draft is ever served, and a circulated word only to delegates where they may read it.

Every text field of every record inside a draft carries DRAFTCANARY (a draft conference's declaration,
paragraphs, decisions, mandates, status changes and follow-up actions, and the draft translation of a
conference whose text in the other language is published); inside a circulated text, CIRCULATEDCANARY.
Then every URL pattern the resolver knows is requested with every argument the data offers, following
pagination, with the filters and with the markers as search words, as an anonymous reader, a signed-in
reader without a role and a delegate (the first and the last in English and in Spanish, since pages choose
which text to show by the reader's language), and every response is read as its reader would read it (PDF text
with pypdf, the XML inside an XLSX). A marker must not be shown, nor find anything when searched for,
where its reader may not read it. A URL pattern added without a line in CRAWLED (or STAFF) fails
test_every_url_is_crawled; a model holding text that is neither marked nor public by design fails
test_every_text_model_is_a_text_or_a_public_record.
"""

import datetime
import functools
import io
import itertools
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html import unescape

import pypdf
import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import models
from django.http import FileResponse
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from decisions.models import Decision, Link, Mention, Topic
from declarations.models import Conference, Declaration, Language, OutcomeDocument, Paragraph, Participation
from followup.models import FollowUpAction, Mandate, StatusChange
from followup.services import mandates_follow
from rcm.base.models import Body, Country, ExternalDocument, Organization
from rcm.lib.pagecache import WATCHED_APPS
from tests.factories import conference_with_declaration, planned_conference, reference_records

DRAFT = "DRAFTCANARY"
CIRCULATED = "CIRCULATEDCANARY"

# The records a text is made of: inside a draft, each of their text fields carries the marker.
TEXT_MODELS = [Declaration, Paragraph, Decision, Mandate, StatusChange, FollowUpAction]
# Public by design (README: "Conference records themselves are public, planned ones included: only
# texts have drafts"), and the reference records that texts name: no marker goes there.
PUBLIC_MODELS = [Conference, Participation, Topic, Country, Organization, Body, ExternalDocument]
LANGUAGES = Language.values


def _text_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        f for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField) and not f.choices
    ]


def _mark(instance: models.Model, marker: str, only: list[str] | None = None, skip: tuple[str, ...] = ()) -> None:
    """Put `marker` in every text field of `instance` (or only in the fields named)."""
    for f in _text_fields(type(instance)):
        if (only is not None and f.name not in only) or f.name in skip:
            continue
        if isinstance(f, models.URLField):
            value = f"https://example.org/{marker}"
        else:
            value = f"{marker} {getattr(instance, f.attname)}".strip()
        setattr(instance, f.attname, value[: f.max_length] if f.max_length else value)
    instance.save()


def _mark_text(declaration: Declaration, marker: str) -> None:
    """The text, its paragraphs, and its language's text of each decision of its document."""
    _mark(declaration, marker)
    for paragraph in declaration.paragraphs.all():
        _mark(paragraph, marker)
    for decision in Decision.objects.filter(outcome=declaration.outcome):
        _mark(decision, marker, only=[f"text_{declaration.language}"])


def _mark_decision(decision: Decision, marker: str, language: str | None = None) -> None:
    """A decision that is wholly inside a text of this status (in one `language` only, or in all of them),
    with everything done about it."""
    _mark(decision, marker, skip=tuple(f"text_{other}" for other in LANGUAGES if language not in (None, other)))
    mandates = Mandate.objects.filter(mention__decision=decision)
    for related in (*mandates, *decision.status_changes.all(), *decision.actions.all()):
        _mark(related, marker)


def _follow_up(decision: Decision, words: str) -> None:
    """A mandate, a status change and a follow-up action with an evidence document, saying `words`."""
    body = Body.objects.get(slug="technical-secretariat")
    mention, _ = Mention.objects.update_or_create(decision=decision, body=body, defaults={"role": "mandated"})
    mandates_follow(decision=decision)
    mandate = Mandate.objects.get(mention=mention)
    mandate.task = words
    mandate.save()
    StatusChange.objects.create(
        decision=decision, mandate=mandate, status="in_progress", date=datetime.date(2013, 1, 2), reason=words
    )
    action = FollowUpAction(
        decision=decision, mandate=mandate, date=datetime.date(2013, 2, 3), description=words, done_by="Secretariat"
    )
    action.evidence_name = "minutes.pdf"
    action.evidence_file.save("minutes.pdf", ContentFile(f"%PDF-1.4\n{words}\n%%EOF\n".encode()), save=False)
    action.save()


# Conferences with a text published in one language and the other not: (number, published language,
# marker of the other language's text, its status). The fourth decision is only in the other language.
TRANSLATED = [(20, "en", DRAFT, "draft"), (23, "en", CIRCULATED, "circulated"), (25, "es", DRAFT, "draft")]


@pytest.fixture
def world(empty_db, settings, tmp_path, monkeypatch):
    """Conferences around published ones in every state a text can be in.

    XX: English published, Spanish a draft. XXIII: English published, Spanish circulated. XXV: Spanish
    published, English a draft. XXI: a draft, XXII circulated, each linked to and from XX. XXIV: planned.
    XXVI: three documents, its declaration and a joint communiqué published (the communiqué in both
    languages), an extraordinary declaration a draft. Every decision has a mandate, a status change and
    an action with evidence.
    """
    settings.EVIDENCE_ROOT = str(tmp_path / "evidence")
    # In memory, and shared by this module's tests: the same HTML makes the same PDF for every reader.
    settings.CACHES = {
        **settings.CACHES,
        "pdf": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "canary-pdf"},
    }
    # Small pages, so that every list has several and the crawl follows them.
    monkeypatch.setattr("decisions.views.DECISIONS_PER_PAGE", 4)
    monkeypatch.setattr("declarations.views.PARAGRAPHS_PER_PAGE", 4)
    monkeypatch.setattr("decisions.search.CONFERENCES_PER_PAGE", 1)

    reference_records()
    for number, published, _, status in TRANSLATED:
        other = "es" if published == "en" else "en"
        conference_with_declaration(number, decisions=3, language=published, title=f"Conference {number}")
        conference_with_declaration(number, decisions=4, status="draft", language=other, title=f"Conference {number}")
        Declaration.objects.filter(conference__number=number, language=other).update(status=status)
    for number, status in ((21, "draft"), (22, "circulated")):
        conference_with_declaration(number, decisions=2, status="draft")
        Declaration.objects.filter(conference__number=number).update(status=status)
    planned_conference(24, 2030)
    conference_with_declaration(26, decisions=2, title="Conference 26")
    conference_with_declaration(26, decisions=3, kind="joint_communique", title="Joint communiqué of conference 26")
    conference_with_declaration(26, decisions=3, kind="joint_communique", language="es", title="Comunicado 26")
    extraordinary = conference_with_declaration(
        26, decisions=2, status="draft", kind="extraordinary_declaration", title="Extraordinary declaration 26"
    )
    for decision in Decision.objects.all():
        _follow_up(decision, f"Follow-up of decision {decision.number}")

    for number, marker in ((21, DRAFT), (22, CIRCULATED)):
        _mark_text(Declaration.objects.get(conference__number=number), marker)
        for decision in Decision.objects.filter(conference__number=number):
            _mark_decision(decision, marker)
    _mark_text(extraordinary, DRAFT)
    for decision in extraordinary.outcome.decisions.all():
        _mark_decision(decision, DRAFT)
    for number, published, marker, _ in TRANSLATED:
        other = Declaration.objects.exclude(language=published).get(conference__number=number)
        _mark_text(other, marker)
        _mark_decision(Decision.objects.get(conference__number=number, number=4), marker, language=other.language)

    # Links both ways between what is published and what is not, and one topic on everything.
    decisions = {
        (d.conference.number, d.number): d
        for d in Decision.objects.filter(outcome__position=1).select_related("conference")
    }
    for source, kind, target in (
        ((21, 1), "follows_up_on", (20, 1)),
        ((20, 2), "recalls", (21, 2)),
        ((22, 1), "supersedes", (20, 1)),
        ((20, 3), "follows_up_on", (22, 2)),
        ((20, 2), "renews", (20, 4)),
        ((20, 4), "follows_up_on", (20, 1)),
        ((23, 1), "follows_up_on", (23, 4)),
        ((23, 4), "follows_up_on", (20, 3)),
        ((20, 3), "follows_up_on", (20, 1)),
        ((20, 1), "follows_up_on", (25, 1)),
        ((25, 2), "follows_up_on", (20, 2)),
    ):
        Link.objects.create(source=decisions[source], kind=kind, target_decision=decisions[target])
    for number in (20, 21, 22, 23, 25):
        conference = Conference.objects.get(kind="ordinary", number=number)
        Link.objects.create(source=decisions[(number, 1)], kind="refers_to", target_conference=conference)
    Topic.objects.create(slug="canary-topic", name_en="Canary", name_es="Canario").decisions.set(decisions.values())


# The argument sets of each URL pattern, from the data ---------------------------------------------------


def _none() -> list[dict]:
    return [{}]


def _conferences() -> list[dict]:
    return [{"key": conference} for conference in Conference.objects.select_related("body")]


def _documents() -> list[dict]:
    outcomes = OutcomeDocument.objects.select_related("conference__body")
    return [{"key": outcome.conference, "document": outcome.slug} for outcome in outcomes]


def _document_languages() -> list[dict]:
    return [{**document, "language": language} for document in _documents() for language in LANGUAGES]


def _decisions() -> list[dict]:
    decisions = Decision.objects.filter(outcome__position=1).select_related("conference__body")
    return [{"key": d.conference, "number": d.number} for d in decisions]


def _items() -> list[dict]:
    """The items of documents other than their meeting's principal one (decisions of it are _decisions)."""
    items = Decision.objects.exclude(outcome__position=1).select_related("conference__body", "outcome")
    return [{"key": d.conference, "document": d.outcome.slug, "number": d.number} for d in items]


def _evidence() -> list[dict]:
    actions = FollowUpAction.objects.filter(decision__outcome__position=1)
    return [
        {"key": a.decision.conference, "number": a.decision.number, "action_id": a.pk}
        for a in actions.select_related("decision__conference__body")
    ]


def _item_evidence() -> list[dict]:
    actions = FollowUpAction.objects.exclude(decision__outcome__position=1)
    return [
        {
            "key": a.decision.conference,
            "document": a.decision.outcome.slug,
            "number": a.decision.number,
            "action_id": a.pk,
        }
        for a in actions.select_related("decision__conference__body", "decision__outcome")
    ]


def _states() -> list[dict]:
    return [{"code": code} for code in Country.objects.values_list("code", flat=True)]


def _organizations() -> list[dict]:
    return [{"acronym": acronym} for acronym in Organization.objects.values_list("acronym", flat=True)]


def _slugs(model: type[models.Model]) -> Callable[[], list[dict]]:
    return lambda: [{"slug": slug} for slug in model.objects.values_list("slug", flat=True)]


# The markers are searched for in lower case: a page repeats the words asked for (in its search box, a
# feed in its title), and only the texts' upper-case marker counts.
SEARCH_WORDS = [f"q={DRAFT.lower()}", f"q={CIRCULATED.lower()}", "q=decide", "q=item", "q=conference"]
DECISION_FILTERS = [
    "", *SEARCH_WORDS, "sort=citation", "state=PA", "state=PA&role=mandated", "organization=UNHCR",
    "body=technical-secretariat", "topic=canary-topic", "linked=follows_up_on", "linked=recalls",
    "linked=supersedes", "linked=renews", "status=pending", "conference_from=20&conference_to=25", "year_from=2020",
    f"q={DRAFT.lower()}&sort=citation", f"q={CIRCULATED.lower()}&sort=citation",
]  # fmt: skip
PARAGRAPH_FILTERS = ["", *SEARCH_WORDS, "language=es", "language=en", "sort=citation", "q=recognized&language=es"]


@dataclass
class Crawl:
    arguments: Callable[[], list[dict]]
    queries: list[str] = field(default_factory=lambda: [""])
    # Lists, search, exports and feeds show only what is published, to everyone (README).
    published_only: bool = False
    expected: int = 200  # what the pattern answers at least once (logging out is a POST)


CRAWLED: dict[str, Crawl] = {
    "home": Crawl(_none),
    "conference_list": Crawl(_none),
    "meeting_list": Crawl(_none, ["", "body=vice-ministerial", "body=technical-secretariat"]),
    "circulated_list": Crawl(_none),
    "conference_detail": Crawl(_conferences),
    "declaration_detail": Crawl(_documents),
    "declaration_detail_language": Crawl(_document_languages),
    "declaration_json": Crawl(_documents),
    "declaration_json_language": Crawl(_document_languages),
    "declaration_pdf": Crawl(_documents),
    "declaration_pdf_language": Crawl(_document_languages),
    "declaration_side_by_side": Crawl(_documents),
    "declaration_side_by_side_pdf": Crawl(_documents),
    "briefing_pdf": Crawl(_conferences),
    "register_pdf": Crawl(_conferences),
    "decision_detail": Crawl(_decisions),
    "item_detail": Crawl(_items),
    "implementation_overview": Crawl(_none),
    "implementation_report": Crawl(_conferences),
    "implementation_csv": Crawl(_conferences),
    "implementation_xlsx": Crawl(_conferences),
    "evidence": Crawl(_evidence),
    "item_evidence": Crawl(_item_evidence),
    "state_list": Crawl(_none),
    "state_detail": Crawl(_states),
    "organization_list": Crawl(_none),
    "organization_detail": Crawl(_organizations),
    "body_list": Crawl(_none),
    "body_detail": Crawl(_slugs(Body)),
    "document_detail": Crawl(_slugs(ExternalDocument)),
    "decision_list": Crawl(_none, DECISION_FILTERS, published_only=True),
    "decision_list_csv": Crawl(_none, DECISION_FILTERS, published_only=True),
    "decision_list_json": Crawl(_none, DECISION_FILTERS, published_only=True),
    "decision_feed": Crawl(_none, DECISION_FILTERS, published_only=True),
    "paragraph_list": Crawl(_none, PARAGRAPH_FILTERS, published_only=True),
    "paragraph_list_csv": Crawl(_none, PARAGRAPH_FILTERS, published_only=True),
    "paragraph_list_json": Crawl(_none, PARAGRAPH_FILTERS, published_only=True),
    "search": Crawl(_none, ["", *SEARCH_WORDS, "q=decide+OR+recognized", "q=conferencia"], published_only=True),
    "declaration_feed": Crawl(_none, published_only=True),
    "topic_list": Crawl(_none, published_only=True),
    "topic_detail": Crawl(_slugs(Topic), published_only=True),
    "health": Crawl(_none),
    "ready": Crawl(_none),
    "set_language": Crawl(_none, expected=302),  # the language switch sends the reader back
    "login": Crawl(_none),
    "logout": Crawl(_none, expected=405),
    "password_change": Crawl(_none),
    "password_change_done": Crawl(_none),
}


def _staff(model: type[models.Model], argument: str = "pk") -> Callable[[], list[dict]]:
    """Every record of `model` inside a draft or a circulated text, or any if it has none there."""
    inside = {
        Conference: {"number__in": [21, 22]},
        Declaration: {"status__in": ["draft", "circulated"]},
        Decision: {"conference__number__in": [21, 22]},
        Link: {"source__conference__number__in": [21, 22]},
        Mandate: {"mention__decision__conference__number__in": [21, 22]},
    }.get(model, {})
    return lambda: [{argument: pk} for pk in model.objects.filter(**inside).values_list("pk", flat=True)]


def _history() -> list[dict]:
    decision = Decision.objects.get(conference__number=21, number=1)
    return [{"kind": "decision", "pk": decision.pk}]


def _history_restore() -> list[dict]:
    decision = Decision.objects.get(conference__number=21, number=1)
    return [{"kind": "decision", "pk": decision.pk, "history_id": h.history_id} for h in decision.history.all()]


def _responsible() -> list[dict]:
    return [{"kind": "body", "pk": Body.objects.get(slug="technical-secretariat").pk}]


# Staff screens: they answer anonymous users with a redirect to sign in and accounts without the
# editor's role with 403, so their content is not crawled (tests/front/test_staff_permissions.py).
STAFF: dict[str, Callable[[], list[dict]]] = {
    "staff_dashboard": _none,
    "staff_conference_list": _none,
    "staff_conference_new": _none,
    "staff_conference_edit": _staff(Conference),
    "staff_import": _none,
    "staff_declaration_new": _staff(Conference),
    "staff_decision_new": _staff(Conference, "conference_pk"),
    "staff_declaration_edit": _staff(Declaration),
    "staff_declaration_circulate": _staff(Declaration),
    "staff_declaration_publish": _staff(Declaration),
    "staff_declaration_unpublish": _staff(Declaration),
    "staff_decision_edit": _staff(Decision),
    "staff_link_new": _staff(Decision),
    "staff_link_delete": _staff(Link),
    "staff_followup": _none,
    "staff_responsible": _responsible,
    "staff_decision_followup": _staff(Decision),
    "staff_mandate_edit": _staff(Mandate),
    "staff_history": _history,
    "staff_history_restore": _history_restore,
    "staff_state_list": _none,
    "staff_state_new": _none,
    "staff_state_edit": _staff(Country),
    "staff_organization_list": _none,
    "staff_organization_new": _none,
    "staff_organization_edit": _staff(Organization),
    "staff_body_list": _none,
    "staff_body_new": _none,
    "staff_body_edit": _staff(Body),
    "staff_translations": _none,
    "staff_translation_edit": lambda: [
        {"pk": pk, "language": language}
        for pk in OutcomeDocument.objects.values_list("pk", flat=True)
        for language in LANGUAGES
    ],
    "staff_translation_name": lambda: [{"kind": "meeting", **arguments} for arguments in _staff(Conference)()],
}
# Django's admin (namespace "admin:"), for superusers only: every one of its URLs is checked by
# test_staff_and_admin_urls_are_closed with arguments made from its pattern, not listed here.
ADMIN_NAMESPACE = "admin"


def _url_names(resolver: URLResolver, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _url_names(pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
        else:
            yield f"{namespace}{pattern.name}", pattern


def test_every_url_is_crawled(db):
    names = {name for name, _ in _url_names(get_resolver()) if not name.startswith(f"{ADMIN_NAMESPACE}:")}
    assert names == set(CRAWLED) | set(STAFF)
    assert not set(CRAWLED) & set(STAFF)


def test_every_text_model_is_a_text_or_a_public_record():
    """A new model holding text must say which it is: marked inside drafts, or public by design."""
    archive = [model for label in WATCHED_APPS for model in apps.get_app_config(label).get_models()]
    # The history is read on staff screens only.
    holding_text = {m for m in archive if _text_fields(m) and not m._meta.model_name.startswith("historical")}
    assert holding_text == set(TEXT_MODELS) | set(PUBLIC_MODELS)


# Reading responses as their readers do ------------------------------------------------------------------


def _read(response) -> str:
    """What a reader of this response can see: its headers, and its text in whatever format it is."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    headers = " ".join(f"{name}: {value}" for name, value in response.items())
    if kind == "application/pdf" and not isinstance(response, FileResponse):  # evidence is served as stored
        text = _pdf_text(body)
    elif kind.startswith("application/vnd.openxmlformats"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            text = " ".join(archive.read(name).decode() for name in archive.namelist())
    else:
        text = body.decode(errors="replace")
    return f"{headers}\n{text}"


@functools.cache
def _pdf_text(pdf: bytes) -> str:
    """The text of every page and the metadata; remembered, as each reader is served the same PDFs."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    return text + " " + " ".join(str(value) for value in (reader.metadata or {}).values())


NEXT_PAGE = re.compile(r'rel="next" href="(\?[^"]+)"')


NOTHING = "nothingsaysthis"


@dataclass
class Crawled:
    url: str
    name: str
    status: int
    text: str
    found_by: str | None = None  # the marker this search found something by


# What differs between two answers that say the same: an empty feed's date, a form's CSRF token.
UNSTABLE = re.compile(r"<updated>[^<]*</updated>|name=\"csrfmiddlewaretoken\" value=\"[^\"]*\"")


def _same_answer(text: str, other: str) -> bool:
    """Whether two answers (their bodies, after the headers' line) say the same."""
    bodies = [UNSTABLE.sub("", answer.split("\n", 1)[1]) for answer in (text, other)]
    return bodies[0] == bodies[1]


def _crawl(client) -> list[Crawled]:
    """Every URL of CRAWLED with every argument set and query, and every next page of each.

    A search for a marker is asked again for a word that nothing contains: the answers must be the
    same, since a search must not find anything by a word it may not show.
    """
    seen: list[Crawled] = []
    for name, crawl in CRAWLED.items():
        for kwargs in crawl.arguments():
            path = reverse(name, kwargs=kwargs)
            queue = [f"{path}?{query}" if query else path for query in crawl.queries]
            visited: set[str] = set()
            while queue:
                url = queue.pop()
                if url in visited:
                    continue
                visited.add(url)
                response = client.get(url)
                crawled = Crawled(url, name, response.status_code, _read(response))
                for marker in (DRAFT.lower(), CIRCULATED.lower()):
                    if marker in url:
                        nothing = _read(client.get(url.replace(marker, NOTHING))).replace(NOTHING, marker)
                        crawled.found_by = None if _same_answer(crawled.text, nothing) else marker.upper()
                seen.append(crawled)
                queue += [path + unescape(found) for found in NEXT_PAGE.findall(crawled.text)]
    return seen


def _as(client, request, who: str):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    return client


def _answered(crawled: list[Crawled]) -> set[str]:
    """The patterns that gave a real answer at least once, not only 404s."""
    return {c.name for c in crawled if c.status == CRAWLED[c.name].expected}


def _served(crawled: list[Crawled], marker: str, published_only: bool = False) -> list[str]:
    """Where the marker was shown, or found something (on the lists of published records only)."""
    return [
        c.url
        for c in crawled
        if (marker in c.text or c.found_by == marker) and (CRAWLED[c.name].published_only or not published_only)
    ]


def _none_of(urls: list[str]) -> str:
    return "served at:\n" + "\n".join(urls)


def _in(client, language: str):
    """The client, its browser asking for pages in `language`: the pages choose the texts in it they may show."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    return client


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_public_reads_what_is_published_and_nothing_else(client, world, language):
    crawled = _crawl(_in(client, language))
    assert not [c.url for c in crawled if c.status >= 500]
    assert not (leaks := _served(crawled, DRAFT)), _none_of(leaks)
    assert not (leaks := _served(crawled, CIRCULATED)), _none_of(leaks)
    assert _answered(crawled) | {"password_change", "password_change_done"} == set(CRAWLED)  # those two: signed in
    read = {c.url: c for c in crawled}
    for url in (
        "/decisions/?sort=citation",
        "/decisions.csv",
        "/decisions.json",
        "/conferences/20/declaration.pdf",
        "/conferences/20/decisions.pdf",
        "/conferences/20/implementation.xlsx",
        "/feeds/decisions.atom",
    ):
        assert "Decide item 1 of conference 20" in read[url].text, url
    assert "Decide item 1 of conference 25" in read["/conferences/25/decisions/1/"].text  # its Spanish text
    assert read["/conferences/20/decisions/4/"].status == 404  # only in the Spanish draft
    assert read["/conferences/21/declaration/"].status == 404


def test_a_reader_without_a_role_reads_what_the_public_reads(client, world, reader):
    client.force_login(reader)
    crawled = _crawl(client)
    assert not [c.url for c in crawled if c.status >= 500]
    assert not (leaks := _served(crawled, DRAFT)), _none_of(leaks)
    assert not (leaks := _served(crawled, CIRCULATED)), _none_of(leaks)
    assert _answered(crawled) | {"login"} == set(CRAWLED)  # signed in, the sign-in page sends you on


@pytest.mark.parametrize("language", LANGUAGES)
def test_delegates_read_circulated_words_where_they_may_only(client, world, delegate, language):
    client.force_login(delegate)
    crawled = _crawl(_in(client, language))
    assert not [c.url for c in crawled if c.status >= 500]
    assert not (leaks := _served(crawled, DRAFT)), _none_of(leaks)
    assert not (leaks := _served(crawled, CIRCULATED, published_only=True)), _none_of(leaks)
    # The circulated texts themselves, in every format, and the pages that name their decisions.
    assert {
        "/conferences/22/declaration/",
        "/conferences/22/declaration.json",
        "/conferences/22/declaration.pdf",
        "/conferences/22/decisions/1/",
        "/conferences/22/decisions.pdf",
        "/conferences/22/briefing.pdf",
        "/conferences/22/implementation/",
        "/conferences/22/implementation.csv",
        "/conferences/22/implementation.xlsx",
        "/conferences/23/declaration/es/",
        "/conferences/23/decisions/1/",
        "/conferences/23/decisions/4/",
        "/states/PA/",
        "/bodies/technical-secretariat/",
        "/documents/santa-fe-document/",
    } <= set(_served(crawled, CIRCULATED))
    assert _answered(crawled) | {"login"} == set(CRAWLED)  # signed in, the sign-in page sends you on


def _admin_urls() -> Iterator[tuple[str, str]]:
    """Every named admin URL, with arguments that fit its pattern (the admin checks who asks before it
    looks anything up). Its unnamed patterns are its catch-all, which redirects to its sign-in too, and
    redirects to change pages."""
    for name, pattern in _url_names(get_resolver()):
        if not name.startswith(f"{ADMIN_NAMESPACE}:") or pattern.name is None:
            continue
        regex = pattern.pattern.regex
        if regex.groupindex:
            yield name, reverse(name, kwargs={g: "decisions" if g == "app_label" else "1" for g in regex.groupindex})
        else:
            yield name, reverse(name, args=["1"] * regex.groups)


@pytest.mark.parametrize("who", ["anonymous", "reader", "delegate"])
def test_staff_and_admin_urls_are_closed(client, world, request, who):
    _as(client, request, who)
    for name, arguments in STAFF.items():
        for kwargs, method in itertools.product(arguments(), (client.get, client.post)):
            url = reverse(name, kwargs=kwargs)
            response = method(url)
            if who == "anonymous":
                assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url
            else:
                assert response.status_code == 403, url
    for name, url in _admin_urls():
        response = client.get(url)
        assert DRAFT not in _read(response) and CIRCULATED not in _read(response), url
        if name in ("admin:login", "admin:logout"):
            continue  # the sign-in form, and signing out
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), url
