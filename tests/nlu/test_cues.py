"""Cue lexicon and featurizer tests; run in the NLU venv: .venv-nlu/bin/python -m unittest discover -s tests/nlu"""

import collections
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import yaml  # noqa: E402
from rasa.engine.graph import ExecutionContext, GraphSchema  # noqa: E402
from rasa.engine.storage.local_model_storage import LocalModelStorage  # noqa: E402
from rasa.engine.storage.resource import Resource  # noqa: E402
from rasa.shared.nlu.constants import TEXT  # noqa: E402
from rasa.shared.nlu.training_data.message import Message  # noqa: E402
from rasa.shared.nlu.training_data.training_data import TrainingData  # noqa: E402

from nlu.cues import CUES_DIR, CueFeaturizer, CueMatcher, load_cues  # noqa: E402
from nlu.tokenizer import MultilingualTokenizer  # noqa: E402

LANGS = ["zh", "en", "ja", "ko", "de", "fr", "es", "ru"]
SAMPLE = {
    "greet": ["hi", "hello there", "你好", "こんにちは", "안녕*"],
    "cancel": ["cancel", "call off", "отмен*", "取消", "キャンセル", "취소*"],
    "oos_weather": ["weather", "天气", "погод*"],
}


class CueMatcherTest(unittest.TestCase):
    matcher = CueMatcher(SAMPLE)

    def test_whole_words_only_in_spaced_scripts(self) -> None:
        self.assertEqual(self.matcher.classes("hi!"), ["greet"])
        self.assertEqual(self.matcher.classes("this ship is white"), [])

    def test_phrases_match_across_any_spacing_and_case(self) -> None:
        self.assertEqual(self.matcher.classes("Hello   There"), ["greet"])
        self.assertEqual(self.matcher.classes("please CALL OFF tomorrow"), ["cancel"])
        self.assertEqual(self.matcher.classes("call me off"), [])

    def test_stems_match_inflected_words(self) -> None:
        self.assertEqual(self.matcher.classes("Отмените встречу"), ["cancel"])
        self.assertEqual(self.matcher.classes("какая погода"), ["oos_weather"])
        self.assertEqual(self.matcher.classes("내일 약속 취소할게요"), ["cancel"])
        self.assertEqual(self.matcher.classes("안녕하세요"), ["greet"])

    def test_chinese_and_japanese_match_inside_words(self) -> None:
        self.assertEqual(self.matcher.classes("明天天气怎么样"), ["oos_weather"])
        self.assertEqual(self.matcher.classes("帮我取消和Bosch的会"), ["cancel"])
        self.assertEqual(self.matcher.classes("予約をキャンセルして"), ["cancel"])

    def test_spans_point_into_the_original_text(self) -> None:
        text = "Hi, please cancel"
        spans = {self.matcher.names[i]: text[start:end] for i, start, end in self.matcher.matches(text)}
        self.assertEqual(spans, {"greet": "Hi", "cancel": "cancel"})

    def test_a_message_with_no_cue_matches_nothing(self) -> None:
        self.assertEqual(self.matcher.matches(""), [])
        self.assertEqual(self.matcher.classes("Nordic Medtech booth"), [])


class CueListsTest(unittest.TestCase):
    """The lists in nlu/cues/ are data the model is trained on; these keep them consistent."""

    lists = {lang: yaml.safe_load((CUES_DIR / f"{lang}.yml").read_text(encoding="utf-8")) for lang in LANGS}

    def test_every_language_has_every_class(self) -> None:
        classes = set(self.lists["en"])
        self.assertGreaterEqual(len(classes), 20)
        for lang, cues in self.lists.items():
            self.assertEqual(set(cues), classes, lang)
            for name, entries in cues.items():
                self.assertTrue(entries, f"{lang}:{name} is empty")

    def test_no_entry_is_a_cue_for_two_classes_of_one_language(self) -> None:
        for lang, cues in self.lists.items():
            counts = collections.Counter(e for entries in cues.values() for e in {str(x).casefold() for x in entries})
            self.assertEqual([e for e, n in counts.items() if n > 1], [], lang)

    def test_stems_are_long_enough_not_to_catch_unrelated_words(self) -> None:
        for lang, cues in self.lists.items():
            for entries in cues.values():
                for entry in map(str, entries):
                    # A stem after other words ("잘 가*") is anchored by them; a lone stem is not.
                    if entry.endswith("*") and " " not in entry:
                        self.assertGreaterEqual(len(entry.rstrip("*")), 2, f"{lang}: {entry}")

    def test_loaded_lists_merge_all_languages(self) -> None:
        cues = load_cues()
        self.assertIn("取消", cues["cancel"])
        self.assertIn("cancel", cues["cancel"])


CONTEXT = ExecutionContext(GraphSchema({}), node_name="cues")


def config(**overrides: object) -> dict:
    return {**CueFeaturizer.get_default_config(), **overrides}


def tokenized(text: str) -> Message:
    message = Message(data={TEXT: text})
    MultilingualTokenizer(MultilingualTokenizer.get_default_config()).process([message])
    return message


class CueFeaturizerTest(unittest.TestCase):
    def test_features_survive_persist_and_load(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            cues_dir = Path(tmp) / "cues"
            cues_dir.mkdir()
            (cues_dir / "en.yml").write_text(yaml.safe_dump(SAMPLE, allow_unicode=True), encoding="utf-8")
            (Path(tmp) / "model").mkdir()
            storage = LocalModelStorage(Path(tmp) / "model")
            settings = config(cues=str(cues_dir))
            CueFeaturizer.create(settings, storage, Resource("cues"), CONTEXT).train(TrainingData())
            loaded = CueFeaturizer.load(settings, storage, Resource("cues"), CONTEXT)

            message = tokenized("hello there, 取消 please")
            loaded.process([message])
            sequence, sentence = message.get_sparse_features(TEXT)
            names = loaded.matcher.names
            fired = {names[i] for i in sentence.features.tocoo().col}
            self.assertEqual(fired, {"greet", "cancel"})
            # Token features mark the tokens inside each match: "hello", "there" and "取消".
            marked = sorted({int(r) for r in sequence.features.tocoo().row})
            tokens = [t.text for t in message.get("text_tokens")]
            self.assertEqual([tokens[r] for r in marked], ["hello", "there", "取消"])

    def test_a_message_without_tokens_gets_no_features(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            component = CueFeaturizer.create(config(), LocalModelStorage(Path(tmp)), Resource("cues"), CONTEXT)
            component.matcher = CueMatcher(SAMPLE)
            message = Message(data={TEXT: "hello"})
            component.process([message])
            self.assertEqual(message.get_sparse_features(TEXT), (None, None))


if __name__ == "__main__":
    unittest.main()
