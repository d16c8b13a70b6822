"""The data a fresh installation starts with: who the texts name, and the XVII declaration (Panama City, 2012).

Loading is idempotent and never overwrites: a record already present, perhaps corrected by an
editor since, is left as it is.
"""

import csv
import datetime
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from decisions.models import Topic
from declarations.access import SYSTEM, acting_as
from declarations.models import Conference, Declaration
from declarations.selectors import identified_by
from followup.models import Mandate, Status
from followup.services import mandate_save, status_change
from rcm.base.models import BODY, STATE, Body, Country, ExternalDocument, Organization
from rcm.interchange.schema import read_declaration_json
from rcm.interchange.services import declaration_import
from rcm.lib.citations import ORDINARY, RCGM, VICE_MINISTERIAL
from rcm.lib.converters import MeetingKey

SEEDS_DIR = settings.BASE_DIR / "seeds"
DECLARATION_FILES = ["rcm-xvii-2012-declaration-en.json"]
MEETINGS_FILE = "rcm-meetings.csv"
MODES = {"": Conference.Mode.IN_PERSON, "in person": Conference.Mode.IN_PERSON, "virtual": Conference.Mode.VIRTUAL,
         "hybrid": Conference.Mode.HYBRID}  # fmt: skip
XVII = MeetingKey(VICE_MINISTERIAL, ORDINARY, 17, None)

# (code, English name, Spanish name, RCM member)
COUNTRIES = [
    ("BZ", "Belize", "Belice", True),
    ("CA", "Canada", "Canadá", True),
    ("CR", "Costa Rica", "Costa Rica", True),
    ("DO", "Dominican Republic", "República Dominicana", True),
    ("SV", "El Salvador", "El Salvador", True),
    ("GT", "Guatemala", "Guatemala", True),
    ("HN", "Honduras", "Honduras", True),
    ("MX", "Mexico", "México", True),
    ("NI", "Nicaragua", "Nicaragua", True),
    ("PA", "Panama", "Panamá", True),
    ("US", "United States of America", "Estados Unidos de América", True),
    ("AR", "Argentina", "Argentina", False),
    ("BR", "Brazil", "Brasil", False),
    ("CO", "Colombia", "Colombia", False),
    ("EC", "Ecuador", "Ecuador", False),
    ("JM", "Jamaica", "Jamaica", False),
    ("PE", "Peru", "Perú", False),
]

K = Organization.Kind
# (acronym, Spanish acronym, English name, Spanish name, kind)
ORGANIZATIONS = [
    ("IOM", "OIM", "International Organization for Migration", "Organización Internacional para las Migraciones", K.UN),
    (
        "UNHCR",
        "ACNUR",
        "Office of the United Nations High Commissioner for Refugees",
        "Alto Comisionado de las Naciones Unidas para los Refugiados",
        K.UN,
    ),
    (
        "IACHR",
        "CIDH",
        "Inter-American Commission on Human Rights",
        "Comisión Interamericana de Derechos Humanos",
        K.HUMAN_RIGHTS,
    ),
    ("SEGIB", "SEGIB", "Ibero-American General Secretariat", "Secretaría General Iberoamericana", K.INTERGOVERNMENTAL),
    ("ILO", "OIT", "International Labour Organization", "Organización Internacional del Trabajo", K.UN),
    (
        "ICRC",
        "CICR",
        "International Committee of the Red Cross",
        "Comité Internacional de la Cruz Roja",
        K.HUMANITARIAN,
    ),
    (
        "IFRC",
        "FICR",
        "International Federation of Red Cross and Red Crescent Societies",
        "Federación Internacional de Sociedades de la Cruz Roja y de la Media Luna Roja",
        K.HUMANITARIAN,
    ),
    (
        "SACM",
        "CSM",
        "South American Conference on Migration",
        "Conferencia Suramericana sobre Migraciones",
        K.REGIONAL_PROCESS,
    ),
    (
        "RNCOM",
        "RROCM",
        "Regional Network of Civil Organizations for Migration",
        "Red Regional de Organizaciones Civiles para las Migraciones",
        K.CIVIL_SOCIETY,
    ),
]

