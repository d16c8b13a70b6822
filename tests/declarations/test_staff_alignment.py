"""The staff screens say when a text and its translation do not align. [Test data] texts only."""

from tests.declarations.bilingual import DECISIONS_ES, PARAGRAPHS_ES, bilingual, english, imported, spanish


class TestStaffScreensSayWhatDoesNotAlign:
    def test_the_edit_and_publish_screens_name_the_mismatch(self, client, seeded, publisher):
        imported(english(30))
        draft = imported(spanish(30, status="draft", paragraphs=PARAGRAPHS_ES[:2], decisions=[DECISIONS_ES[0]]))
        client.force_login(publisher)
        for address in (f"/staff/declarations/{draft.pk}/", f"/staff/declarations/{draft.pk}/publish/"):
            content = client.get(address).content.decode()
            assert "The two language versions do not align:" in content, address
            assert "Paragraph 3 is in the English text only." in content
            assert "RCM XXX/2 has no Spanish text." in content
            assert 'href="/conferences/30/declaration/side-by-side/"' in content

    def test_nothing_is_said_when_they_align(self, client, seeded, editor):
        en, _spanish = bilingual(30, es_status="draft")
        client.force_login(editor)
        assert "do not align" not in client.get(f"/staff/declarations/{en.pk}/").content.decode()

    def test_nor_for_a_text_in_one_language(self, client, seeded, editor):
        en = imported(english(30, status="draft"))
        client.force_login(editor)
        assert "do not align" not in client.get(f"/staff/declarations/{en.pk}/").content.decode()
