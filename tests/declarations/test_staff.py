"""The Secretariat's screens for conferences and texts, used as a person would: forms posted as filled."""

import pytest
from django.urls import reverse

from declarations.models import Conference, Declaration, Participation
from tests.factories import conference_form


def _paragraph_forms(declaration: Declaration, texts: list[str], revision: int, **fields) -> dict:
    """The declaration form as the editor leaves it: existing paragraphs kept in order, new ones added."""
    existing = list(declaration.paragraphs.order_by("position"))
    data = {
        "kind": declaration.kind, "title": declaration.title, "opening": declaration.opening,
        "chapeau": declaration.chapeau, "decisions_heading": declaration.decisions_heading, "revision": revision,
        "paragraphs-TOTAL_FORMS": len(texts), "paragraphs-INITIAL_FORMS": len(existing),
        "decisions-TOTAL_FORMS": 0, "decisions-INITIAL_FORMS": 0,
        **fields,
    }  # fmt: skip
    for index, text in enumerate(texts):
        if index < len(existing):
            data[f"paragraphs-{index}-id"] = existing[index].pk
        data[f"paragraphs-{index}-text"] = text
        data[f"paragraphs-{index}-verb"] = ""
        data[f"paragraphs-{index}-ORDER"] = index + 1
    return data


def _new_declaration(client, conference: Conference) -> Declaration:
    client.post(
        reverse("staff_declaration_new", args=[conference.pk]),
        {"language": "en", "kind": "declaration", "title": "XXX REGIONAL CONFERENCE ON MIGRATION"},
    )
    return conference.declarations.get()


class TestConference:
    def test_an_editor_creates_one(self, client, seeded, editor):
        client.force_login(editor)
        response = client.post(reverse("staff_conference_new"), conference_form(), follow=True)
        conference = Conference.objects.get(number=30)
        assert conference.cities == ["San José"]
        assert b"Saved the XXX Regional Conference on Migration." in response.content

    def test_bad_dates_are_refused_next_to_the_field_keeping_what_was_typed(self, client, seeded, editor):
        client.force_login(editor)
        response = client.post(reverse("staff_conference_new"), conference_form(end_date="2025-06-01"))
        content = response.content.decode()
        assert response.status_code == 200
        assert "The end date is before the start date." in content
        assert 'value="Migration and development"' in content
        assert not Conference.objects.filter(number=30).exists()

    def test_a_taken_number_says_which_conference_has_it(self, client, seeded, editor):
        client.force_login(editor)
        response = client.post(reverse("staff_conference_new"), conference_form(number=17))
        assert "The XVII Regional Conference on Migration exists already." in response.content.decode()

    def test_control_characters_in_the_theme_or_a_city_are_refused(self, client, seeded, editor):
        client.force_login(editor)
        response = client.post(
            reverse("staff_conference_new"),
            conference_form(theme_en="Migration\x0b and development", cities="San\x01 José"),
        )
        form = response.context["form"]
        assert form.errors["theme_en"] == [
            "Contains a control character (U+000B) at character 10, after “Migration”; remove it."
        ]
        assert form.errors["cities"] == [
            "A city contains a control character (U+0001) at character 4, after “San”; remove it."
        ]
        assert not Conference.objects.filter(number=30).exists()

    def test_participants_are_added_with_their_role(self, client, seeded, editor):
        client.force_login(editor)
        form = conference_form(
            **{
                "participants-TOTAL_FORMS": 2,
                "participants-0-role": "member_state",
                "participants-0-country": "",
                "participants-0-position": 1,
                "participants-1-role": "observer_organization",
                "participants-1-position": 2,
            }
        )
        from rcm.base.models import Country, Organization

        form["participants-0-country"] = Country.objects.get(code="CR").pk
        form["participants-1-organization"] = Organization.objects.get(acronym="IOM").pk
        client.post(reverse("staff_conference_new"), form)
        conference = Conference.objects.get(number=30)
        assert [str(p.actor) for p in conference.participations.order_by("position")] == ["Costa Rica", "IOM"]


