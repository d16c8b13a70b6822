"""A mandate's staff page: what the mandated actor must do; who and by when are the decision's."""

import lxml.html
from django.urls import reverse

from decisions.models import Decision
from followup.models import Mandate


def _mandate(number: int) -> Mandate:
    return Mandate.objects.get(mention__decision=Decision.objects.get(conference__number=17, number=number))


def test_it_saves_the_task(client, seeded, editor):
    client.force_login(editor)
    mandate = _mandate(5)
    client.post(
        reverse("staff_mandate_edit", args=[mandate.pk]),
        {
            "task": "Present the proposal.",
            "due_by_next_conference": "on",
            "report_to": "",
            "revision": mandate.revision,
        },
    )
    mandate.refresh_from_db()
    assert mandate.task == "Present the proposal." and mandate.due_by_next_conference


def test_it_puts_the_next_conference_box_beside_its_label(client, seeded, editor):
    client.force_login(editor)
    page = lxml.html.fromstring(client.get(reverse("staff_mandate_edit", args=[_mandate(5).pk])).content)
    box = page.get_element_by_id("id_due_by_next_conference")
    label = box.getnext()
    assert box.getparent().get("class") == "check" and label.tag == "label" and label.get("for") == box.get("id")


def test_it_refuses_the_next_conference_when_the_decision_sets_a_deadline(client, seeded, editor):
    client.force_login(editor)
    mandate = _mandate(8)  # XVII/8: until July 2013
    response = client.post(
        reverse("staff_mandate_edit", args=[mandate.pk]),
        {"task": mandate.task, "due_by_next_conference": "on", "report_to": "", "revision": mandate.revision},
    )
    assert "RCM XVII/8 sets its deadline, 31 July 2013: the mandate is due then." in response.content.decode()
    mandate.refresh_from_db()
    assert not mandate.due_by_next_conference


def test_it_names_who_must_act_and_by_when(client, seeded, editor):
    client.force_login(editor)
    content = client.get(reverse("staff_mandate_edit", args=[_mandate(8).pk])).content.decode()
    assert "Technical Secretariat, by 31 July 2013, the decision's deadline." in content
