# Área de Clientes — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

# Tests run against the real services (CI sets these; the defaults are this machine's).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/area_clientes
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0

.PHONY: help install deps-sistema run prod test test-sqlite fuzz-largo reversiones lint format messages demo importar bench-terceros bench-portal bench-carga clean

help:
	@echo "make run   — instala, migra, carga la demo y arranca web + worker (http://127.0.0.1:8000)"
	@echo "make prod  — gunicorn + worker + beat con DEBUG apagado (DATABASE_URL, REDIS_URL, EMAIL_URL, SECRET_KEY)"
	@echo "make test  — instala y corre toda la suite en PostgreSQL + Redis + Chromium, y otra vez en SQLite"
	@echo "make test-sqlite — solo la pasada en SQLite sin Redis (como make run)"
	@echo "make fuzz-largo — los formularios atacados con muchos más ejemplos (hypothesis, perfil largo)"
	@echo "make reversiones — deshace cada arreglo de tests/reversiones/ y comprueba que la suite lo detecta"
	@echo "make lint  — ruff"
	@echo "make importar ARCHIVO=terceros.csv [DRY_RUN=1] — importa terceros (CSV/XLSX)"

$(VENV)/.instalado: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e ".[dev]"
	touch $@

node_modules/.instalado: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# System packages the project needs (Debian): chromium for browser tests, gettext for
# translations, pango for WeasyPrint, poppler for reading PDFs back. Only installs what is missing.
deps-sistema:
	@faltan=""; \
	command -v msgfmt >/dev/null || faltan="$$faltan gettext"; \
	[ -e /usr/lib/x86_64-linux-gnu/libpango-1.0.so.0 ] || ldconfig -p | grep -q libpango-1.0 || faltan="$$faltan libpango-1.0-0 libpangoft2-1.0-0"; \
	fc-list 2>/dev/null | grep -qi dejavu || faltan="$$faltan fonts-dejavu-core"; \
	if [ -n "$(NEED_CHROMIUM)" ] && [ ! -x /usr/bin/chromium ]; then faltan="$$faltan chromium"; fi; \
	if [ -n "$$faltan" ]; then \
	  echo "Instalando paquetes del sistema:$$faltan"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$faltan >/dev/null; \
	fi

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	msgfmt --check -o $@ $<

install: deps-sistema $(VENV)/.instalado node_modules/.instalado $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

# The filesystem Celery broker (no REDIS_URL) needs its folders before the worker starts.
VAR_DIRS := var/mail var/log var/media var/celery/out var/celery/processed

run: install
	@mkdir -p $(VAR_DIRS)
	DEBUG=1 $(PY) manage.py migrate --noinput -v0
	DEBUG=1 $(PY) manage.py cargar_demo
	DEBUG=1 PY=$(PY) scripts/run.sh

# The production stack, three processes, DEBUG off (scripts/prod.sh; the README says what to set).
prod: install
	PY=$(PY) scripts/prod.sh

demo: install
	DEBUG=1 $(PY) manage.py cargar_demo

# make importar ARCHIVO=terceros.csv [DRY_RUN=1]
importar: install
	@test -n "$(ARCHIVO)" || { echo "Uso: make importar ARCHIVO=ruta.csv|.xlsx [DRY_RUN=1]"; exit 2; }
	@mkdir -p $(VAR_DIRS)
	DEBUG=1 $(PY) manage.py migrate --noinput -v0
	DEBUG=1 $(PY) manage.py importar_terceros "$(ARCHIVO)" $(if $(DRY_RUN),--dry-run,)

bench-terceros: install
	DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ac_bench} $(PY) bench/terceros_lista.py $(BENCH_ARGS)

# Long runs (issue 12), against a database filled by cargar_demo + generar_datos; not part of `make test`.
bench-portal: install
	DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ac_bench} $(PY) bench/portal_bench.py --segundos 20 $(BENCH_ARGS)

bench-carga: install
	DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ac_bench} REDIS_URL=$${BENCH_REDIS_URL:-redis://127.0.0.1:6379/15} \
	  $(PY) bench/carga.py $${BENCH_ARGS:---usuarios 50 --minutos 5}

# The whole suite on PostgreSQL + Redis (browser tests included), then again as `make run` runs:
# SQLite (a file under var/, WAL, the same settings as `make run`) and no Redis. Tests marked
# `postgres` or `redis` need those servers and run only in the first pass.
TEST_SQLITE_URL ?= sqlite:///$(CURDIR)/var/pruebas.sqlite3
# REDIS_URL= (empty, not unset) so a developer's .env cannot bring Redis back.
PRUEBAS_SQLITE = mkdir -p var && DATABASE_URL=$(TEST_SQLITE_URL) REDIS_URL= \
  $(PY) -m pytest -m 'not e2e and not postgres and not redis' $(PYTEST_ARGS)

test: NEED_CHROMIUM=1
test: install
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
	  $(PY) -m pytest $(PYTEST_ARGS)
	$(PRUEBAS_SQLITE)

test-sqlite: install
	$(PRUEBAS_SQLITE)

# The long form-fuzzing run (docs/BENCHMARKS.md): the `largo` hypothesis profile instead of the few
# derandomized examples `make test` runs.
fuzz-largo: install
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
	  $(PY) -m pytest -q -p no:randomly tests/security/test_fuzz_formularios.py --hypothesis-profile=largo

# Undo each past fix (tests/reversiones/*.patch) in a throwaway worktree and check its tests fail
# (docs/REVERSIONES.md). Needs PostgreSQL; not part of `make test` (a few minutes).
reversiones: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/area_clientes_reversiones} \
	  REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/11} $(PY) scripts/reversiones.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install
	DEBUG=1 $(PY) manage.py makemessages -l en --ignore=.venv --ignore=node_modules --ignore=var --ignore=bench --no-obsolete
	msgfmt --check -o locale/en/LC_MESSAGES/django.mo locale/en/LC_MESSAGES/django.po

clean:
	rm -rf $(VENV) node_modules staticfiles var
