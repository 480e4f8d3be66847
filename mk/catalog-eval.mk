# The held-out catalog evaluation (data/catalog_eval/): name look-ups and product searches
# through the real router and NLU model. Included by Makefile.
.PHONY: catalog-eval

catalog-eval: setup train
	$(PY) scripts/catalog_eval.py
