# One entry point for every task. `make help` lists them.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# Silence the end-of-life banners that Material and properdocs-based plugins print.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export PYTHONPATH := $(CURDIR)/hooks

.PHONY: help install install-dev serve build rollback releases preview test validate revision mark-translated changed new clean check check-fast check-external bench bench-search bench-preview edit editor-bundle
# Where `make build` publishes (tests point it elsewhere): a link to the release served, the releases in
# $(SITE_DIR).releases/ (hooks/portal/deliver/deploy.py).
SITE_DIR ?= site
# Ports of `make edit` (editor) and its preview; both listen on 127.0.0.1 only.
EDIT_PORT ?= 8090
PREVIEW_PORT ?= 8000
# Test processes (pytest-xdist): one per core, at most 4; PYTEST_WORKERS=0 runs everything in one process.
# Each worker starts its servers on ports of its own range (hooks/portal/content/ports.py).
PYTEST_WORKERS ?= auto

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

# A stamp without its interpreter (a removed .venv) is not an installation.
$(BIN)/.installed: requirements.txt scripts/bootstrap.sh $(if $(wildcard $(BIN)/python),,FORCE)
	@scripts/bootstrap.sh
	@touch $@

$(BIN)/.installed-dev: $(BIN)/.installed requirements-dev.txt
	@$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	@touch $@

install: $(BIN)/.installed ## Create .venv with the site's packages

install-dev: $(BIN)/.installed-dev ## Also install the test packages

serve: install ## Preview on http://127.0.0.1:8000 (drafts shown with a banner)
	PORTAL_MODE=preview $(BIN)/mkdocs serve --strict --dirty -a 127.0.0.1:8000

build: install ## Production build published to site/ in one step, only when complete (needs PORTAL_SITE_URL)
	@$(BIN)/python -m portal.deliver.deploy build --site $(SITE_DIR)

rollback: install ## Serve the previous build again (RELEASE=<name> for another; make releases lists them)
	@$(BIN)/python -m portal.deliver.deploy rollback --site $(SITE_DIR) $(if $(RELEASE),--release $(RELEASE))

releases: install ## List the kept builds; * marks the one site/ serves
	@$(BIN)/python -m portal.deliver.deploy list --site $(SITE_DIR)

preview: install ## Preview build into site-preview/ (drafts included)
	PORTAL_MODE=preview PORTAL_SITE_DIR=site-preview $(BIN)/mkdocs build --strict

validate: install ## Check the front matter and structure of every page
	$(BIN)/python -m portal validate

revision: install ## Print the revision hash of a Swedish page: make revision PAGE=docs/x.sv.md
	$(BIN)/python -m portal revision $(PAGE)

mark-translated: install ## Record that an English page is up to date: make mark-translated PAGE=docs/x.en.md
	$(BIN)/python -m portal mark-translated $(PAGE)

changed: install ## Record a change in a page's history: make changed PAGE=docs/x.sv.md KIND=minor NOTE="Rättade ett stavfel." (CONTRIBUTING.md)
	@$(BIN)/python -m portal changed "$$PAGE" --kind "$$KIND" --note "$$NOTE"

new: install ## Start a page in both languages: make new TYPE=typology SLUG=resan-i-sommar
	$(BIN)/python -m portal new $(TYPE) $(SLUG)

test: install-dev node_modules/.installed ## Run every test (installs chromium when missing and run as root)
	@scripts/ensure-browser.sh
	@scripts/ensure-packages.sh nginx
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --maxprocesses=4 $(PYTEST_ARGS)

edit: install node_modules/.installed ## Edit pages in the browser: editor on http://127.0.0.1:8090, preview on :8000 (saves into docs/)
	$(BIN)/python -m portal.content.cms_server --port $(EDIT_PORT) --preview-port $(PREVIEW_PORT)

editor-bundle: install node_modules/.installed ## The hosted editor as static files in site-editor/: make editor-bundle REPO=org/name OAUTH_URL=https://… (README)
	$(BIN)/python -m portal.content.cms_config --production --repo "$(REPO)" --base-url "$(OAUTH_URL)" --out site-editor

# npm packages of the checks (axe-core) and the editor (decap-cms), exactly as package-lock.json pins them.
node_modules/.installed: package.json package-lock.json
	@scripts/ensure-packages.sh npm
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

check: install-dev node_modules/.installed ## Run every quality check and sum up (CHECKS="spelling links" runs some; see python -m portal check --list)
	@scripts/ensure-hunspell.sh
	@scripts/ensure-browser.sh
	$(BIN)/python -m portal check $(CHECKS)

check-fast: install ## The checks that need no build, in seconds (what pre-commit runs)
	@scripts/ensure-hunspell.sh
	$(BIN)/python -m portal check --fast

check-external: install ## Check external links (needs the network; not in CI); dated cache in data/external-links-cache.json
	$(BIN)/python -m portal check-external $(CHECK_EXTERNAL_ARGS)

bench: install-dev ## Build-time, size and load benchmarks at 100/1,000/2,000 pages per language, then the preview's speed (BENCHMARKS.md)
	@scripts/ensure-browser.sh
	@scripts/ensure-packages.sh nginx wrk
	@scripts/ensure-hunspell.sh
	$(BIN)/python scripts/bench_build.py $(BENCH_ARGS)
	$(BIN)/python scripts/bench_preview.py --edits 7 --new-word
	$(BIN)/python scripts/bench_preview.py --pages 1000 --edits 3 --new-word --vocabulary 30

bench-search: install-dev ## Search quality (hit@1/hit@3 on tests/search_queries.yml), bytes and time to the first result at 1,000 synthetic pages per language, next to Pagefind (slow)
	@scripts/ensure-browser.sh
	$(BIN)/python scripts/bench_search.py $(BENCH_SEARCH_ARGS)
	$(BIN)/python scripts/bench_search_speed.py $(BENCH_SEARCH_SPEED_ARGS)

bench-preview: install ## Only the preview's speed: seconds from saving a page to make serve showing it (BENCH_PREVIEW_ARGS="--pages 1000")
	$(BIN)/python scripts/bench_preview.py $(BENCH_PREVIEW_ARGS)

clean: ## Remove build output
	rm -rf site site.releases site.new site.old site-preview site-check tests/artifacts

FORCE:
