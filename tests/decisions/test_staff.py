import lxml.html
from django.urls import reverse

from decisions.models import Decision, Link, Mention, Topic
from declarations.models import Conference, Declaration
from rcm.base.models import Body, Country
from tests.factories import conference_with_declaration


def _decision_form(**changes) -> dict:
    data = {
        "number": 1,
        "text_en": "Approve the plan.",
        "text_es": "",
        "deadline": "",
        "deadline_text": "",
        "revision": 1,
    }
    return {**data, **changes}


def _draft_conference(number: int = 30) -> Conference:
    return conference_with_declaration(number, decisions=2, status="draft").conference


class TestDecisionEdit:
    def test_an_editor_adds_a_decision_with_mandates(self, client, seeded, editor):
        client.force_login(editor)
        conference = _draft_conference()
        secretariat = Body.objects.get(slug="technical-secretariat")
        panama = Country.objects.get(code="PA")
        response = client.post(
            reverse("staff_decision_new", args=[conference.pk]),
            _decision_form(number=3, mandated_bodies=[secretariat.pk], mentioned_states=[panama.pk]),
            follow=True,
        )
        decision = Decision.objects.get(conference=conference, number=3)
        assert b"Saved RCM XXX/3." in response.content
        assert {(m.role, str(m.actor)) for m in decision.mentions.all()} == {
            ("mandated", "Technical Secretariat"),
            ("mentioned", "Panama"),
        }

    def test_a_taken_number_says_which_decision_has_it(self, client, seeded, editor):
        client.force_login(editor)
        conference = _draft_conference()
        response = client.post(reverse("staff_decision_new", args=[conference.pk]), _decision_form(number=2))
        assert "RCM XXX/2 exists already: “Decide item 2 of conference 30.”" in response.content.decode()
        assert conference.decisions.count() == 2

    def test_mentions_follow_the_form(self, client, seeded, editor):
        client.force_login(editor)
        decision = Decision.objects.get(conference=_draft_conference(), number=1)
        panama = Country.objects.get(code="PA")
        client.post(
            reverse("staff_decision_edit", args=[decision.pk]),
            _decision_form(text_en="Decide item 1.", revision=decision.revision, mandated_states=[panama.pk]),
        )
        assert [(m.role, m.country) for m in decision.mentions.all()] == [("mandated", panama)]

    def test_a_state_cannot_be_both_mandated_and_mentioned(self, client, seeded, editor):
        client.force_login(editor)
        decision = Decision.objects.get(conference=_draft_conference(), number=1)
        pa = Country.objects.get(code="PA").pk
        response = client.post(
            reverse("staff_decision_edit", args=[decision.pk]),
            _decision_form(revision=decision.revision, mandated_states=[pa], mentioned_states=[pa]),
        )
        assert "Mandated already, so not also mentioned: Panama." in response.content.decode()

    def test_a_text_is_required_in_one_language(self, client, seeded, editor):
        client.force_login(editor)
        conference = _draft_conference()
        response = client.post(
            reverse("staff_decision_new", args=[conference.pk]), _decision_form(number=3, text_en="")
        )
        assert "Give the decision&#x27;s text in English or in Spanish." in response.content.decode()

    def test_script_in_a_text_shows_as_text(self, client, seeded, editor, publisher):
        client.force_login(editor)
        decision = Decision.objects.get(conference=_draft_conference(), number=1)
        client.post(
            reverse("staff_decision_edit", args=[decision.pk]),
            _decision_form(text_en='<script>alert("x")</script>', revision=decision.revision),
        )
        for url in [
            reverse("staff_decision_edit", args=[decision.pk]),
            reverse("staff_history", args=["decision", decision.pk]),
        ]:
            assert "<script>alert" not in client.get(url).content.decode()
        declaration = Declaration.objects.get(conference=decision.conference)
        client.force_login(publisher)
        client.post(reverse("staff_declaration_publish", args=[declaration.pk]), {"revision": declaration.revision})
        client.logout()
        assert "<script>alert" not in client.get(decision.get_absolute_url()).content.decode()

    def test_a_control_character_in_a_text_is_refused_and_nothing_is_saved(self, client, seeded, editor):
        client.force_login(editor)
        decision = Decision.objects.get(conference=_draft_conference(), number=1)
        message = "Contains a control character (U+000B) at character 8, after “Approve”; remove it."
        added = client.post(
            reverse("staff_decision_new", args=[decision.conference_id]),
            _decision_form(number=3, text_en="Approve\x0bthe plan."),
        )
        edited = client.post(
            reverse("staff_decision_edit", args=[decision.pk]),
            _decision_form(text_en="Approve\x0bthe plan.", revision=decision.revision),
        )
        for response in (added, edited):
            assert response.status_code == 200
            assert response.context["form"].errors["text_en"] == [message]
            assert message in response.content.decode()
        assert decision.conference.decisions.count() == 2
        assert Decision.objects.get(pk=decision.pk).text_en == decision.text_en

    def test_a_stale_decision_form_is_refused(self, client, seeded, editor):
        client.force_login(editor)
        decision = Decision.objects.get(conference=_draft_conference(), number=1)
        url = reverse("staff_decision_edit", args=[decision.pk])
        client.post(url, _decision_form(text_en="First.", revision=1))
        response = client.post(url, _decision_form(text_en="Second.", revision=1))
        assert response.status_code == 409
        decision.refresh_from_db()
        assert decision.text_en == "First."