B = Body.Kind
# (slug, acronym, Spanish acronym where it differs, English name, Spanish name, kind, member state codes)
BODIES = [
    ("vice-ministerial", "", "", "Vice-Ministerial Meeting", "Reunión Viceministerial", B.VICE_MINISTERIAL, []),
    ("technical-secretariat", "ST", "", "Technical Secretariat", "Secretaría Técnica", B.SECRETARIAT, []),
    (
        "rcgm",
        "RCGM",
        "GRCM",
        "Regional Consultation Group on Migration",
        "Grupo Regional de Consulta sobre Migración",
        B.CONSULTATION_GROUP,
        [],
    ),
    ("presidency-pro-tempore", "PPT", "", "Presidency Pro Tempore", "Presidencia Pro Tempore", B.PRESIDENCY, []),
    (
        "consular-protection-network",
        "",
        "",
        "Consular Protection Liaison Officers Network",
        "Red de Funcionarios de Enlace para la Protección Consular",
        B.LIAISON_NETWORK,
        [],
    ),
    (
        "trafficking-smuggling-network",
        "",
        "",
        "Liaison Officers Network to Combat Migrant Smuggling and Trafficking in Persons",
        "Red de Funcionarios de Enlace para el Combate al Tráfico Ilícito de Migrantes y la Trata de Personas",
        B.LIAISON_NETWORK,
        [],
    ),
    (
        "ad-hoc-extra-continental-migration",
        "",
        "",
        "Ad Hoc Working Group on Extra-Continental Migration",
        "Grupo Ad Hoc sobre Migración Extracontinental",
        B.WORKING_GROUP,
        [],
    ),
    (
        "ad-hoc-cuban-nationals-2012",
        "",
        "",
        "Ad Hoc Working Group on the Irregular Movement of Cuban Nationals (decision XVII/5)",
        "Grupo Ad Hoc sobre el Movimiento Irregular de Nacionales Cubanos (decisión XVII/5)",
        B.WORKING_GROUP,
        ["CR", "DO", "GT", "SV", "PA", "NI", "HN", "MX"],
    ),
    (
        "ad-hoc-rcm-rncom-coordination",
        "",
        "",
        "Ad Hoc RCM-RNCOM Coordination Working Group",
        "Grupo Ad Hoc de Coordinación CRM-RROCM",
        B.WORKING_GROUP,
        [],
    ),
]

D = ExternalDocument.Kind
# (slug, English title, Spanish title, kind)
DOCUMENTS = [
    ("santa-fe-document", "Santa Fe Document", "Documento de Santa Fe", D.RCM),
    (
        "un-trafficking-protocol",
        "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children",
        "Protocolo para prevenir, reprimir y sancionar la trata de personas, especialmente mujeres y niños",
        D.TREATY,
    ),
    (
        "un-smuggling-protocol",
        "Protocol against the Smuggling of Migrants by Land, Sea and Air",
        "Protocolo contra el tráfico ilícito de migrantes por tierra, mar y aire",
        D.TREATY,
    ),
    (
        "untoc",
        "United Nations Convention against Transnational Organized Crime",
        "Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional",
        D.TREATY,
    ),
]

# What the XVII decisions ask, of whom and by when, as their texts state it:
# (decision, STATE or BODY, its code or slug, task, due by the next conference, reports back to); by when is
# the decision's deadline.
XVII_MANDATES = [
    (2, BODY, "ad-hoc-extra-continental-migration",
     "Follow up on the proposals of its first meeting, with Honduras and Nicaragua taking part", True, 18),
    (3, BODY, "presidency-pro-tempore",
     "Invite the Troika of the South American Conference on Migration to the next RCGM meeting", True, None),
    (4, BODY, "technical-secretariat",
     "Annex the approved proposal of the United States on RCM meetings to the Santa Fe Document", False, None),
    (5, BODY, "ad-hoc-cuban-nationals-2012",
     "Prepare a regional proposal on the irregular movement of Cuban nationals in transit", True, 18),
    (6, BODY, "consular-protection-network",
     "Include government migration experts to address the migration of minors", False, None),
    (7, BODY, "ad-hoc-rcm-rncom-coordination",
     "Meet to determine a common agenda and coordinating mechanisms", False, None),
    (8, BODY, "technical-secretariat",
     "The Coordinator's renewed contract runs until July 2013", False, None),
    (10, STATE, "CR", "Host the XVIII Regional Conference on Migration", True, None),
    (11, STATE, "NI", "Host the 19th Regional Conference on Migration", False, 19),
]  # fmt: skip

