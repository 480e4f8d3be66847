"""Pipeline config tests; run in the NLU venv: .venv-nlu/bin/python -m unittest discover -s tests/nlu"""

import unittest
from pathlib import Path

import yaml

CONFIG = Path(__file__).resolve().parents[2] / "config.yml"


def pipeline() -> list:
    return yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["pipeline"]


class FeaturizerSelectionTest(unittest.TestCase):
    """DIET and the ResponseSelector pick their inputs by featurizer alias. Rasa matches the names
    silently, so a misspelt or removed alias would leave a model training on fewer features."""

    def test_every_selected_featurizer_is_an_earlier_alias(self) -> None:
        aliases: list = []
        for step in pipeline():
            for wanted in step.get("featurizers", []):
                self.assertIn(wanted, aliases, f"{step['name']} selects unknown featurizer {wanted!r}")
            if "alias" in step:
                aliases.append(step["alias"])
        self.assertEqual(len(aliases), len(set(aliases)), "featurizer aliases must be unique")


if __name__ == "__main__":
    unittest.main()
