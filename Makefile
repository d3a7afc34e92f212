# Two commands: `make run` (set up and start the dashboard) and `make test` (set up and test).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
AXE := tests/a11y/node_modules/axe-core/axe.min.js
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test test-quick fmt lint seed check-seed export system-deps postgres-test clean bench i18n cluster cluster-stop cluster-deps

run: $(VENV)/.runtime
	$(PY) -m seed migrate
	$(PY) -m seed load --if-empty
	$(PY) -m streamlit run serve.py --server.port $(PORT)

# Two pytest processes side by side: the browser tests, which mostly wait on Chromium and their servers, and all the
# others (the other's output is shown when both are done), with the browser tests marked `beside` so that both take
# about as long. Then the tests marked `alone` (timed browser checks: layout shift grows under load) run by themselves.
# Every run always happens; any failing fails `make test`. Each lists its ten slowest steps (what to balance next).
# PYTEST_ARGS narrows the run to one plain pytest (e.g. PYTEST_ARGS=tests/test_postgres.py); CI runs everything.
PYTEST_ARGS ?=
PYTEST_RUN := $(if $(PYTEST_ARGS),$(PY) -m pytest -q $(PYTEST_ARGS) && status=0 || status=$$?,\
  tmp=$$(mktemp -d) && { $(PY) -m pytest -q -p no:cacheprovider --basetemp=$$tmp/rest --durations=10 -m "not browser or beside" >$$tmp/rest.log 2>&1 & rest=$$!; }; \
  $(PY) -m pytest -q --basetemp=$$tmp/browser --durations=10 -m "browser and not alone and not beside" && status=0 || status=$$?; \
  wait $$rest || status=$$?; echo "--- the tests without a browser:"; cat $$tmp/rest.log; \
  $(PY) -m pytest -q --basetemp=$$tmp/alone -m alone || status=$$?; rm -rf $$tmp)
# COMPASS_MYPY_PASSED: tests/test_types.py does not run mypy a second time. PG_SERVER_OPTIONS: the throwaway server
# need not survive a power cut (no fsync), so each test's CREATE DATABASE and commits cost less.
test: $(VENV)/.dev system-deps $(AXE)
	$(PY) -m ruff check .
	$(PY) -m mypy
	export COMPASS_MYPY_PASSED=1 PG_SERVER_OPTIONS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off" && \
	  source scripts/test-postgres.sh && { $(PYTEST_RUN); stop_test_postgres; exit $$status; }

# The inner loop: lint, types and every test that needs neither a browser nor PostgreSQL (a few minutes).
test-quick: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(PY) -m pytest -q -m "not browser and not postgres"

# Format and fix what ruff can (imports, modern syntax); `make test` checks the same rules.
fmt: $(VENV)/.dev
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# Benchmarks at seed, 1e3, 1e5 and 1e6 synthetic facts (separate databases under data/bench-*.db): about 25-30 min (the per-page floors in Chromium are ~8-10 min of it).
# Writes bench/results.json and bench/results.md; PASS/FAIL against the budgets is reported, not enforced.
# Smaller run: make bench BENCH_ARGS="--sizes seed,1e3 --runs 2"
# Only each page against its own floor (bench/floors.py, ~20 min): make bench BENCH_ARGS="--floors-only --sizes seed,1e6 --runs 3"
BENCH_ARGS ?=
bench: $(VENV)/.dev system-deps
	source scripts/test-postgres.sh && { $(PY) -m bench $(BENCH_ARGS); status=$$?; stop_test_postgres; exit $$status; }

# Several app servers behind nginx on one PostgreSQL, all on 127.0.0.1 (scripts/cluster.sh, deploy/nginx.conf.template).
# `make cluster REPLICAS=3 PORT=8080`; `make cluster-stop` stops exactly what it started.
REPLICAS ?= 3
CLUSTER_PORT := $(if $(filter command line environment,$(origin PORT)),$(PORT),8080)
cluster: $(VENV)/.runtime cluster-deps
	REPLICAS=$(REPLICAS) PORT=$(CLUSTER_PORT) scripts/cluster.sh start

cluster-stop:
	scripts/cluster.sh stop

# Debian's nginx and PostgreSQL, and nginx's brotli module where Debian has it, when missing.
cluster-deps:
	@if ! command -v nginx >/dev/null || ! [ -x /usr/lib/postgresql/*/bin/initdb ]; then \
	  $(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx postgresql; \
	fi
	@if ! [ -f /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so ] && apt-cache show libnginx-mod-http-brotli-filter >/dev/null 2>&1; then \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q libnginx-mod-http-brotli-filter; \
	fi

lint: $(VENV)/.dev
	$(PY) -m ruff check .

seed: $(VENV)/.runtime        ## rebuild the seed tables from seed/ (user rows are kept)
	$(PY) -m seed load

check-seed: $(VENV)/.runtime
	$(PY) -m seed check

# Interface strings (locale/<lang>/LC_MESSAGES/messages.po, keys as msgids, English in locale/en): after editing the
# English catalog, refresh the template, merge it into every language (new keys empty, changed English fuzzy)
# and check that each compiles. The app reads the .po files at start, so the .mo files are not kept in git.
i18n: $(VENV)/.runtime
	$(PY) -m model.i18n template
	$(VENV)/bin/pybabel update -i locale/messages.pot -d locale -D messages --no-wrap --previous
	$(VENV)/bin/pybabel compile -d locale -D messages --statistics
	mkdir -p data
	$(VENV)/bin/pybabel extract -F babel.cfg -k t -k text -k nt -k plural --no-default-keywords -o data/code-keys.pot --no-location .

export: $(VENV)/.runtime
	$(PY) -m seed export data/export

# uv (pinned, from PyPI) installs the pinned requirements into the venv: 30 s for requirements-dev.txt on a fresh
# machine against pip's 83 s (it downloads and unpacks in parallel). Where uv cannot be had, the venv's own pip does it.
# --compile-bytecode, as pip does: with PYTHONDONTWRITEBYTECODE set (as on this machine) every process would otherwise
# compile Streamlit and pandas again (6-8 s to import them against 2 s; a whole make test took 2.5 CPU-minutes more).
UV_VERSION := 0.13.9
INSTALL = { $(PY) -m pip install --quiet uv==$(UV_VERSION) && $(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY) -r $(1); } || \
  { echo "uv failed: installing with pip instead"; $(PY) -m pip install --quiet -r $(1); }

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(call INSTALL,requirements.txt)
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(call INSTALL,requirements-dev.txt)
	touch $@ $(VENV)/.runtime

# Debian's Chromium (browser tests), PostgreSQL (the PostgreSQL path), poppler-utils (the brief's PDF rendered to PNG) and
# libreoffice-impress (the brief's PowerPoint rendered as LibreOffice shows it), when missing; nginx for the cluster test (cluster-deps).
system-deps: cluster-deps
	@if ! command -v chromium >/dev/null || ! command -v pdftoppm >/dev/null || ! command -v soffice >/dev/null || ! [ -x /usr/lib/postgresql/*/bin/initdb ]; then \
	  $(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium postgresql poppler-utils libreoffice-impress; \
	fi

# axe-core from npm, the auditors' accessibility engine (tests/test_accessibility.py injects it into each view).
$(AXE): tests/a11y/package.json tests/a11y/package-lock.json
	@command -v npm >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm; }
	cd tests/a11y && npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache .mypy_cache
