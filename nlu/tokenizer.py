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
    r"|(?P<word>[[\p{L}\p{M}\p{N}]--[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}ー]]"
    r"(?:[[\p{L}\p{M}\p{N}]--[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}ー]]"
    r"|[.\-'’](?=[\p{L}\p{N}]))*)",
    regex.VERSION1,
)
# Japanese particles that glue onto neighbouring hiragana words ("はちみつの", "のはちみつ").
_PARTICLES = set("のをはがにでともへや")
# Korean particles written onto a noun ("상하이에", "러시아어로", "3시에").
_JOSA = ("에서", "으로", "에", "로", "와", "과", "를", "을", "의", "는", "은", "이", "가", "도", "만")
# Counters after numbers in Korean times and dates ("3시", "6일").
_KO_UNITS = ("시", "분", "일", "월", "시간")


def _words() -> List[Text]:
    if not WORDS.exists():
        return []
    lines = (line.strip() for line in WORDS.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _segmenter() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    segmenter = jieba.Tokenizer()
    for word in _words():
        segmenter.add_word(word, freq=200000)
    return segmenter


KANA_WORDS = sorted(
    (w for w in _words() if regex.fullmatch(r"[\p{Katakana}\p{Hiragana}ー]+", w)), key=len, reverse=True
)


def _particles(run: Text) -> List[Text]:
    """Separates one leading and one trailing particle from a longer unknown hiragana run."""
    head: List[Text] = []
    tail: List[Text] = []
    if len(run) > 2 and run[0] in _PARTICLES:
        head, run = [run[0]], run[1:]
    if len(run) > 2 and run[-1] in _PARTICLES:
        tail, run = [run[-1]], run[:-1]
    return head + [run] + tail


def _kana(run: Text) -> List[Text]:
    """Known words ("はちみつ", "スキンケア") become tokens of their own; the rest stays whole."""
    words: List[Text] = []
    unknown = ""
    i = 0
    while i < len(run):
        known = next((w for w in KANA_WORDS if run.startswith(w, i)), None)
        if known is None:
            unknown += run[i]
            i += 1
            continue
        if unknown:
            words += _particles(unknown)
            unknown = ""
        words.append(known)
        i += len(known)
    if unknown:
        words += _particles(unknown)
    return words


HANGUL_WORDS = sorted(
    [w for w in _words() if regex.fullmatch(r"\p{Hangul}+", w)] + list(_KO_UNITS),
    key=len,
    reverse=True,
)


def _hangul(run: Text) -> List[Text]:
    """Separates a particle from a known noun: "상하이에" -> "상하이" + "에"."""
    for word in HANGUL_WORDS:
        rest = run[len(word) :]
        if run.startswith(word) and rest in _JOSA:
            return [word, rest]
    return [run]


def split(text: Text, segmenter: Any) -> List[tuple[Text, int]]:
    """(token text, start offset) pairs for a message in any of our eight languages."""
    pieces: List[tuple[Text, int]] = []
    for match in _RUNS.finditer(text):
        run, offset = match.group(), match.start()
        if match.lastgroup == "han":
            words = list(segmenter.cut(run, HMM=False))
        elif match.lastgroup in {"katakana", "hiragana"}:
            words = _kana(run)
        elif match.lastgroup == "hangul":
            words = _hangul(run)
        else:
            words = [run]
        for word in words:
            pieces.append((word, offset))
            offset += len(word)
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
