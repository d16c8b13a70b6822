"""A decision's staff follow-up page: its mandates, one per actor it mandates, typed on the decision's page."""

import lxml.html
from django.urls import reverse

from decisions.models import Decision


def _page(client, number: int):
    decision = Decision.objects.get(conference__number=17, number=number)
    return lxml.html.fromstring(client.get(reverse("staff_decision_followup", args=[decision.pk])).content)


def test_it_lists_the_mandate_of_each_actor_the_decision_mandates(client, seeded, editor):
    client.force_login(editor)
    rows = _page(client, 8).xpath("//tr[@class='mandate']")
    assert [row.xpath("string(td[1])") for row in rows] == ["Technical Secretariat"]
    assert rows[0].xpath(".//a[text()='Edit']/@href")[0].startswith("/staff/mandates/")


def test_it_sends_the_editor_to_the_decisions_page_to_mandate_someone(client, seeded, editor):
    client.force_login(editor)
    page = _page(client, 1)
    assert "Add a mandate" not in page.text_content()
    assert page.xpath('//a[text()="the decision\'s page"]/@href') == [
        reverse("staff_decision_edit", args=[Decision.objects.get(conference__number=17, number=1).pk])
    ]
