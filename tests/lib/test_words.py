"""Text cut for a message or a label: between words, with one ellipsis; one full stop at a message's end."""

import pytest

from rcm.lib.words import sentence, shorten, word_changes, word_diff

TASK = "Prepare a study on remittances for local development."


@pytest.mark.parametrize(
    ("limit", "shortened"),
    [
        (60, TASK),
        (45, "Prepare a study on remittances for local…"),
        (52, "Prepare a study on remittances for local…"),
        (53, TASK),  # fits exactly: kept whole
        (5, "Prep…"),  # one word longer than the limit is all there is to cut
    ],
)
def test_shorten_cuts_between_words_with_one_ellipsis(limit, shortened):
    assert shorten(TASK, limit) == shortened
    assert len(shorten(TASK, limit)) <= limit


def test_shorten_leaves_no_punctuation_before_its_ellipsis():
    assert shorten("Approve the plan. Then report on it to the next meeting.", 22) == "Approve the plan…"
    assert shorten("Renew the mandate, and report", 20) == "Renew the mandate…"


@pytest.mark.parametrize(
    ("text", "ended"),
    [
        ("Saved RCM XVII/5", "Saved RCM XVII/5."),
        ("Nothing was saved: it is published.", "Nothing was saved: it is published."),
        ("Added the mandate: Costa Rica: Prepare a study on…", "Added the mandate: Costa Rica: Prepare a study on…"),
    ],
)
def test_a_sentence_ends_with_one_full_stop(text, ended):
    assert sentence(text) == ended


def test_word_changes_show_both_texts_whole_and_escaped():
    old, new = word_changes("Approve the <b>budget</b> for 2015.", "Approve the budget for 2016.")
    assert old == "Approve the <del>&lt;b&gt;budget&lt;/b&gt;</del> for <del>2015.</del>"
    assert new == "Approve the <ins>budget</ins> for <ins>2016.</ins>"
    assert word_diff("a b c", "a c d") == "a <del>b</del> c <ins>d</ins>"
