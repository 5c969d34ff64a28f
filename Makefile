# Amends: `make demo` runs it with demo data; `make test` installs and passes every check and test.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTEST := $(BIN)/pytest
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
XDIST ?= -n 2
export AMENDS_SECRET_KEY ?= insecure-test-key-only-for-the-test-suite

.PHONY: demo install test check test-sqlite test-postgres test-browser browser mail-servers bench lock format clean

demo: install
	$(BIN)/amends demo $(if $(PORT),--port $(PORT)) $(if $(DATA_DIR),--data-dir $(DATA_DIR))

install: $(VENV)/.installed

$(VENV)/.installed: requirements/dev.lock pyproject.toml
	@test -x $(BIN)/python || $$(scripts/find-python) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	# Compiled once here: uv does not compile by default, and where PYTHONDONTWRITEBYTECODE is set
	# every process compiled every module it imported (9.3 s to load the application, 2.2 s compiled).
	$(BIN)/uv pip sync --quiet --compile-bytecode --python $(BIN)/python requirements/dev.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	$(BIN)/python -m compileall -q -x '/(var|\.venv)/' amends bench tests > /dev/null
	@touch $@

test: install check test-sqlite test-postgres test-browser

check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .

test-sqlite: install mail-servers
	$(PYTEST) -m "not browser" $(XDIST) -q

test-postgres: install mail-servers
	AMENDS_DATABASE_URL=$(PG_URL) $(PYTEST) -m "not browser" $(XDIST) -q

browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

# The mail tests poll a real IMAP server; they start Dovecot themselves on a loopback port.
mail-servers:
	@command -v dovecot >/dev/null 2>&1 || test -x /usr/sbin/dovecot || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd >/dev/null)

test-browser: install browser
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PYTEST) -m browser -q -p no:xdist

bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

lock:
	$(BIN)/uv pip compile --quiet --python-version 3.12 --extra dev pyproject.toml -o requirements/dev.lock
	$(BIN)/uv pip compile --quiet --python-version 3.12 pyproject.toml -o requirements/base.lock

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var build *.egg-info
