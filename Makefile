# The whole set-up on a fresh machine is `make book` and `make test`. Every target makes
# .venv itself and reinstalls only when pyproject.toml or constraints.txt has changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --disable-pip-version-check -c constraints.txt
BOOK_STAMP := $(VENV)/.installed-book
TEST_STAMP := $(VENV)/.installed-test
LITE_STAMP := $(VENV)/.installed-lite
HANDOUTS_STAMP := $(VENV)/.installed-handouts
PORT ?= 8000

.PHONY: book book-student handouts scorm lite test tools serve lab notebooks check lint clean distclean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(BOOK_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e '.[book]'
	touch $@

$(TEST_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e '.[book,test,dev,lite,handouts]'
	touch $@

$(HANDOUTS_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e '.[book,handouts]'
	touch $@

$(LITE_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e '.[book,lite]'
	touch $@

## book: build the HTML book into _build/html (zero warnings, or it fails)
book: $(BOOK_STAMP)
	$(BIN)/jupyter-book build . -W -n --keep-going

## book-student: the student edition in _build/student/_build/html: the same book without
## the facilitator pages and the educators' part; answers open after a first try
book-student: $(BOOK_STAMP)
	$(BIN)/python -m coproduction_edu.edition

## handouts: each unit's student and educator handouts as PDF in _build/handouts, printed
## from the built book by Chromium (on Debian: apt-get install chromium)
handouts: book $(HANDOUTS_STAMP)
	$(BIN)/python -m coproduction_edu.handouts

## scorm: a SCORM 1.2 package per unit in _build/scorm (TRACKING=none, completion or score)
TRACKING ?= none
scorm: book
	$(BIN)/coproduction-edu export scorm all --tracking $(TRACKING)

## lite: the book with its notebooks in JupyterLite, in _build/html/lite: they run in the
## browser with nothing to install. Needs Node.js and npm (for the npm package pyodide).
# The site first, then the book: each notebook page links to the site only if it is there.
lite: $(LITE_STAMP) node_modules/.installed
	$(BIN)/python -m coproduction_edu.lite
	$(BIN)/jupyter-book build . -W -n --keep-going

# npm ci as tests/ensure-tools.sh runs it, with the same stamp.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "make lite needs Node.js 18 or newer and npm" \
	  "(on Debian: sudo apt-get install nodejs npm)" >&2; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

## test: lint, check the units, run every test (engine, notebooks under strict nbval, the book)
test: tools $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/coproduction-edu check
	$(BIN)/python -m pytest --nbval tests exercises

## tools: what the tests need besides Python, first: Chromium, Node.js, npm ci (or one line
## saying what to install)
tools:
	@bash tests/ensure-tools.sh

## check: validate units, notebooks and the toc
check: $(BOOK_STAMP)
	$(BIN)/coproduction-edu check

## lint: ruff, with fixes
lint: $(TEST_STAMP)
	$(BIN)/ruff check --fix .

## serve: serve the built book on http://127.0.0.1:$(PORT)
serve: book
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

## lab: JupyterLab on the exercises
lab: $(TEST_STAMP)
	$(BIN)/jupyter lab --notebook-dir=exercises $(if $(filter 0,$(shell id -u)),--allow-root)

## notebooks: re-execute every notebook in place, so the committed outputs are today's
# It records the valid exercise files first (check --record), so the notebooks load them
# without the schema validator; the check's other findings are for `make check`.
notebooks: $(TEST_STAMP)
	-@$(BIN)/coproduction-edu check --record > /dev/null
	$(BIN)/python -m coproduction_edu.execute exercises/*.ipynb

## clean: remove the built book and caches (keeps .venv)
clean:
	rm -rf _build .pytest_cache .ruff_cache .hypothesis benchmarks/out
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +

## distclean: clean, and remove .venv and node_modules too
distclean: clean
	rm -rf $(VENV) node_modules