# (slug, English name, Spanish name): what decisions are about, for the filters and the topic pages.
TOPICS = [
    ("rcm-organization", "RCM organization and budget", "Organización y presupuesto de la CRM"),
    ("meetings", "Meetings of the RCM", "Reuniones de la CRM"),
    ("extra-continental-migration", "Extra-continental migration", "Migración extracontinental"),
    ("irregular-migration", "Irregular migration and transit", "Migración irregular y tránsito"),
    ("migrant-children", "Migrant children and unaccompanied minors", "Niñez migrante y menores no acompañados"),
    ("consular-protection", "Consular protection", "Protección consular"),
    ("trafficking-and-smuggling", "Trafficking in persons and migrant smuggling",
     "Trata de personas y tráfico ilícito de migrantes"),
    ("civil-society", "Civil society", "Sociedad civil"),
    ("cooperation", "Cooperation with other processes and organizations",
     "Cooperación con otros procesos y organismos"),
    ("return-and-reintegration", "Return and reintegration", "Retorno y reintegración"),
    ("labour-migration", "Labour migration", "Migración laboral"),
    ("refugee-protection", "Refugees and international protection", "Refugiados y protección internacional"),
]  # fmt: skip

# The topics of each XVII decision, by its number.
XVII_TOPICS = {
    1: ["rcm-organization"],
    2: ["extra-continental-migration"],
    3: ["extra-continental-migration", "cooperation"],
    4: ["rcm-organization"],
    5: ["irregular-migration", "extra-continental-migration"],
    6: ["migrant-children", "consular-protection"],
    7: ["civil-society"],
    8: ["rcm-organization"],
    9: ["cooperation"],
    10: ["meetings"],
    11: ["meetings"],
    12: ["meetings"],
}


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)

    def add(self, created: bool, label: str) -> None:
        if created:
            self.created.append(label)


@transaction.atomic
def seed_load() -> SeedReport:
    """Load what is missing; the texts as adopted, by the system (declarations.access.SYSTEM), not as a correction."""
    with acting_as(SYSTEM):
        return _seed_load()


def _seed_load() -> SeedReport:
    report = SeedReport()
    for code, name_en, name_es, is_member in COUNTRIES:
        _, created = Country.objects.get_or_create(
            code=code, defaults={"name_en": name_en, "name_es": name_es, "is_member": is_member}
        )
        report.add(created, f"country {code}")
    for acronym, acronym_es, name_en, name_es, kind in ORGANIZATIONS:
        _, created = Organization.objects.get_or_create(
            acronym=acronym,
            defaults={"acronym_es": acronym_es, "name_en": name_en, "name_es": name_es, "kind": kind},
        )
        report.add(created, f"organization {acronym}")
    for slug, acronym, acronym_es, name_en, name_es, kind, members in BODIES:
        body, created = Body.objects.get_or_create(
            slug=slug,
            defaults={
                "acronym": acronym,
                "acronym_es": acronym_es,
                "name_en": name_en,
                "name_es": name_es,
                "kind": kind,
            },
        )
        if created:
            body.members.set(Country.objects.filter(code__in=members))
        report.add(created, f"body {slug}")
    for slug, title_en, title_es, kind in DOCUMENTS:
        _, created = ExternalDocument.objects.get_or_create(
            slug=slug, defaults={"title_en": title_en, "title_es": title_es, "kind": kind}
        )
        report.add(created, f"document {slug}")
    for slug, name_en, name_es in TOPICS:
        _, created = Topic.objects.get_or_create(slug=slug, defaults={"name_en": name_en, "name_es": name_es})
        report.add(created, f"topic {slug}")
    # Before the texts: they link to the meetings that followed them.
    _load_meetings(report)
    for filename in DECLARATION_FILES:
        data = read_declaration_json(json.loads((SEEDS_DIR / filename).read_text(encoding="utf-8")))
        conference = identified_by(data.conference.key).first()
        if conference and conference.declarations.filter(language=data.language).exists():
            continue
        declaration_import(data=data, publish=data.status == Declaration.Status.PUBLISHED)
        report.add(True, f"declaration {filename}")
    _load_mandates(report)
    _load_topics(report)
    return report


