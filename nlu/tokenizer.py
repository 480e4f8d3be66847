"""One tokenizer for Chinese, Japanese, Korean, Latin and Cyrillic text in a single model.

Text is split into script runs; Han runs are segmented with jieba (with our domain words
added so entity boundaries fall on token boundaries), kana runs stay whole per script, and
alphabetic words keep inner dots and hyphens ("8.2", "8.2A-05", "Ma'anshan"). Token offsets
are exact character offsets into the original text.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

import jieba
import regex
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

WORDS = Path(__file__).with_name("words.txt")

_RUNS = regex.compile(
    r"(?P<han>\p{Han}+)"
    r"|(?P<katakana>[\p{Katakana}ー]+)"
    r"|(?P<hiragana>\p{Hiragana}+)"
    r"|(?P<hangul>\p{Hangul}+)"
    r"|(?P<word>[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}]|[.\-'’](?=[\p{L}\p{M}\p{N}]))*)",
    regex.VERSION1,
)
_ALPHA = regex.compile(r"[\p{Han}\p{Katakana}\p{Hiragana}\p{Hangul}]")


def _segmenter() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    segmenter = jieba.Tokenizer()
    if WORDS.exists():
        for line in WORDS.read_text(encoding="utf-8").splitlines():
            word = line.strip()
            if word and not word.startswith("#"):
                segmenter.add_word(word, freq=200000)
    return segmenter


def split(text: Text, segmenter: Any) -> List[tuple[Text, int]]:
    """(token text, start offset) pairs for a message in any of our eight languages."""
    pieces: List[tuple[Text, int]] = []
    for match in _RUNS.finditer(text):
        run, start = match.group(), match.start()
        if match.lastgroup == "han":
            offset = start
            for word in segmenter.cut(run, HMM=False):
                pieces.append((word, offset))
                offset += len(word)
        else:
            pieces.append((run, start))
    return pieces


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False
)
class MultilingualTokenizer(Tokenizer):
    """Script-aware tokenizer: jieba for Han runs, whole runs for kana, words elsewhere."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
        }

    def __init__(self, config: Dict[Text, Any]) -> None:
        super().__init__(config)
        self._segmenter = _segmenter()

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "MultilingualTokenizer":
        return cls(config)

    @staticmethod
    def not_supported_languages() -> Optional[List[Text]]:
        return None

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        text = message.get(attribute)
        tokens = [
            Token(word, start) for word, start in split(text, self._segmenter) if word.strip()
        ]
        if not tokens:  # Rasa needs at least one token, e.g. for "?!"
            tokens = [Token(text, 0)]
        return self._apply_token_pattern(tokens)
