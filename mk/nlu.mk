# The NLU side: a Python 3.10 venv with Rasa, and the trained model. Included by Makefile.
NLU_PY := .venv-nlu/bin/python
NLU_PYTHON_BIN ?= $(shell ls -d $(HOME)/.pyenv/versions/3.10.*/bin/python 2>/dev/null | sort -V | tail -n 1 || true)
NLU_PYTHON_BIN := $(or $(NLU_PYTHON_BIN),$(shell command -v python3.10))
NLU_REQ_HASH := $(shell sha256sum requirements-nlu.txt | cut -c1-12)
# The venv lives in a cache keyed by the requirements, so a fresh clone on this machine reuses it.
NLU_VENV_DIR := $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/delta-expo/venv-nlu-$(NLU_REQ_HASH)

.PHONY: nlu-venv train nlu-eval nlu-cv nlu-bench nlu-failover-bench nlu-test

nlu-venv: .venv-nlu/.installed

.venv-nlu/.installed: requirements-nlu.txt
	@test -n "$(NLU_PYTHON_BIN)" || { echo "Python 3.10 is needed for Rasa (pyenv or python3.10)"; exit 1; }
	@if [ ! -f $(NLU_VENV_DIR)/.complete ]; then \
		rm -rf $(NLU_VENV_DIR) && $(NLU_PYTHON_BIN) -m venv $(NLU_VENV_DIR) && \
		$(NLU_VENV_DIR)/bin/pip install -q --upgrade 'pip<25' && \
		$(NLU_VENV_DIR)/bin/pip install -q -r requirements-nlu.txt && \
		touch $(NLU_VENV_DIR)/.complete; \
	fi
	rm -rf .venv-nlu && ln -s $(NLU_VENV_DIR) .venv-nlu
	touch $@

train: nlu-venv
	$(NLU_PY) scripts/nlu_train.py

nlu-eval: nlu-venv
	$(NLU_PY) scripts/nlu_eval.py

# Rasa's own k-fold cross-validation over the training data (slow: one training per fold).
FOLDS ?= 3
nlu-cv: nlu-venv
	PYTHONPATH=. TF_CPP_MIN_LOG_LEVEL=3 RASA_MAX_CACHE_SIZE=0 .venv-nlu/bin/rasa test nlu --nlu data/nlu --config config.yml \
		--cross-validation --folds $(FOLDS) --out reports/cross-validation

nlu-bench: train
	$(NLU_PY) benchmarks/nlu_bench.py

# Two NLU servers behind the client, one killed mid-load (about 3 GB of memory).
nlu-failover-bench: setup train
	PYTHONPATH=. $(PY) benchmarks/nlu_failover_bench.py

nlu-test: nlu-venv
	PYTHONPATH=. TF_CPP_MIN_LOG_LEVEL=3 $(NLU_PY) -m unittest discover -s tests/nlu
