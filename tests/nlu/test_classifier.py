"""Intent classifier tests; run in the NLU venv: .venv-nlu/bin/python -m unittest discover -s tests/nlu"""

import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from nlu.classifier import LinearIntentClassifier  # noqa: E402


def classifier(**config: object) -> LinearIntentClassifier:
    return LinearIntentClassifier({**LinearIntentClassifier.get_default_config(), **config}, "intents", None, None)  # type: ignore[arg-type]


class LinearIntentClassifierTest(unittest.TestCase):
    def test_regularisation_comes_from_the_config(self) -> None:
        self.assertEqual(classifier(C=20).clf.C, 20.0)
        self.assertEqual(classifier().clf.C, LinearIntentClassifier.get_default_config()["C"])

    def test_keeps_balanced_classes_and_enough_iterations(self) -> None:
        clf = classifier(max_iter=1000).clf
        self.assertEqual(clf.class_weight, "balanced")
        self.assertEqual(clf.max_iter, 1000)


if __name__ == "__main__":
    unittest.main()
