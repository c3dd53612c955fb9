# The habits of this project. `make run` and `make test` work from a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/newsroom

.PHONY: install browser-deps run test test-postgres test-boundary lint format check bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

# Chromium and a Thai font for the browser tests (Debian packages; needs root).
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi -e tlwg -e garuda -e loma; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-thai-tlwg >/dev/null; \
	  else \
	    echo "browser tests need: apt-get install chromium fonts-thai-tlwg"; \
	  fi; \
	fi

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install browser-deps
	$(BIN)/python -m pytest

test-postgres: install browser-deps
	DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest

# The suite with every clock of its processes (Django, the browser) started 20 s
# before Bangkok's midnight of 31 December, so the run crosses it: nothing may take
# a UTC day for a Bangkok one. Needs Debian's faketime; DATABASE_URL as for `test`.
BOUNDARY ?= $(shell date -u +%Y)-12-31 16:59:40
test-boundary: install browser-deps
	@command -v faketime >/dev/null || { \
	  echo "make test-boundary needs faketime: apt-get install faketime" >&2; exit 1; }
	@TZ=UTC faketime -f '@$(BOUNDARY)' date -u +%F | grep -qx '$(firstword $(BOUNDARY))' || { \
	  echo "faketime does not set the clock to $(BOUNDARY)" >&2; exit 1; }
	TZ=UTC faketime -f '@$(BOUNDARY)' $(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

# Load against a ceiling; appends to bench/RESULTS.md (bench/README.md).
bench: install
	$(BIN)/python bench/run.py

.PHONY: bench-quick
bench-quick: install
	$(BIN)/python bench/run.py --articles 20000 --duration 5 --search-index 5000 --no-redis

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache .ruff_cache
