# The held-out catalog evaluation (data/catalog_eval/): name look-ups and product searches
# through the real router and NLU model. Included by Makefile.
.PHONY: catalog-eval

catalog-eval: setup train
	$(PY) scripts/catalog_eval.py

# Held-out multi-turn conversations (data/dialogue_eval/), per language and skill.
.PHONY: dialogue-eval
dialogue-eval: setup train
	$(PY) scripts/dialogue_eval.py
