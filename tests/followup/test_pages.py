"""The implementation pages, the follow-up exports and the staff follow-up screens."""

import csv
import io
import re
import xml.etree.ElementTree as ET

import lxml.html
import openpyxl
from django.urls import reverse

from decisions.models import Decision
from followup.models import FollowUpAction, Mandate
from tests.factories import conference_with_declaration


def _status_table(content: str) -> dict[str, int]:
    """The "Decisions by status" table of a report page, as {status label: count}."""
    table = content[content.index("<caption>Decisions by status</caption>") :]
    table = table[: table.index("</table>")]
    counts = {}
    for row in table.split("<tr>")[2:]:
        label = row.split("</span>")[0].rsplit(">", 1)[1]
        counts[label] = int(re.split(r"<td[^>]*>", row)[-1].split("<")[0])
    return counts


class TestReport:
    def test_it_lists_each_decision_with_mandates_and_status(self, client, seeded):
        content = client.get("/conferences/17/implementation/").content.decode()
        assert "What became of the decisions of the XVII Regional Conference on Migration" in content
        assert "Prepare a regional proposal on the irregular movement of Cuban nationals in transit" in content
        assert content.count('class="report-decision"') == 12

    def test_its_chart_and_table_show_the_same_numbers(self, client, seeded):
        content = client.get("/conferences/17/implementation/").content.decode()
        counts = _status_table(content)
        assert counts["Pending"] == 9 and counts["Not assessed"] == 3
        svg = content[content.index("<svg") : content.index("</svg>") + 6]
        chart = ET.fromstring(svg)
        namespace = "{http://www.w3.org/2000/svg}"
        assert (
            chart.find(f"{namespace}title").text == "Decisions of the XVII Regional Conference on Migration by status"
        )
        assert "9 pending" in chart.find(f"{namespace}desc").text

    def test_its_chart_fits_a_phone_with_its_text_at_full_size(self, client, seeded):
        content = client.get("/conferences/17/implementation/").content.decode()
        chart = ET.fromstring(content[content.index("<svg") : content.index("</svg>") + 6])
        # A chart is shown at its drawn size when its column is as wide: 350 px on a 390 px phone.
        assert float(chart.get("width")) <= 350
        sizes = [int(text.get("font-size")) for text in chart.iter("{http://www.w3.org/2000/svg}text")]
        assert min(sizes) >= 13

    def test_its_chart_is_drawn_again_for_a_wide_screens_column(self, client, seeded):
        content = client.get("/conferences/17/implementation/").content.decode()
        wide = content[content.index('<div class="chart-wide">') :]
        chart = ET.fromstring(wide[wide.index("<svg") : wide.index("</svg>") + 6])
        # site.css shows it from 72rem, where its column is 643 px of a 1,152 px page.
        assert 560 < float(chart.get("width")) <= 643
        sizes = [int(text.get("font-size")) for text in chart.iter("{http://www.w3.org/2000/svg}text")]
        assert min(sizes) >= 13

    def test_the_exports_carry_the_same_numbers(self, client, seeded):
        content = client.get("/conferences/17/implementation/").content.decode()
        counts = _status_table(content)
        rows = list(csv.reader(io.StringIO(client.get("/conferences/17/implementation.csv").content.decode())))
        header = ["Decision", "Text", "Status", "Status since", "Mandates", "Next conference", "Latest action", "Page"]
        assert rows[0] == header
        assert sum(1 for row in rows[1:] if row[2] == "Pending") == counts["Pending"]
        response = client.get("/conferences/17/implementation.xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        statuses = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert statuses.count("Pending") == counts["Pending"] and len(statuses) == 12
        assert response["Content-Disposition"] == 'attachment; filename="RCM-XVII-2012-follow-up.xlsx"'

    def test_each_action_shows_once_with_its_mandate_or_among_the_others(self, client, seeded):
        # XVII/10 mandates Costa Rica (to host the XVIII).
        decision = Decision.objects.get(conference__number=17, number=10)
        mandate = Mandate.objects.get(mention__decision=decision)
        common = {"decision": decision, "done_by": "Technical Secretariat"}
        FollowUpAction.objects.create(mandate=mandate, date="2013-11-20", description="Venue booked", **common)
        FollowUpAction.objects.create(date="2013-11-21", description="Budget line opened", **common)
        content = client.get("/conferences/17/implementation/").content.decode()
        section = content[content.index(f'id="{decision.anchor}"') :].split("</section>")[0]
        assert section.count("Venue booked") == 1 and section.count("Budget line opened") == 1
        mandates_table, others = section.split("<h3>Other actions</h3>")
        assert "Venue booked" in mandates_table and "Budget line opened" in others

    def test_drafts_stay_hidden_in_every_format(self, client, seeded):
        conference_with_declaration(20, status="draft")
        for url in [
            "/conferences/20/implementation/",
            "/conferences/20/implementation.csv",
            "/conferences/20/implementation.xlsx",
        ]:
            assert client.get(url).status_code == 404, url
        assert b"RCM XX/" not in client.get("/implementation/").content

    def test_the_overview_charts_have_their_tables(self, client, seeded):
        content = client.get("/implementation/").content.decode()
        assert content.count("<svg") == 2
        assert "<caption>Decisions by status, per conference</caption>" in content
        assert '<th scope="row"><a href="/conferences/17/implementation/">XVII</a></th>' in content

    def test_the_overview_bars_link_each_conference_to_its_report(self, client, seeded):
        content = client.get("/implementation/").content.decode()
        chart = ET.fromstring(content[content.index("<svg") : content.index("</svg>") + 6])
        links = chart.iter("{http://www.w3.org/2000/svg}a")
        assert [link.get("href") for link in links] == ["/conferences/17/implementation/"]

    def test_it_speaks_the_readers_language(self, client, seeded):
        """Needs the Spanish catalogue (locale/es)."""
        content = client.get("/conferences/17/implementation/", HTTP_ACCEPT_LANGUAGE="es-MX").content.decode()
        assert "<caption>Decisiones por estado</caption>" in content
        assert "Sin evaluar" in content


class TestDecisionPage:
    def test_it_shows_the_status_mandates_and_timeline(self, client, seeded):
        content = client.get("/conferences/17/decisions/8/").content.decode()
        assert '<span class="badge status-pending">Pending</span>' in content
        assert "The Coordinator&#x27;s renewed contract runs until July 2013" in content
        assert "Adopted with the mandates its text states." in content


class TestStaff:
    def test_the_dashboard_says_what_is_overdue_and_who_owes_it(self, client, seeded, editor):
        client.force_login(editor)
        content = client.get(reverse("staff_followup")).content.decode()
        overdue = content[content.index("Overdue") : content.index("Due before the next conference")]
        assert "31 Jul 2013" in overdue and "Technical Secretariat" in overdue and "RCM XVII/8" in overdue

    def test_the_dashboard_speaks_the_readers_language(self, client, seeded, editor):
        """Needs the Spanish catalogue (locale/es)."""
        client.force_login(editor)
        content = client.get(reverse("staff_followup"), HTTP_ACCEPT_LANGUAGE="es-MX").content.decode()
        assert "<h1>Seguimiento</h1>" in content
        assert "Con plazo antes de la próxima conferencia" in content

    def test_an_editor_records_a_status_and_an_action_of_a_mandate(self, client, seeded, editor):
        client.force_login(editor)
        # XVII/10 mandates Costa Rica (to host the XVIII): its mandate came with it.
        decision = Decision.objects.get(conference__number=17, number=10)
        url = reverse("staff_decision_followup", args=[decision.pk])
        mandate = Mandate.objects.get(mention__decision=decision)
        client.post(
            url,
            {
                "form": "status",
                "status-subject": "decision",
                "status-status": "completed",
                "status-date": "2013-12-31",
                "status-reason": "Budget executed.",
            },
        )
        client.post(
            url,
            {
                "form": "action",
                "action-date": "2013-12-31",
                "action-description": "Audit presented",
                "action-done_by": "Technical Secretariat",
                "action-mandate": mandate.pk,
                "action-evidence_url": "https://example.org/audit",
            },
        )
        decision.refresh_from_db()
        assert decision.status == "completed" and mandate.actions.get().evidence_url == "https://example.org/audit"

    def test_superseded_without_a_link_is_explained_next_to_the_field(self, client, seeded, editor):
        client.force_login(editor)
        decision = Decision.objects.get(conference__number=17, number=1)
        response = client.post(
            reverse("staff_decision_followup", args=[decision.pk]),
            {
                "form": "status",
                "status-subject": "decision",
                "status-status": "superseded",
                "status-date": "2013-01-01",
                "status-reason": "Replaced.",
            },
        )
        assert "add that link first" in response.content.decode()
        decision.refresh_from_db()
        assert decision.status == ""

    def test_a_control_character_in_a_reason_is_refused(self, client, seeded, editor):
        client.force_login(editor)
        decision = Decision.objects.get(conference__number=17, number=1)
        response = client.post(
            reverse("staff_decision_followup", args=[decision.pk]),
            {
                "form": "status",
                "status-subject": "decision",
                "status-status": "in_progress",
                "status-date": "2013-01-01",
                "status-reason": "Started\x1f.",
            },
        )
        assert "Contains a control character (U+001F) at character 8, after “Started”" in response.content.decode()
        decision.refresh_from_db()
        assert decision.status == "" and not decision.status_changes.exists()

    def test_the_view_per_responsible_lists_their_mandates(self, client, seeded, editor):
        client.force_login(editor)
        from rcm.base.models import Body

        secretariat = Body.objects.get(slug="technical-secretariat")
        content = client.get(reverse("staff_responsible", args=["body", secretariat.pk])).content.decode()
        assert "RCM XVII/4" in content and "RCM XVII/8" in content

    def test_the_view_per_responsible_names_the_next_conference_a_mandate_waits_for(self, client, seeded, editor):
        # XVII/3 asks the Presidency Pro Tempore to act by the next conference, the XVIII, planned for 2013.
        client.force_login(editor)
        presidency = Decision.objects.get(conference__number=17, number=3).mentions.get(role="mandated").actor
        page = lxml.html.fromstring(client.get(reverse("staff_responsible", args=["body", presidency.pk])).content)
        row = next(row for row in page.xpath("//tbody/tr") if "RCM XVII/3" in row.text_content())
        by_when = row.xpath("td[@data-label='By when']")[0]
        assert " ".join(by_when.text_content().split()) == "the next conference, XVIII (2013)"
        assert by_when.xpath("a/@href") == ["/conferences/18/"]


def test_a_long_task_is_shortened_at_a_word_where_the_mandate_is_named(client, seeded, editor):
    client.force_login(editor)
    decision = Decision.objects.get(conference__number=17, number=10)
    mandate = Mandate.objects.get(mention__decision=decision)
    mandate.task = "Prepare a study on the contribution of migrants' remittances to local development in the region."
    mandate.save()
    page = client.get(reverse("staff_decision_followup", args=[decision.pk])).content.decode()
    # Cut at the 60th character this would say "…migrants&#x27; remittance" (mid-word).
    assert "Mandate: Costa Rica: Prepare a study on the contribution of migrants…<" in page
