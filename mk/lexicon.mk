# Bilingual dictionaries into English for searches in German, French and Spanish words
# (core/lexicon.py): FreeDict's, from Debian's packages. Installed ones are read where they
# are (/usr/share/dictd); the others are downloaded, without installing them, into a cache.
# Included by Makefile.
.PHONY: lexicon

FREEDICT_PACKAGES := dict-freedict-deu-eng dict-freedict-fra-eng dict-freedict-eng-fra \
	dict-freedict-fra-deu dict-freedict-deu-fra dict-freedict-spa-eng dict-freedict-eng-spa
FREEDICT_DIR := $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/delta-expo/freedict

lexicon: var/lexicon.sqlite

var/lexicon.sqlite: scripts/build_lexicon.py core/lexicon.py .venv/.installed
	@missing=""; for package in $(FREEDICT_PACKAGES); do \
		index=freedict-$${package#dict-freedict-}.index; \
		[ -f /usr/share/dictd/$$index ] || [ -f $(FREEDICT_DIR)/usr/share/dictd/$$index ] || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		mkdir -p $(FREEDICT_DIR) && cd $(FREEDICT_DIR) && \
		{ apt-get download $$missing >/dev/null && for deb in *.deb; do dpkg-deb -x "$$deb" .; done; } || \
		echo "lexicon: could not download$$missing; searches translate without them"; \
	fi
	$(PY) scripts/build_lexicon.py --source /usr/share/dictd --source $(FREEDICT_DIR)/usr/share/dictd --out $@
