"""Intent classifier: Rasa's logistic regression over the sparse word and character n-gram
features, with a configurable regularisation strength.

On the held-out phrasings a linear model generalises better than DIET's intent head (which
memorises the training phrasings and is confidently wrong on unseen ones, above all on out of
scope messages); DIET still does the entities. Rasa's own LogisticRegressionClassifier fixes
C=1, whose probabilities are too flat for a confidence threshold, so C is exposed here.
"""

from __future__ import annotations

from typing import Any, Dict, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True
)
class LinearIntentClassifier(LogisticRegressionClassifier):
    """Logistic regression intent classifier; config adds `C` (inverse L2 strength)."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**LogisticRegressionClassifier.get_default_config(), "C": 10.0, "max_iter": 1000}

    def __init__(
        self,
        config: Dict[Text, Any],
        name: Text,
        model_storage: ModelStorage,
        resource: Resource,
    ) -> None:
        super().__init__(config, name, model_storage, resource)
        self.clf.set_params(C=float(self.config["C"]))