class TestWayBack:
    def test_a_decisions_page_links_to_its_texts_page(self, client, seeded, editor):
        client.force_login(editor)
        decision = Decision.objects.get(conference__number=17, conference__kind="ordinary", number=5)
        text = decision.outcome.texts.get()
        page = lxml.html.fromstring(client.get(reverse("staff_decision_edit", args=[decision.pk])).content)
        links = page.xpath("//nav[@class='breadcrumbs']/a")
        assert [(a.text_content(), a.get("href")) for a in links][1] == (
            "Declaration (English)",
            reverse("staff_declaration_edit", args=[text.pk]) + "#decisions",
        )

    def test_a_new_decisions_page_links_to_the_meetings_texts(self, client, seeded, editor):
        client.force_login(editor)
        conference = _draft_conference()
        text = conference.declarations.get()
        content = client.get(reverse("staff_decision_new", args=[conference.pk])).content.decode()
        assert f'href="{reverse("staff_declaration_edit", args=[text.pk])}#decisions"' in content


class TestSaveAndAddAnother:
    def test_it_saves_and_opens_the_next_number_of_the_same_document(self, client, seeded, editor):
        client.force_login(editor)
        conference = _draft_conference()
        response = client.post(
            reverse("staff_decision_new", args=[conference.pk]), {**_decision_form(number=3), "add_another": ""}
        )
        outcome = conference.principal_outcome()
        assert response.url == reverse("staff_decision_new", args=[conference.pk]) + f"?document={outcome.pk}"
        assert Decision.objects.filter(outcome=outcome, number=3).exists()
        assert client.get(response.url).context["form"]["number"].value() == 4

    def test_editors_choose_its_topics(self, client, seeded, editor):
        client.force_login(editor)
        decision = _draft_conference().decisions.get(number=1)
        children = Topic.objects.get(slug="migrant-children")
        assert (
            "Migrant children and unaccompanied minors"
            in client.get(reverse("staff_decision_edit", args=[decision.pk])).content.decode()
        )
        client.post(
            reverse("staff_decision_edit", args=[decision.pk]),
            _decision_form(number=1, revision=decision.revision, topics=[children.pk]),
        )
        assert list(decision.topics.all()) == [children]


