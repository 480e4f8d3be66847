"""The conversation cues of data/dialogue/ as the app reads them."""

from __future__ import annotations

from core import cues


def test_the_longest_cue_is_found() -> None:
    assert cues.find("¿en qué pabellón está?", "where", "es") == "qué pabellón"


def test_what_a_message_says_after_a_cue() -> None:
    rest = cues.after("busco a Aceitunas La Andaluza", "company_object", "es")
    assert rest == "Aceitunas La Andaluza"
    assert cues.after("busco aceitunas", "company_object", "es") is None


def test_german_cues_typed_without_umlauts() -> None:
    assert cues.has("Rohkaffee fuer unsere Roesterei", "purpose", "de")
    assert cues.has("Rohkaffee für unsere Rösterei", "purpose", "de")
