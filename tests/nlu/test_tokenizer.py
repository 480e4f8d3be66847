"""Tokenizer tests; run in the NLU venv: .venv-nlu/bin/python -m unittest discover -s tests/nlu"""

import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from rasa.shared.nlu.training_data.message import Message  # noqa: E402

from nlu.tokenizer import MultilingualTokenizer, _segmenter, split  # noqa: E402

SEGMENTER = _segmenter()


def words(text: str) -> list:
    return [word for word, _ in split(text, SEGMENTER)]


class SplitTest(unittest.TestCase):
    def test_mixed_chinese_and_latin(self) -> None:
        self.assertEqual(words("找 Siemens 的展位"), ["找", "Siemens", "的", "展位"])

    def test_domain_words_stay_whole_in_chinese(self) -> None:
        self.assertEqual(words("有没有德国的医疗器械展商"), ["有没有", "德国", "的", "医疗器械", "展商"])

    def test_japanese_particles_and_known_kana_words(self) -> None:
        self.assertEqual(words("化粧品の出展者")[:2], ["化粧品", "の"])
        self.assertEqual(words("アメリカのはちみつメーカー"), ["アメリカ", "の", "はちみつ", "メーカー"])

    def test_korean_particle_after_a_known_noun(self) -> None:
        self.assertEqual(words("상하이에 무슨 행사 있어요")[:2], ["상하이", "에"])

    def test_halls_booths_and_apostrophes_stay_whole(self) -> None:
        self.assertEqual(words("Wo ist Halle 8.2A-05?"), ["Wo", "ist", "Halle", "8.2A-05"])
        self.assertEqual(words("events in Ma'anshan"), ["events", "in", "Ma'anshan"])

    def test_offsets_point_into_the_original_text(self) -> None:
        for text in ("找 Siemens 的展位", "化粧品の出展者", "выставки в Сучжоу", "일본 화장품 전시업체"):
            for word, start in split(text, SEGMENTER):
                self.assertEqual(text[start : start + len(word)], word)


class ComponentTest(unittest.TestCase):
    def test_tokens_for_a_message(self) -> None:
        tokenizer = MultilingualTokenizer(MultilingualTokenizer.get_default_config())
        tokens = tokenizer.tokenize(Message(data={"text": "临港企业所得税优惠"}), "text")
        self.assertEqual("".join(t.text for t in tokens), "临港企业所得税优惠")
        self.assertEqual(tokens[0].start, 0)

    def test_punctuation_only_still_gives_a_token(self) -> None:
        tokenizer = MultilingualTokenizer(MultilingualTokenizer.get_default_config())
        self.assertEqual(len(tokenizer.tokenize(Message(data={"text": "?!"}), "text")), 1)


if __name__ == "__main__":
    unittest.main()