class TestConferenceForm:
    def test_the_number_is_taken_in_roman_numerals_and_shown_so(self, client, seeded, editor):
        client.force_login(editor)
        response = client.post(reverse("staff_conference_new"), conference_form(number="xxx"), follow=True)
        assert Conference.objects.filter(number=30).exists()
        assert 'value="XXX"' in response.content.decode()

    def test_a_number_that_is_neither_is_explained(self, client, seeded, editor):
        client.force_login(editor)
        response = client.post(reverse("staff_conference_new"), conference_form(number="XXXX"))
        assert response.context["form"].errors["number"] == [
            "Write the number in Roman numerals (XXV) or in figures (25)."
        ]

    def test_it_offers_no_generated_test_data(self, client, seeded, editor):
        client.force_login(editor)
        assert "Synthetic" not in client.get(reverse("staff_conference_new")).content.decode()
        response = client.post(reverse("staff_conference_new"), conference_form(kind="synthetic"))
        assert "kind" in response.context["form"].errors
        assert not Conference.objects.filter(number=30).exists()

    def test_every_participant_field_is_named_for_its_row(self, client, seeded, editor):
        client.force_login(editor)
        content = client.get(reverse("staff_conference_new")).content.decode()
        assert 'aria-label="Participant 3: State"' in content
        assert 'aria-label="Participant __row__: State"' in content  # the row the page's script copies

    def test_add_a_row_without_script_saves_nothing_and_keeps_what_was_typed(self, client, seeded, editor):
        client.force_login(editor)
        form = conference_form(**{"participants-TOTAL_FORMS": 1, "participants-0-role": "member_state"})
        response = client.post(reverse("staff_conference_new"), {**form, "add_rows": "participants"})
        assert response.context["participations"].total_form_count() == 6
        assert 'value="member_state" selected' in response.content.decode()
        assert not Conference.objects.filter(number=30).exists()


