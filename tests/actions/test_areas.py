"""The exhibition areas' names and words, as messages write them."""

from __future__ import annotations

import pytest

from actions.areas import area_named


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("Lebensmittel", "food"),
        ("Konsumgueter", "consumer"),  # typed without an umlaut
        # An area's stem with a short ending.
        ("médical", "medical"),
        ("medizinisch", "medical"),
        ("медицинский", "medical"),
        # Too short a stem, or too long an ending, names no area.
        ("cargo", None),
        ("medicamentos", None),
    ],
)
def test_an_areas_word_as_written(text: str, area: str | None) -> None:
    assert area_named(text) == area
