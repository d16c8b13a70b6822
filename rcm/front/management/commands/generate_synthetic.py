"""Fill the database with a large synthetic archive, to measure the site at scale (bench/load.py).

Synthetic conferences are of their own kind ("synthetic", at /conferences/synthetic/<n>/), and every
name, title, citation and text says SYNTHETIC, so none can be mistaken for a real meeting. They are
published, so that the public pages, lists and search carry the load they would with a real archive
of that size. `--remove` deletes them all, and everything that belongs to them, in one command.
"""

import datetime
import random
import time

from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, ngettext, pgettext

from decisions.models import DECISION_NUMBERS, Decision, ImplementationStatus, Link, Mention, Topic
from declarations.access import SYSTEM, acting_as
from declarations.models import (
    MAX_PARAGRAPHS,
    SYNTHETIC_CONFERENCE_NUMBERS,
    Conference,
    Declaration,
    Language,
    OutcomeDocument,
    Paragraph,
    Participation,
)
from followup.models import FollowUpAction, Mandate, StatusChange
from rcm.base.models import Body, Country, Organization
from rcm.lib.citations import VICE_MINISTERIAL
from rcm.lib.commands import LocalizedCommand
from rcm.lib.pagecache import pages_changed
from rcm.lib.progress import progress_bar

SYNTHETIC = Conference.Kind.SYNTHETIC
BATCH_CONFERENCES = 20
BATCH_ROWS = 2000
FIRST_YEAR = 1996
YEARS = 30

# (what a decision is about, in English and in Spanish, and its topic)
SUBJECTS = [
    ("the protection of unaccompanied migrant children and adolescents",
     "la protección de niñas, niños y adolescentes migrantes no acompañados", "migrant-children"),
    ("the return and reintegration of migrants", "el retorno y la reintegración de personas migrantes",
     "return-and-reintegration"),
    ("the fight against trafficking in persons", "la lucha contra la trata de personas", "trafficking-and-smuggling"),
    ("the prevention of migrant smuggling", "la prevención del tráfico ilícito de migrantes",
     "trafficking-and-smuggling"),
    ("the consular protection of migrants in transit", "la protección consular de personas migrantes en tránsito",
     "consular-protection"),
    ("labour migration and the rights of migrant workers",
     "la migración laboral y los derechos de los trabajadores migrantes", "labour-migration"),
    ("refugees and persons in need of international protection",
     "las personas refugiadas y necesitadas de protección internacional", "refugee-protection"),
    ("extra-continental migration flows in the region", "los flujos migratorios extracontinentales en la región",
     "extra-continental-migration"),
    ("irregular migration and vulnerability in transit", "la migración irregular y la vulnerabilidad en tránsito",
     "irregular-migration"),
    ("the participation of civil society organizations", "la participación de las organizaciones de la sociedad civil",
     "civil-society"),
    ("cooperation with the South American Conference on Migration",
     "la cooperación con la Conferencia Suramericana sobre Migraciones", "cooperation"),
    ("the budget and work plan of the Technical Secretariat",
     "el presupuesto y el plan de trabajo de la Secretaría Técnica", "rcm-organization"),
    ("the organization of the next Vice-Ministerial Meeting",
     "la organización de la próxima Reunión Viceministerial", "meetings"),
]  # fmt: skip
ACTIONS = [
    ("Approve the proposal on", "Aprobar la propuesta sobre"),
    ("Follow up on the recommendations on", "Dar seguimiento a las recomendaciones sobre"),
    ("Convene a workshop on", "Convocar un taller sobre"),
    ("Instruct the Technical Secretariat to prepare a study on",
     "Instruir a la Secretaría Técnica preparar un estudio sobre"),
    ("Renew the mandate of the ad hoc working group on", "Renovar el mandato del grupo de trabajo ad hoc sobre"),
    ("Adopt the regional guidelines on", "Adoptar los lineamientos regionales sobre"),
    ("Request the liaison officers network to report on",
     "Solicitar a la red de funcionarios de enlace informar sobre"),
    ("Promote the exchange of good practices on", "Promover el intercambio de buenas prácticas sobre"),
]  # fmt: skip
DEADLINES = [
    ("before the next Vice-Ministerial Meeting", "antes de la próxima Reunión Viceministerial"),
    ("within six months", "en un plazo de seis meses"),
    ("in the course of the year", "en el transcurso del año"),
]
# A declaration's own words in each language: title, opening, chapeau.
DECLARATION_WORDS = {
    Language.ENGLISH: (
        "SYNTHETIC TEST DATA: declaration of synthetic conference %(number)s",
        "[SYNTHETIC] The generated meeting number %(number)s, not a real conference.",
        "The Vice-Ministers:",
    ),
    Language.SPANISH: (
        "DATOS DE PRUEBA SINTÉTICOS: declaración de la conferencia sintética %(number)s",
        "[SINTÉTICO] La reunión generada número %(number)s, no una conferencia real.",
        "Los Viceministros:",
    ),
}
PARAGRAPH_VERBS = [
    ("Recognized", "Reconocieron"),
    ("Reaffirmed", "Reafirmaron"),
    ("Emphasized", "Destacaron"),
    ("Reiterated", "Reiteraron"),
    ("Welcomed", "Acogieron con beneplácito"),
    ("Agreed", "Acordaron"),
    ("Acknowledged", "Reconocieron"),
]
LINK_KINDS = [Link.Kind.FOLLOWS_UP_ON, Link.Kind.RENEWS, Link.Kind.AMENDS, Link.Kind.SUPERSEDES, Link.Kind.RECALLS]


def synthetic_conferences() -> QuerySet[Conference]:
    return Conference.objects.filter(kind=SYNTHETIC)


class Command(LocalizedCommand):
    help = gettext_lazy(
        "Create (or with --remove, delete) a large synthetic archive, marked SYNTHETIC, to measure the site."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--conferences", type=int, default=1000)
        parser.add_argument("--decisions", type=int, default=100, help=gettext_lazy("Decisions per conference"))
        parser.add_argument("--paragraphs", type=int, default=10, help=gettext_lazy("Paragraphs per declaration"))
        parser.add_argument(
            "--random-seed", type=int, default=2012, help=gettext_lazy("The same seed makes the same archive")
        )
        parser.add_argument("--remove", action="store_true", help=gettext_lazy("Delete every synthetic record instead"))

    def handle(self, *args, conferences: int, decisions: int, paragraphs: int, random_seed: int, remove: bool,
               **options) -> None:  # fmt: skip
        # Generated test data is written by the system, as the seed is (declarations.access.SYSTEM).
        with acting_as(SYSTEM):
            self._handle(conferences, decisions, paragraphs, random_seed, remove)

    def _handle(self, conferences: int, decisions: int, paragraphs: int, random_seed: int, remove: bool) -> None:
        if remove:
            removed = remove_synthetic()
            pages_changed()
            self.stdout.write(
                ngettext(
                    "Removed %(count)s synthetic conference and everything that belonged to it.",
                    "Removed %(count)s synthetic conferences and everything that belonged to them.",
                    removed,
                )
                % {"count": removed}
            )
            return
        if not (
            SYNTHETIC_CONFERENCE_NUMBERS.allows(conferences)
            and DECISION_NUMBERS.allows(decisions)
            and 0 <= paragraphs <= MAX_PARAGRAPHS
        ):
            raise CommandError(
                gettext(
                    "--conferences goes from 1 to %(conferences)s, --decisions from 1 to %(decisions)s, "
                    "--paragraphs from 0 to %(paragraphs)s."
                )
                % {
                    "conferences": SYNTHETIC_CONFERENCE_NUMBERS.high,
                    "decisions": DECISION_NUMBERS.high,
                    "paragraphs": MAX_PARAGRAPHS,
                }
            )
        if synthetic_conferences().exists():
            raise CommandError(gettext("There is synthetic data already: remove it first with --remove."))
        # Not for security: a seeded generator, so that the same arguments make the same archive.
        generator = Generator(random.Random(random_seed), decisions, paragraphs)  # noqa: S311
        started = time.monotonic()
        with progress_bar(
            self.stderr, total=conferences, unit=pgettext("progress bar unit, per second", "conference")
        ) as progress:
            for first in range(1, conferences + 1, BATCH_CONFERENCES):
                batch = range(first, min(first + BATCH_CONFERENCES, conferences + 1))
                generator.batch(batch)
                progress.update(len(batch))
        # Fresh statistics, or the database plans its queries for the empty tables; on PostgreSQL also
        # the visibility map, so that the indexes can answer without reading the rows (VACUUM cannot run
        # inside a transaction, as when a test calls the command).
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        pages_changed()
        self.stdout.write(
            gettext(
                "Created %(conferences)s synthetic conferences with %(decisions)s decisions in %(seconds)s s. "
                "Remove them with: manage.py generate_synthetic --remove"
            )
            % {
                "conferences": conferences,
                "decisions": conferences * decisions,
                "seconds": f"{time.monotonic() - started:.0f}",
            }
        )


class Generator:
    """Writes conferences a batch at a time with bulk inserts (no history: they are not edits)."""

    def __init__(self, rng: random.Random, decisions: int, paragraphs: int) -> None:
        self.rng = rng
        self.decisions = decisions
        self.paragraphs = paragraphs
        self.members = list(Country.objects.filter(is_member=True))
        self.countries = list(Country.objects.all())
        self.body = Body.objects.filter(slug=VICE_MINISTERIAL).first()
        self.bodies = list(Body.objects.exclude(slug=VICE_MINISTERIAL))
        self.organizations = list(Organization.objects.all())
        self.topics = {topic.slug: topic for topic in Topic.objects.all()}
        if not (self.body and self.members and self.bodies and self.organizations and self.topics):
            raise CommandError(gettext("Load the reference data first: manage.py load_seed"))
        self.now = timezone.now()
        # Decision ids of the last few conferences, so that decisions can follow up on earlier ones.
        self.recent: list[list[int]] = []

    @transaction.atomic
    def batch(self, numbers: range) -> None:
        rng = self.rng
        conferences = Conference.objects.bulk_create([self.conference(n) for n in numbers])
        outcomes = OutcomeDocument.objects.bulk_create([OutcomeDocument(conference=c) for c in conferences])
        # Both languages, as the RCM adopts its texts; the Spanish words are generated too, never the RCM's.
        declarations = Declaration.objects.bulk_create(
            [
                Declaration(
                    outcome=o,
                    conference=c,
                    language=language,
                    title=title % {"number": c.number},
                    opening=opening % {"number": c.number},
                    chapeau=chapeau,
                    status=Declaration.Status.PUBLISHED,
                    published_at=self.now,
                )
                for c, o in zip(conferences, outcomes, strict=True)
                for language, (title, opening, chapeau) in DECLARATION_WORDS.items()
            ]
        )
        Participation.objects.bulk_create(
            [
                Participation(conference=c, role=Participation.Role.MEMBER_STATE, country=country, position=i)
                for c in conferences
                for i, country in enumerate(self.members, start=1)
            ],
            batch_size=BATCH_ROWS,
        )
        paragraphs = []
        for english, spanish in zip(declarations[::2], declarations[1::2], strict=True):
            verbs = rng.choices(PARAGRAPH_VERBS, k=self.paragraphs)
            for position, (verb_en, verb_es) in enumerate(verbs, start=1):
                subject_en, subject_es, _ = self.subject()
                paragraphs.append(
                    Paragraph(
                        declaration=english,
                        position=position,
                        verb=verb_en,
                        text=f"{verb_en} {subject_en}. [SYNTHETIC]",
                    )
                )
                paragraphs.append(Paragraph(declaration=spanish, position=position, verb=verb_es,
                                            text=f"{verb_es} {subject_es}. [SINTÉTICO]"))  # fmt: skip
        Paragraph.objects.bulk_create(paragraphs, batch_size=BATCH_ROWS)
        for outcome in outcomes:
            self.conference_decisions(outcome)

    def conference(self, number: int) -> Conference:
        year = FIRST_YEAR + (number - 1) % YEARS
        start = datetime.date(year, 1 + number % 12, 1 + number % 27)
        host = self.rng.choice(self.members)
        subject = self.subject()
        return Conference(
            body=self.body,
            kind=SYNTHETIC,
            number=number,
            theme_en=f"SYNTHETIC theme {number}: {subject[0]}",
            theme_es=f"Lema SINTÉTICO {number}: {subject[1]}",
            host_country=host,
            presidency_pro_tempore=host,
            cities=["Synthetic City"],
            start_date=start,
            end_date=start + datetime.timedelta(days=1),
        )

    def subject(self) -> tuple[str, str, str]:
        return self.rng.choice(SUBJECTS)

    def conference_decisions(self, outcome: OutcomeDocument) -> None:
        rng = self.rng
        subjects = [self.subject() for _ in range(self.decisions)]
        decisions = []
        for number, (subject_en, subject_es, _) in enumerate(subjects, start=1):
            action_en, action_es = rng.choice(ACTIONS)
            deadline_en, deadline_es = rng.choice(DEADLINES)
            decisions.append(
                Decision(
                    outcome=outcome,
                    conference=outcome.conference,
                    number=number,
                    text_en=f"[SYNTHETIC] {action_en} {subject_en}, {deadline_en}.",
                    # A few still wait for their Spanish text, for the translators' list to show.
                    text_es=f"[SINTÉTICO] {action_es} {subject_es}, {deadline_es}." if rng.random() < 0.95 else "",
                    status=rng.choice(["", *ImplementationStatus.values[:4]]),
                )
            )
        decisions = Decision.objects.bulk_create(decisions)
        topics, mentions, links = [], [], []
        for decision, (_, _, topic) in zip(decisions, subjects, strict=True):
            topics.append(Decision.topics.through(decision_id=decision.pk, topic_id=self.topics[topic].pk))
            actor = self.actor()
            mentions.append(Mention(decision=decision, role=Mention.Role.MANDATED, **Mention.naming(actor)))
            mentions.append(Mention(decision=decision, role=Mention.Role.MENTIONED, country=self.other_country(actor)))
            if self.recent and rng.random() < 0.25:
                earlier = rng.choice(rng.choice(self.recent))
                links.append(Link(source=decision, kind=rng.choice(LINK_KINDS), target_decision_id=earlier))
        Decision.topics.through.objects.bulk_create(topics, batch_size=BATCH_ROWS)
        Mention.objects.bulk_create(mentions, batch_size=BATCH_ROWS)
        # Each mandated actor's follow-up, as followup.services.mandates_follow gives it (bulk_create gave the ids).
        mandates = [
            Mandate(
                mention=mention, task=f"[SYNTHETIC] Act on {mention.decision.citation}", due_by_next_conference=True
            )
            for mention in mentions
            if mention.role == Mention.Role.MANDATED
        ]
        Mandate.objects.bulk_create(mandates, batch_size=BATCH_ROWS)
        Link.objects.bulk_create(links, batch_size=BATCH_ROWS)
        self.recent = [*self.recent[-2:], [d.pk for d in decisions]]

    def actor(self) -> Body | Country | Organization:
        kind = self.rng.random()
        if kind < 0.5:
            return self.rng.choice(self.bodies)
        if kind < 0.8:
            return self.rng.choice(self.members)
        return self.rng.choice(self.organizations)

    def other_country(self, actor: Body | Country | Organization) -> Country:
        """A country other than `actor`, to mention beside it."""
        return self.rng.choice([c for c in self.countries if c != actor])


@transaction.atomic
def remove_synthetic() -> int:
    """Delete the synthetic conferences and all that hangs from them, with plain DELETE statements:
    the ORM's would load and record the history of every one of a million rows."""
    conferences = synthetic_conferences()
    count = conferences.count()
    decisions = Decision.objects.filter(conference__in=conferences)
    declarations = Declaration.objects.filter(conference__in=conferences)
    _delete(Link.objects.filter(source__in=decisions))
    _delete(Link.objects.filter(target_decision__in=decisions))
    _delete(Link.objects.filter(target_conference__in=conferences))
    _delete(StatusChange.objects.filter(decision__in=decisions))
    _delete(FollowUpAction.objects.filter(decision__in=decisions))
    _delete(Mandate.objects.filter(mention__decision__in=decisions))
    _delete(Mention.objects.filter(decision__in=decisions))
    _delete(Decision.topics.through.objects.filter(decision__in=decisions))
    _delete(decisions)
    _delete(Paragraph.documents.through.objects.filter(paragraph__declaration__in=declarations))
    _delete(Paragraph.objects.filter(declaration__in=declarations))
    _delete(declarations)
    _delete(OutcomeDocument.objects.filter(conference__in=conferences))
    _delete(Participation.objects.filter(conference__in=conferences))
    _delete(conferences)
    return count


def _delete(queryset: QuerySet) -> None:
    ids_sql, params = queryset.order_by().values("pk").query.sql_with_params()
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id IN ({ids_sql})", params)  # noqa: S608 -- Django's own SQL
