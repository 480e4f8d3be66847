# The held-out catalog evaluation (data/catalog_eval/): name look-ups and product searches
# through the real router and NLU model. Included by Makefile.
.PHONY: catalog-eval catalog-dev

# Three held-out sets, each written blind by its own author: data/catalog_eval,
# data/catalog_eval_2 and data/catalog_eval_3 (200 queries each, 25 per language).
catalog-eval: setup train
	$(PY) scripts/catalog_eval.py
	$(PY) scripts/catalog_eval.py --data data/catalog_eval_2
	$(PY) scripts/catalog_eval.py --data data/catalog_eval_3

# The same measurement on the development set (data/catalog_dev/), the one to work against.
catalog-dev: setup train
	$(PY) scripts/catalog_eval.py --data data/catalog_dev

# Held-out multi-turn conversations (data/dialogue_eval/), per language and skill.
.PHONY: dialogue-eval
dialogue-eval: setup train
	$(PY) scripts/dialogue_eval.py

# The development set for company names (data/names_dev/): look-ups in eight languages on
# a catalog of its own. TEST_NLU_URL=http://127.0.0.1:PORT reuses a running NLU server.
.PHONY: names-dev
names-dev: setup $(if $(TEST_NLU_URL),,train)
	$(PY) scripts/catalog_eval.py --data data/names_dev --out reports/names-dev.json --misses \
		$(if $(TEST_NLU_URL),--nlu-url $(TEST_NLU_URL))
