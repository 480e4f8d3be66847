"""Words and their stems: forms of one word in one language, not words of two languages
whose stems only meet."""

from __future__ import annotations

import pytest

from core.fulltext import same_word, stem, units


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("wines", "wine"),
        ("weine", "wein"),
        ("vins", "vin"),
        ("fromages", "fromage"),
        ("мёда", "мёд"),
    ],
)
def test_forms_of_one_word(a: str, b: str) -> None:
    assert same_word(a, b)


def test_words_whose_stems_meet_across_languages_are_not_one_word() -> None:
    assert stem("helles") == stem("helado")  # the index's stem is one for all languages
    assert not same_word("helles", "helado")


def test_units_keep_the_word_beside_its_stem() -> None:
    [unit] = units("Weine")
    assert (unit.text, unit.word) == ("wein", "weine")
    assert unit == units("Wein")[0]  # the word takes no part in equality