class TestWorkflow:
    def test_draft_then_circulated_then_published(self, client, seeded, editor, publisher, delegate):
        client.force_login(editor)
        client.post(reverse("staff_conference_new"), conference_form())
        conference = Conference.objects.get(number=30)
        declaration = _new_declaration(client, conference)
        client.post(
            reverse("staff_declaration_edit", args=[declaration.pk]),
            _paragraph_forms(declaration, ["Recognized the first thing.", "Agreed the second."], revision=1),
        )
        assert [(p.verb, p.text) for p in declaration.paragraphs.order_by("position")] == [
            ("Recognized", "Recognized the first thing."),
            ("Agreed", "Agreed the second."),
        ]
        page = conference.get_absolute_url() + "declaration/"
        client.post(reverse("staff_declaration_circulate", args=[declaration.pk]), {"revision": 2})
        client.logout()
        assert client.get(page).status_code == 404
        client.force_login(delegate)
        assert b"DRAFT: circulated to delegates" in client.get(page).content
        client.force_login(publisher)
        client.post(reverse("staff_declaration_publish", args=[declaration.pk]), {"revision": 3})
        client.logout()
        response = client.get(page)
        assert response.status_code == 200 and b"DRAFT" not in response.content
        declaration.refresh_from_db()
        assert declaration.published_by == publisher and declaration.published_at is not None

    def test_each_step_asks_for_confirmation_first(self, client, seeded, publisher):
        client.force_login(publisher)
        draft = Declaration.objects.create(conference=Conference.objects.get(number=18), language="en", title="T")
        published = Declaration.objects.get(conference__number=17)
        for name, declaration, button in [
            ("staff_declaration_circulate", draft, 'class="button primary">Circulate to delegates</button>'),
            ("staff_declaration_publish", draft, 'class="button primary">Publish</button>'),
            ("staff_declaration_unpublish", published, 'class="button danger">Unpublish</button>'),
        ]:
            response = client.get(reverse(name, args=[declaration.pk]))
            assert response.status_code == 200 and button in response.content.decode(), name

    def test_paragraphs_are_reordered_and_removed(self, client, seeded, editor):
        client.force_login(editor)
        declaration = Declaration.objects.create(conference=Conference.objects.get(number=18), language="en", title="T")
        client.post(
            reverse("staff_declaration_edit", args=[declaration.pk]),
            _paragraph_forms(declaration, ["Noted one.", "Noted two.", "Noted three."], revision=1),
        )
        data = _paragraph_forms(declaration, ["Noted one.", "Noted two.", "Noted three."], revision=2)
        data["paragraphs-0-ORDER"], data["paragraphs-2-ORDER"] = 3, 1
        data["paragraphs-1-DELETE"] = "on"
        client.post(reverse("staff_declaration_edit", args=[declaration.pk]), data)
        assert [p.text for p in declaration.paragraphs.order_by("position")] == ["Noted three.", "Noted one."]
        assert [p.position for p in declaration.paragraphs.order_by("position")] == [1, 2]

    def test_unpublishing_needs_a_reason_and_keeps_it(self, client, seeded, publisher):
        client.force_login(publisher)
        declaration = Declaration.objects.get(conference__number=17)
        url = reverse("staff_declaration_unpublish", args=[declaration.pk])
        response = client.post(url, {"revision": declaration.revision, "reason": ""})
        assert b"This field is required." in response.content
        response = client.post(url, {"revision": declaration.revision, "reason": "Wrong\x1f date"})
        assert "Contains a control character (U+001F) at character 6, after “Wrong”" in response.content.decode()
        declaration.refresh_from_db()
        assert declaration.is_published
        client.post(url, {"revision": declaration.revision, "reason": "Wrong date in the title"})
        declaration.refresh_from_db()
        assert declaration.status == "draft"
        assert declaration.history.first().history_change_reason == "Unpublished: Wrong date in the title"
        client.logout()
        assert client.get("/conferences/17/declaration/").status_code == 404

    def test_a_publisher_corrects_a_published_text_and_readers_see_it(self, client, seeded, publisher):
        client.force_login(publisher)
        declaration = Declaration.objects.get(conference__number=17)
        texts = [p.text for p in declaration.paragraphs.order_by("position")]
        texts[1] = texts[1].replace("Emphasized", "Stressed")
        client.post(
            reverse("staff_declaration_edit", args=[declaration.pk]),
            _paragraph_forms(declaration, texts, revision=declaration.revision),
        )
        client.logout()
        content = client.get("/conferences/17/declaration/").content.decode()
        assert "Stressed the importance" in content and "corrected on" in content

    def test_an_editor_cannot_correct_a_published_text(self, client, seeded, editor):
        client.force_login(editor)
        declaration = Declaration.objects.get(conference__number=17)
        data = _paragraph_forms(declaration, ["Only this."], revision=declaration.revision)
        assert client.post(reverse("staff_declaration_edit", args=[declaration.pk]), data).status_code == 403
        assert declaration.paragraphs.count() == 6


class TestNoLostUpdate:
    def test_a_save_on_a_stale_copy_is_refused_showing_both_texts(self, client, seeded, editor, publisher):
        declaration = Declaration.objects.create(
            conference=Conference.objects.get(number=18), language="en", title="T", opening="Opening as typed."
        )
        url = reverse("staff_declaration_edit", args=[declaration.pk])
        # Both open the form at revision 1; the first saves, then the second.
        client.force_login(editor)
        first = client.post(url, _paragraph_forms(declaration, [], revision=1, opening="Ana's opening."))
        assert first.status_code == 302
        client.force_login(publisher)
        second = client.post(url, _paragraph_forms(declaration, [], revision=1, opening="Pat's opening."))
        content = second.content.decode()
        assert second.status_code == 409
        assert "Not saved: someone changed this meanwhile" in content
        assert "Pat&#x27;s opening." in content and "Ana&#x27;s opening." in content
        declaration.refresh_from_db()
        assert declaration.opening == "Ana's opening."

    def test_a_stale_conference_form_is_refused(self, client, seeded, editor):
        client.force_login(editor)
        conference = Conference.objects.get(number=18)
        url = reverse("staff_conference_edit", args=[conference.pk])
        form = conference_form(number=18, theme_en="First theme", start_date="", end_date="", planned_year=2013)
        assert client.post(url, form).status_code == 302
        response = client.post(url, {**form, "theme_en": "Second theme"})
        assert response.status_code == 409
        conference.refresh_from_db()
        assert conference.theme_en == "First theme"


