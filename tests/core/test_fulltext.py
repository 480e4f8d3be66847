"""Words and their stems: forms of one word in one language, not words of two languages
whose stems only meet."""

from __future__ import annotations

import pytest

from core.fulltext import (
    compound_parts,
    compound_query,
    compound_tokens,
    index_text,
    join_slashed,
    phrase_tokens,
    russian_adjectives_first,
    same_word,
    stem,
    units,
    with_elided_tails,
)


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


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("medical", "médical"),
        ("congelees", "congelées"),
        ("epices", "épices"),
        ("electricas", "eléctricas"),
    ],
)
def test_a_word_typed_without_its_accents_has_its_stem(typed: str, written: str) -> None:
    assert stem(typed) == stem(written)


def test_words_whose_stems_meet_across_languages_are_not_one_word() -> None:
    assert stem("helles") == stem("helado")  # the index's stem is one for all languages
    assert not same_word("helles", "helado")


@pytest.mark.parametrize(
    ("small", "word"),
    [("nach", "nachos"), ("bitte", "bitters"), ("pas", "pasas"), ("zum", "zumo"), ("con", "coñá")],
)
def test_a_small_word_of_one_language_is_no_form_of_another_word(small: str, word: str) -> None:
    """ "nach China" names no nachos, "bitte" no bitters."""
    assert not same_word(small, word)
    assert not same_word(word, small)


def test_words_sharing_less_than_they_cut_off_are_two_words() -> None:
    assert not same_word("morant", "moras")  # a name's word, and blackberries
    assert same_word("vins", "vin") and same_word("uvas", "uva")


def test_units_keep_the_word_beside_its_stem() -> None:
    [unit] = units("Weine")
    assert (unit.text, unit.word) == ("wein", "weine")
    assert unit == units("Wein")[0]  # the word takes no part in equality


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("edelstahlkochtöpfe", ("edelstahl", "koch", "töpfe")),
        ("hüftimplantate", ("hüft", "implantate")),
        ("bearbeitungszentren", ("bearbeitung", "zentren")),  # the linking -s-
        ("schweinefleisch", ("schweine", "fleisch")),  # never "sch" + "wein"
        ("kühltransporte", ("kühl", "transporte")),  # the fewest parts
        ("transporte", ()),  # a word commoner than its would-be parts
        ("verstärker", ()),  # "ver" is a prefix, no word
        ("sunglasses", ()),
        ("rapsöl", ("raps", "öl")),  # the one two-letter head
        ("mineralwasser", ("mineral", "wasser")),  # commoner than "Mineral", rarer than water
        ("schweine", ()),  # "sch" is no word: pigs are never "Weine"
        ("caliente", ()),  # Spanish: no "cali" + "ente"
        ("presente", ()),
    ],
)
def test_german_compounds_split_into_words(word: str, parts: tuple[str, ...]) -> None:
    assert compound_parts(word) == parts


def test_a_compound_is_indexed_by_its_tails_and_marked_first_parts() -> None:
    tokens = compound_tokens("edelstahlkochtöpfe")
    assert {stem("kochtöpfe"), stem("töpfe")} <= set(tokens)
    assert stem("koch") not in tokens  # only marked: "Koch" finds no saucepans
    assert set(compound_query("kochtöpfe")) <= set(tokens)
    assert not set(compound_query("zahnimplantate")) <= set(compound_tokens("hüftimplantate"))


def test_a_word_joined_to_the_next_by_a_hyphen_only_qualifies_it() -> None:
    """ "Luft-Wasser-Wärmepumpen" are heat pumps: neither "Wasser" nor "Wasserpumpen"
    finds them, the phrase does."""
    tokens = set(index_text(["Luft-Wasser-Wärmepumpen"], []).split())
    assert stem("wasser") not in tokens
    assert not set(compound_query("wasserpumpen")) <= tokens
    assert set(phrase_tokens("Wasser-Wärmepumpen")) <= tokens
    assert stem("wärmepumpen") in tokens
    # An acronym before the hyphen names the product: "ESP" finds ESP control units.
    assert stem("esp") in index_text(["ESP-Steuergeräte"], []).split()


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("weine", "wein", True),
        ("kartoffeln", "kartoffel", True),
        ("congeladas", "congelado", True),  # a Spanish adjective's gender and number
        ("сырами", "сыр", True),
        # One language's stemmer cutting a foreign word too far.
        ("tablets", "tables", False),  # German: "tabl" for both
        ("rugged", "rugs", False),  # English: "rug" for both
        ("helles", "helado", False),
        ("hạt", "hat", False),  # a Vietnamese word, no English one without its marks
        # A Russian adjective is no form of the noun it shares a stem with.
        ("мороженая", "мороженое", False),
        ("мороженого", "мороженое", True),
        ("колодок", "колодки", True),
    ],
)
def test_same_word(a: str, b: str, same: bool) -> None:
    assert same_word(a, b) is same


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("ж/д доставка", "жд доставка"),
        ("техника для с/х", "техника для сх"),
        ("и/или", "и/или"),  # words, not letters
        ("24/7", "24/7"),
        ("w/o sugar", "w/o sugar"),  # Latin letters: not this abbreviation
    ],
)
def test_two_russian_letters_joined_by_a_slash_are_one_word(text: str, joined: str) -> None:
    assert join_slashed(text) == joined


def test_a_slashed_abbreviation_is_one_word_of_the_word_index() -> None:
    assert index_text(["ж/д перевозки"], []) == index_text(["жд перевозки"], [])


@pytest.mark.parametrize(
    ("text", "usual"),
    [
        ("погрузчики вилочные дизель", "вилочные погрузчики дизель"),
        ("черепица керамическая", "керамическая черепица"),
        ("масло оливковое", "оливковое масло"),
        ("вилочные погрузчики", None),  # already in the usual order
        ("кофе в зернах", None),  # a complement, no adjective
        ("olive oil", None),
    ],
)
def test_a_russian_noun_before_its_adjectives(text: str, usual: str | None) -> None:
    assert russian_adjectives_first(text) == usual


@pytest.mark.parametrize(
    ("text", "written_out"),
    [
        ("Outdoor- und Wintersportartikel", "Outdoorartikel und Wintersportartikel"),
        ("Kaffee- und Teemaschinen", "Kaffeemaschinen und Teemaschinen"),
        ("Obst- oder Gemüsekonserven", "Obstkonserven oder Gemüsekonserven"),
        ("Zucker- und Salz", "Zucker- und Salz"),  # no compound after: nothing to share
        # The second does not split ("fräs" is no word); the first with its tail does.
        ("CNC Dreh- oder Fräsmaschinen", "CNC Drehmaschinen oder Fräsmaschinen"),
    ],
)
def test_compounds_sharing_a_tail_are_written_out(text: str, written_out: str) -> None:
    assert with_elided_tails(text) == written_out
