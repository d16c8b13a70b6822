"""The staff follow-up dashboard: what is overdue, what falls due before the next conference, what mandates no one."""

from django.urls import reverse

from declarations.models import Conference


def _section(content: str, heading: str, following: str) -> str:
    return content[content.index(heading) : content.index(following)]


def test_it_says_which_conference_an_overdue_mandate_waited_for(client, seeded, editor):
    # XVII/5 is due by the XVIII, which the seed knows only as planned for 2013.
    client.force_login(editor)
    content = client.get(reverse("staff_followup")).content.decode()
    overdue = _section(content, "Overdue", "Due before the next conference")
    row = next(row for row in overdue.split("<tr") if "RCM XVII/5" in row)
    assert "due by the XVIII Regional Conference on Migration, 2013: overdue" in row


def test_it_lists_a_mandate_due_by_a_conference_planned_for_a_later_year_as_due(client, seeded, editor):
    client.force_login(editor)
    Conference.objects.filter(number=18).update(planned_year=2099)
    content = client.get(reverse("staff_followup")).content.decode()
    due = _section(content, "Due before the next conference", "Decisions that mandate no one")
    row = next(row for row in due.split("<tr") if "RCM XVII/5" in row)
    assert "due by the XVIII Regional Conference on Migration, 2099 (date not set)" in row


def test_it_does_not_list_a_decision_with_a_mandated_actor_as_mandating_no_one(client, seeded, editor):
    client.force_login(editor)
    Conference.objects.get(number=17).decisions.update(status="")
    content = client.get(reverse("staff_followup")).content.decode()
    without = _section(content, "Decisions that mandate no one", "Matrix per conference")
    assert "RCM XVII/1<" in without and "RCM XVII/4<" not in without
