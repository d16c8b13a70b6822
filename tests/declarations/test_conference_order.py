"""Conferences are listed in the order of their numbers, on every page and in every drop-down: XVII, XVIII,
XIX, XXV, never as text or as the dates happen to be recorded (XVIII is known only by its planned year)."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from decisions.models import Decision
from declarations.models import Conference

NUMERALS = ["XVII", "XVIII", "XIX", "XXV"]


@pytest.fixture
def xxv_without_dates(seeded):
    """The XXV known by its planned year alone, as the XVIII is: its dates do not place it."""
    Conference.objects.filter(number=25, kind="ordinary").update(start_date=None, end_date=None, planned_year=2020)


def _order(page: str) -> list[str]:
    """The four conferences in the order the page names them first."""
    seen = []
    for numeral in re.findall(r"\b([XVI]+) Regional Conference on Migration", page):
        if numeral in NUMERALS and numeral not in seen:
            seen.append(numeral)
    return seen


def test_the_staff_list_goes_by_number(client, xxv_without_dates, editor):
    client.force_login(editor)
    assert _order(client.get(reverse("staff_conference_list")).content.decode()) == NUMERALS


def test_the_import_pages_meeting_list_goes_by_number(client, xxv_without_dates, editor):
    client.force_login(editor)
    page = client.get(reverse("staff_import")).content.decode()
    assert _order(page.split('name="meeting"')[1]) == NUMERALS


def test_the_link_forms_conference_list_goes_by_number(client, xxv_without_dates, publisher):
    client.force_login(publisher)
    decision = Decision.objects.filter(conference__number=17).first()
    page = client.get(reverse("staff_decision_edit", args=[decision.pk])).content.decode()
    assert _order(page.split('name="conference"')[1]) == NUMERALS


def test_the_admin_list_and_the_models_own_order_go_by_number(client, xxv_without_dates):
    client.force_login(User.objects.create_superuser("admin", password="unused-in-tests-admin"))
    page = client.get(reverse("admin:declarations_conference_changelist")).content.decode()
    assert _order(page) == NUMERALS
    numbered = Conference.objects.filter(body__slug="vice-ministerial", kind="ordinary", number__isnull=False)
    numbers = [conference.number for conference in numbered]
    assert numbers == sorted(numbers)