def _text_page(client, declaration: Declaration, **changes) -> dict:
    """The text's page as its form posts it, with `changes` made (the rows the page's script would add too)."""
    url = reverse("staff_declaration_edit", args=[declaration.pk])
    form = lxml.html.fromstring(client.get(url).content).forms[-1]
    data = {name: value for name, value in form.form_values() if "__prefix__" not in name}
    return {**data, **changes}


class TestTextPage:
    def test_decisions_are_added_a_new_one_without_number_after_the_others(self, client, seeded, editor):
        client.force_login(editor)
        declaration = _draft_conference().declarations.get()
        data = _text_page(
            client,
            declaration,
            **{
                "decisions-2-number": "",
                "decisions-2-text_en": "Thank the host (test data).",
                "decisions-3-number": "",
                "decisions-3-text_en": "Meet again next year (test data).",
                "decisions-3-revision": "1",
                "decisions-TOTAL_FORMS": "4",
            },
        )
        response = client.post(reverse("staff_declaration_edit", args=[declaration.pk]), data, follow=True)
        assert b"Saved the text." in response.content
        numbers = declaration.outcome.decisions.order_by("number").values_list("number", "text_en")
        assert list(numbers)[2:] == [(3, "Thank the host (test data)."), (4, "Meet again next year (test data).")]

    def test_two_decisions_swap_numbers(self, client, seeded, editor):
        client.force_login(editor)
        declaration = _draft_conference().declarations.get()
        first, second = declaration.outcome.decisions.order_by("number")
        data = _text_page(client, declaration, **{"decisions-0-number": "2", "decisions-1-number": "1"})
        client.post(reverse("staff_declaration_edit", args=[declaration.pk]), data)
        first.refresh_from_db()
        second.refresh_from_db()
        assert (first.number, second.number) == (2, 1)

    def test_one_number_twice_is_refused_and_nothing_is_saved(self, client, seeded, editor):
        client.force_login(editor)
        declaration = _draft_conference().declarations.get()
        data = _text_page(client, declaration, **{"decisions-1-number": "1", "chapeau": "Nobody reads this:"})
        response = client.post(reverse("staff_declaration_edit", args=[declaration.pk]), data)
        assert "Two decisions are numbered 1: give each its own number." in response.content.decode()
        declaration.refresh_from_db()
        assert declaration.chapeau != "Nobody reads this:"

    def test_a_decision_changed_meanwhile_is_not_overwritten(self, client, seeded, editor):
        client.force_login(editor)
        declaration = _draft_conference().declarations.get()
        data = _text_page(client, declaration, **{"decisions-0-text_en": "Approve the older plan."})
        decision = declaration.outcome.decisions.get(number=1)
        decision.text_en = "Approve the newer plan."
        decision.save()
        Decision.objects.filter(pk=decision.pk).update(revision=decision.revision + 1)
        response = client.post(reverse("staff_declaration_edit", args=[declaration.pk]), data, follow=True)
        assert "Someone changed RCM XXX/1 meanwhile" in response.content.decode()
        decision.refresh_from_db()
        assert decision.text_en == "Approve the newer plan."

    def test_add_a_row_without_script_saves_nothing(self, client, seeded, editor):
        client.force_login(editor)
        declaration = _draft_conference().declarations.get()
        data = _text_page(
            client, declaration, **{"decisions-2-text_en": "Not yet (test data).", "add_rows": "decisions"}
        )
        response = client.post(reverse("staff_declaration_edit", args=[declaration.pk]), data)
        assert response.context["decisions"].total_form_count() == 8
        assert "Not yet (test data)." in response.content.decode()
        assert declaration.outcome.decisions.count() == 2