def _load_meetings(report: SeedReport) -> None:
    """The calendar of the RCM's meetings (seeds/rcm-meetings.csv, docs/calendar-sources.md): each meeting the
    archive lacks, and for those it has, the facts it does not know yet; never a fact it has.

    A meeting whose year no source gives cannot be placed in time, nor one without a number whose day no
    source gives be told from another: they wait for a source (docs/calendar-sources.md lists them)."""
    bodies = {"conference": Body.objects.get(slug=VICE_MINISTERIAL), "rcgm": Body.objects.get(slug=RCGM)}
    with (SEEDS_DIR / MEETINGS_FILE).open(encoding="utf-8", newline="") as calendar:
        for row in csv.DictReader(calendar):
            number = int(row["number"].rsplit("(", 1)[1].rstrip(")")) if row["number"] else None
            start = datetime.date.fromisoformat(row["start_date"]) if row["start_date"] else None
            if not row["year"] or (number is None and start is None):
                continue
            key = MeetingKey(bodies[row["body"]].slug, row["kind"], number, start)
            facts = {
                "mode": MODES[row["mode"]],
                "host_country": Country.objects.filter(code=row["host_country"]).first(),
                "cities": [city.strip() for city in row["cities"].split(";") if city.strip()],
                "start_date": start,
                # An end without its start (the XX's) cannot be told from a one-day meeting: it waits for its start.
                "end_date": datetime.date.fromisoformat(row["end_date"]) if row["end_date"] and start else None,
                "planned_year": None if start else int(row["year"]),
                "theme_en": row["theme_en"],
                "theme_es": row["theme_es"],
                "sources": "\n".join(source.strip() for source in row["source"].split(" | ") if source.strip()),
            }
            meeting = identified_by(key).first()
            if meeting is None:
                meeting = Conference(body=bodies[row["body"]], kind=row["kind"], number=number, **facts)
                meeting.presidency_pro_tempore = meeting.host_country if row["body"] == "conference" else None
                meeting.full_clean()
                meeting.save()
                report.add(True, f"meeting {meeting.citation_prefix}")
                continue
            missing = {name: value for name, value in facts.items() if value and not getattr(meeting, name)}
            missing.pop("planned_year", None)  # a meeting with dates needs no year, one with a year keeps it
            if "start_date" in missing:
                meeting.planned_year = None
            if missing:
                for name, value in missing.items():
                    setattr(meeting, name, value)
                meeting.full_clean()
                meeting.save()
                report.add(True, f"facts of meeting {meeting.citation_prefix}")


def _load_topics(report: SeedReport) -> None:
    xvii = identified_by(XVII).get()
    if Topic.decisions.through.objects.filter(decision__conference=xvii).exists():
        return
    topics = {
        topic.slug: topic for topic in Topic.objects.filter(slug__in={s for ss in XVII_TOPICS.values() for s in ss})
    }
    for decision in xvii.decisions.filter(number__in=XVII_TOPICS):
        decision.topics.set([topics[slug] for slug in XVII_TOPICS[decision.number] if slug in topics])
        report.add(True, f"topics of XVII/{decision.number}")


def _load_mandates(report: SeedReport) -> None:
    """What each actor the XVII mandates must do: the import gave each of them a mandate, its task empty."""
    xvii = identified_by(XVII).get()
    mandates = Mandate.objects.filter(mention__decision__conference=xvii)
    if mandates.exclude(task="").exists():
        return
    for number, kind, key, task, by_next, report_to in XVII_MANDATES:
        actor = kind.model.objects.get(**{kind.natural_key: key})
        mandate = mandates.get(mention__decision__number=number, **{f"mention__{kind.field}": actor})
        mandate.task = task
        mandate.due_by_next_conference = by_next
        mandate.report_to = identified_by(XVII._replace(number=report_to)).first() if report_to else None
        mandate_save(mandate=mandate, revision=mandate.revision)
        report.add(True, f"mandate of XVII/{number}")
    for decision in xvii.decisions.filter(mentions__mandate__isnull=False).distinct():
        status_change(
            decision=decision,
            mandate=None,
            status=Status.PENDING,
            date=xvii.end_date,
            reason="Adopted with the mandates its text states.",
            user=None,
        )