class TestTamperedForms:
    """What a hand-made POST can send: each gets a clear answer and changes nothing."""

    @pytest.fixture
    def draft(self, client, seeded, editor) -> Declaration:
        client.force_login(editor)
        declaration = Declaration.objects.create(conference=Conference.objects.get(number=18), language="en", title="T")
        client.post(
            reverse("staff_declaration_edit", args=[declaration.pk]),
            _paragraph_forms(declaration, ["Noted one.", "Noted two.", "Noted three."], revision=1),
        )
        declaration.refresh_from_db()
        return declaration

    def _paragraphs(self, declaration: Declaration) -> list[tuple[int, str]]:
        return list(declaration.paragraphs.order_by("position").values_list("position", "text"))

    @pytest.mark.parametrize("other", ["of another text", "that does not exist"])
    def test_a_paragraph_id_not_of_this_text_is_refused(self, client, draft, other):
        xvii = Declaration.objects.get(conference__number=17)
        stranger = xvii.paragraphs.get(position=1).pk if other == "of another text" else 999999
        before, xvii_before = self._paragraphs(draft), self._paragraphs(xvii)
        data = _paragraph_forms(draft, ["Noted one.", "Changed two.", "Noted three."], revision=draft.revision)
        data["paragraphs-1-id"] = stranger
        response = client.post(reverse("staff_declaration_edit", args=[draft.pk]), data)
        assert response.status_code == 200
        assert "This row is not one of this declaration’s" in response.content.decode()
        assert self._paragraphs(draft) == before
        assert self._paragraphs(xvii) == xvii_before

    def test_paragraphs_the_page_left_out_are_numbered_after_the_others(self, client, draft):
        data = _paragraph_forms(draft, ["Noted one.", "Noted two."], revision=draft.revision)
        data["paragraphs-0-ORDER"], data["paragraphs-1-ORDER"] = 2, 1
        client.post(reverse("staff_declaration_edit", args=[draft.pk]), data)
        assert self._paragraphs(draft) == [(1, "Noted two."), (2, "Noted one."), (3, "Noted three.")]

    def test_a_cycle_of_paragraphs_is_renumbered(self, client, draft):
        data = _paragraph_forms(draft, ["Noted one.", "Noted two.", "Noted three.", "Noted four."], revision=2)
        data["paragraphs-0-ORDER"], data["paragraphs-1-ORDER"], data["paragraphs-2-ORDER"] = 2, 3, 4
        data["paragraphs-3-ORDER"] = 1
        client.post(reverse("staff_declaration_edit", args=[draft.pk]), data)
        expected = [(1, "Noted four."), (2, "Noted one."), (3, "Noted two."), (4, "Noted three.")]
        assert self._paragraphs(draft) == expected

    def test_a_participant_of_another_conference_is_refused(self, client, seeded, editor):
        client.force_login(editor)
        conference = Conference.objects.get(number=18)
        stranger = Conference.objects.get(number=17).participations.first()
        data = conference_form(number=18, start_date="", end_date="", planned_year=2013, revision=conference.revision)
        data.update(
            {
                "participants-TOTAL_FORMS": 1,
                "participants-INITIAL_FORMS": 1,
                "participants-0-id": stranger.pk,
                "participants-0-role": "member_state",
                "participants-0-country": stranger.country_id,
                "participants-0-position": 1,
            }
        )
        response = client.post(reverse("staff_conference_edit", args=[conference.pk]), data)
        assert "This row is not one of this conference’s" in response.content.decode()
        assert not conference.participations.exists()
        assert Participation.objects.get(pk=stranger.pk).conference.number == 17

    @pytest.mark.parametrize("revision", ["", "abc", "-1"])
    def test_a_workflow_step_without_a_revision_is_refused(self, client, seeded, publisher, revision):
        client.force_login(publisher)
        declaration = Declaration.objects.get(conference__number=17)
        url = reverse("staff_declaration_unpublish", args=[declaration.pk])
        response = client.post(url, {"revision": revision, "reason": "A typo"}, follow=True)
        assert "The page did not say which version of the record it showed" in response.content.decode()
        declaration.refresh_from_db()
        assert declaration.is_published