class TestLinks:
    def test_a_link_by_citation_shows_on_both_sides(self, client, seeded, editor, publisher):
        client.force_login(editor)
        conference = _draft_conference(40)
        decision = conference.decisions.get(number=1)
        response = client.post(
            reverse("staff_link_new", args=[decision.pk]), {"kind": "follows_up_on", "decision": "XVII/2"}, follow=True
        )
        assert b"Linked: RCM XL/1 follows up on RCM XVII/2." in response.content
        client.force_login(publisher)
        client.post(
            reverse("staff_declaration_publish", args=[conference.declarations.get().pk]),
            {"revision": conference.declarations.get().revision},
        )
        client.logout()
        assert "Followed up by" in client.get("/conferences/17/decisions/2/").content.decode()

    def test_a_link_by_words_of_the_text(self, client, seeded, editor):
        client.force_login(editor)
        decision = _draft_conference().decisions.get(number=1)
        client.post(
            reverse("staff_link_new", args=[decision.pk]), {"kind": "renews", "decision": "contract of Mr. Oliver"}
        )
        assert Link.objects.get(source=decision, kind="renews").target_decision.citation == "RCM XVII/8"

    def test_ambiguous_or_unknown_targets_are_explained(self, client, seeded, editor):
        client.force_login(editor)
        decision = _draft_conference().decisions.get(number=1)
        url = reverse("staff_link_new", args=[decision.pk])
        many = client.post(url, {"kind": "recalls", "decision": "Approve"}).content.decode()
        assert "Several decisions say “Approve”" in many and "type the citation" in many
        missing = client.post(url, {"kind": "recalls", "decision": "XVI/4"}).content.decode()
        assert "There is no decision XVI/4 in the archive." in missing
        assert not Link.objects.filter(source=decision, kind="recalls").exists()

    def test_removing_asks_first(self, client, seeded, publisher):
        client.force_login(publisher)
        link = Link.objects.get(source__conference__number=17, source__number=4)
        url = reverse("staff_link_delete", args=[link.pk])
        assert b"Remove this link?" in client.get(url).content
        assert Link.objects.filter(pk=link.pk).exists()
        client.post(url)
        assert not Link.objects.filter(pk=link.pk).exists()


class TestHistory:
    def test_it_shows_who_changed_what_as_a_diff(self, client, seeded, editor):
        client.force_login(editor)
        decision = Decision.objects.get(conference=_draft_conference(), number=1)
        client.post(
            reverse("staff_decision_edit", args=[decision.pk]),
            _decision_form(text_en="Decide item one of conference 30.", revision=decision.revision),
        )
        content = client.get(reverse("staff_history", args=["decision", decision.pk])).content.decode()
        assert "editor" in content
        assert "<del>1</del> <ins>one</ins>" in content

    def test_an_earlier_version_can_be_restored(self, client, seeded, editor):
        client.force_login(editor)
        decision = Decision.objects.get(conference=_draft_conference(), number=1)
        original = decision.history.earliest()
        client.post(
            reverse("staff_decision_edit", args=[decision.pk]),
            _decision_form(text_en="Changed.", revision=decision.revision),
        )
        decision.refresh_from_db()
        client.post(
            reverse("staff_history_restore", args=["decision", decision.pk, original.history_id]),
            {"revision": decision.revision},
        )
        decision.refresh_from_db()
        assert decision.text_en == "Decide item 1 of conference 30."
        assert decision.history.first().history_change_reason.startswith("Restored the version of")

    def test_a_deleted_link_can_be_restored(self, client, seeded, publisher):
        client.force_login(publisher)
        link = Link.objects.get(source__conference__number=17, source__number=4)
        client.post(reverse("staff_link_delete", args=[link.pk]))
        deleted = Link.history.filter(id=link.pk).earliest()
        client.post(reverse("staff_history_restore", args=["link", link.pk, deleted.history_id]))
        assert Link.objects.filter(pk=link.pk, target_document__slug="santa-fe-document").exists()

    def test_unknown_kinds_and_records_are_404(self, client, seeded, editor):
        client.force_login(editor)
        assert client.get("/staff/history/nothing/1/").status_code == 404
        assert client.get("/staff/history/decision/99999/").status_code == 404


def test_mentions_history_is_kept(seeded):
    assert Mention.history.count() == Mention.objects.count()
