"""The NLU training data generator writes some examples the way people chat: without
accents and with their language's shortenings, outside the entities."""

from __future__ import annotations

import importlib.util
import random
import sys

from core.settings import ROOT

_SPEC = importlib.util.spec_from_file_location("generate", ROOT / "scripts/nlu_data/generate.py")
assert _SPEC and _SPEC.loader
generate = importlib.util.module_from_spec(_SPEC)
sys.modules["generate"] = generate
_SPEC.loader.exec_module(generate)


def test_an_example_without_accents_keeps_its_annotations() -> None:
    example = "je cherche des [crevettes congelées](product) du [Sénégal](country)"
    assert generate.unaccented(example) == (
        "je cherche des [crevettes congelees](product) du [Senegal](country)"
    )


def test_chat_spellings_change_words_outside_entities_only() -> None:
    spellings = {"quelqu'un": ["qqn"], "s'il vous plaît": ["svp"], "vous": ["vs"]}
    example = "quelqu'un vend des [vous-même chips](product) s'il vous plaît"
    chatted = generate.chatty(random.Random(1), example, spellings)
    assert chatted == "qqn vend des [vous-même chips](product) svp"


def test_every_language_of_the_chat_spellings_is_one_of_the_assistants() -> None:
    assert set(generate.CHAT_SPELLINGS) <= set(generate.LANGS)
