"""Intent cue features: one feature per cue class (greet, cancel, oos_weather, ...), shared by
all eight languages.

The word and character n-grams only know the words of the training sentences, so a greeting,
a cancel verb or an off-topic subject the sentences never used gives the classifier nothing to
go on. The cue lists in nlu/cues/<lang>.yml name many more such words per class; a class fires
for any of them, in any language, so what the classifier learns for a class from some words
carries over to all the others (including across languages).

Matching: case-insensitive; Chinese and Japanese entries match anywhere (there are no spaces
to find words by); other entries match whole words or phrases, and an entry ending in "*"
matches any word it starts.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Dict, List, Optional, Text, Tuple, Type

import numpy as np
import regex
import scipy.sparse
import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.sparse_featurizer.sparse_featurizer import SparseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

logger = logging.getLogger(__name__)

CUES_DIR = Path(__file__).with_name("cues")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")


def load_cues(directory: Path = CUES_DIR) -> Dict[Text, List[Text]]:
    """All languages' lists merged: cue class -> entries, in a stable order."""
    merged: Dict[Text, List[Text]] = {}
    for path in sorted(directory.glob("*.yml")):
        for name, entries in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            merged.setdefault(str(name), []).extend(str(e).strip() for e in entries or [] if str(e).strip())
    return {name: sorted(set(entries)) for name, entries in sorted(merged.items())}


_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")


class CueMatcher:
    """Finds cue entries in a text in well under a millisecond: Chinese and Japanese entries by
    substring search, the others by looking each word (and its prefixes, for stems) up in
    dictionaries keyed by the entry's first word."""

    def __init__(self, cues: Dict[Text, List[Text]]) -> None:
        self.names = [name for name, entries in cues.items() if entries]
        self._substrings: List[Tuple[Text, int]] = []
        self._phrases: Dict[Text, List[Tuple[Tuple[Text, ...], bool, int]]] = {}
        self._stems: Dict[Text, List[int]] = {}
        for index, name in enumerate(self.names):
            for entry in cues[name]:
                self._add(entry.casefold(), index)

    def _add(self, entry: Text, index: int) -> None:
        if _CJK.search(entry):
            self._substrings.append(("".join(entry.split()), index))
            return
        stem = entry.endswith("*")
        words = tuple(_WORD.findall(entry))
        if not words:
            return
        if stem and len(words) == 1:
            self._stems.setdefault(words[0], []).append(index)
        else:
            self._phrases.setdefault(words[0], []).append((words, stem, index))

    def matches(self, text: Text) -> List[Tuple[int, int, int]]:
        """(class index, start, end) of every cue found in the text."""
        folded = text.casefold()
        found: List[Tuple[int, int, int]] = []
        for entry, index in self._substrings:
            at = folded.find(entry)
            while at >= 0:
                found.append((index, at, at + len(entry)))
                at = folded.find(entry, at + 1)
        words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(folded)]
        for i, (word, start, end) in enumerate(words):
            for cut in range(2, len(word) + 1):
                for index in self._stems.get(word[:cut], ()):
                    found.append((index, start, end))
            for phrase, stem, index in self._phrases.get(word, ()):
                tail = words[i : i + len(phrase)]
                if len(tail) < len(phrase):
                    continue
                same = all(w == p for (w, _, _), p in zip(tail[:-1], phrase[:-1]))
                last = tail[-1][0]
                if same and (last.startswith(phrase[-1]) if stem else last == phrase[-1]):
                    found.append((index, start, tail[-1][2]))
        return found

    def classes(self, text: Text) -> List[Text]:
        """The cue classes that fire for a text (for tests and error analysis)."""
        return sorted({self.names[index] for index, _, _ in self.matches(text)})


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class CueFeaturizer(SparseFeaturizer, GraphComponent):
    """Sparse features: per token and per sentence, which cue classes match."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**SparseFeaturizer.get_default_config(), "cues": None}

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        cues: Optional[Dict[Text, List[Text]]] = None,
    ) -> None:
        super().__init__(execution_context.node_name, config)
        self._model_storage = model_storage
        self._resource = resource
        self.cues = cues or {}
        self.matcher = CueMatcher(self.cues)

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "CueFeaturizer":
        return cls(config, model_storage, resource, execution_context)

    def train(self, training_data: TrainingData) -> Resource:
        # The lists are read at training time and stored in the model, so a model never
        # depends on files outside it.
        directory = Path(self._config["cues"]) if self._config.get("cues") else CUES_DIR
        self.cues = load_cues(directory)
        self.matcher = CueMatcher(self.cues)
        with self._model_storage.write_to(self._resource) as model_dir:
            (model_dir / "cues.json").write_text(json.dumps(self.cues, ensure_ascii=False), encoding="utf-8")
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "CueFeaturizer":
        cues = None
        try:
            with model_storage.read_from(resource) as model_dir:
                cues = json.loads((model_dir / "cues.json").read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):
            logger.warning("CueFeaturizer: no stored cue lists in resource '%s'.", resource.name)
        return cls(config, model_storage, resource, execution_context, cues=cues)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for example in training_data.training_examples:
            self._featurize(example)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._featurize(message)
        return messages

    def _featurize(self, message: Message) -> None:
        text = message.get(TEXT)
        tokens = message.get(TOKENS_NAMES[TEXT], [])
        if not text or not tokens or not self.matcher.names:
            return
        sequence = np.zeros([len(tokens), len(self.matcher.names)])
        sentence = np.zeros([1, len(self.matcher.names)])
        for index, start, end in self.matcher.matches(text):
            sentence[0, index] = 1.0
            for position, token in enumerate(tokens):
                if token.start < end and token.end > start:
                    sequence[position, index] = 1.0
        self.add_features_to_message(
            scipy.sparse.coo_matrix(sequence), scipy.sparse.coo_matrix(sentence), TEXT, message
        )

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        pass
