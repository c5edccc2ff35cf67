# Build and test tooling for the logmein.central collection (GNU make, bash).
# Every target sets up what it needs (venvs, collection tree) on its own.
# `make help` lists the targets.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules --no-print-directory

VENV          ?= .venv
VENV_CORE216  ?= .venv-core216
BUILD         ?= .build
COLLECTION    := $(BUILD)/ansible_collections/logmein/central
REQ_DEV       := tests/requirements/dev.txt
REQ_CORE216   := tests/requirements/core216.txt
VENV_IMPORTER ?= .venv-importer
VENV_TOOLS    ?= .venv-tools
REQ_IMPORTER  := tests/requirements/importer.txt
REQ_TOOLS     := tests/requirements/tools.txt
STAMP_IMPORTER := $(VENV_IMPORTER)/.requirements.txt
STAMP_TOOLS    := $(VENV_TOOLS)/.requirements.txt
VENV_EDA      ?= .venv-eda
REQ_EDA       := tests/requirements/eda.txt
STAMP_EDA     := $(VENV_EDA)/.requirements.txt
VENV_MOLECULE ?= .venv-molecule
REQ_MOLECULE  := tests/requirements/molecule.txt
STAMP_MOLECULE := $(VENV_MOLECULE)/.requirements.txt
VENV_BROWSER  ?= .venv-browser
REQ_BROWSER   := tests/requirements/browser.txt
STAMP_BROWSER := $(VENV_BROWSER)/.requirements.txt
# Screenshots of the report pages, put into the guides by `make docs` (not compared by docs-lint:
# fonts differ between machines).
SCREENSHOTS   := docs/docsite/rst/images
STAMP_DEV     := $(VENV)/.requirements.txt
STAMP_CORE216 := $(VENV_CORE216)/.requirements.txt

# make units UNITS_JOBS=2        -> pytest-xdist with 2 workers
# make units PYTEST_ARGS='-k rate -x'
# make sanity SANITY_ARGS='--test pylint'
UNITS_JOBS  ?= 2
PYTEST_ARGS ?=
BROWSER_ARGS ?=
INTEGRATION_ARGS ?=
REDIS_ARGS ?=
# Each pytest-xdist worker starts its own emulator, so the integration tests run in parallel.
INTEGRATION_JOBS ?= 2
INTEGRATION_OPTS = $(if $(INTEGRATION_JOBS),-n $(INTEGRATION_JOBS)) $(INTEGRATION_ARGS)
# ansible-test integration targets (tests/integration/targets), each core from a tree copy of its own:
# make targets TARGETS=host_group       -> one target (or several, space-separated)
# make targets TARGETS_ARGS='-vvv --start-at av_action'
TARGETS ?=
TARGETS_ARGS ?=
SANITY_ARGS ?=
PYTEST_OPTS  = $(if $(UNITS_JOBS),-n $(UNITS_JOBS)) $(PYTEST_ARGS)

# For ansible-lint and the demo: ansible-playbook/ansible-galaxy from the venv,
# and the collection from the copied tree, never from ~/.ansible/collections.
TOOL_ENV = PATH="$(abspath $(VENV))/bin:$$PATH" ANSIBLE_COLLECTIONS_PATH="$(abspath $(BUILD))"

# Order of `make test`: cheap checks first, sanity (minutes) last.
TEST_STAGES := venvs changelog-lint lint units-all targets-all integration integration-core216 redis molecule awx eda docs-lint importer ee workflow-lint build-check browser sanity

.PHONY: help venv venvs venv-dev venv-core216 lock collection-tree units units-core216 units-all targets targets-core216 targets-all integration \
        integration-core216 redis molecule importer ee awx eda browser report-scale bench docs docs-lint sanity lint changelog-lint test build demo clean

help:
	@echo "make test            all checks, fail fast, with stage timings: $(TEST_STAGES)"
	@echo "make venv            $(VENV) (Python 3.12, $(REQ_DEV)) and $(VENV_CORE216) (Python 3.11, $(REQ_CORE216))"
	@echo "make venvs           every venv make test uses, built side by side (VENV_JOBS=3): its first stage"
	@echo "make collection-tree copy the repo to $(COLLECTION)"
	@echo "make units           pytest tests/unit on $(VENV)            (UNITS_JOBS=2, PYTEST_ARGS=...)"
	@echo "make units-core216   pytest tests/unit on $(VENV_CORE216)"
	@echo "make units-all       units and units-core216 side by side (the make test stage)"
	@echo "make targets         ansible-test integration: every target under tests/integration/targets (TARGETS=host_group)"
	@echo "make targets-core216 the same targets on ansible-core 2.16 ($(VENV_CORE216))"
	@echo "make targets-all     targets and targets-core216 side by side (the make test stage)"
	@echo "make integration     pytest tests/integration: what a target cannot express (several processes, timing, output)"
	@echo "make integration-core216  the tests marked core216 on ansible-core 2.16"
	@echo "make redis           the shared state on a real redis-server (apt-installs redis-server): processes sharing its URL"
	@echo "make bench           benchmarks against the emulator (not tests)"
	@echo "make report-scale    size and render time of the compliance page for REPORT_HOSTS=50000 hosts (not a test)"
	@echo "make molecule        the desired_state role's molecule scenario ($(VENV_MOLECULE))"
	@echo "make importer        galaxy-importer on the built tarball ($(VENV_IMPORTER))"
	@echo "make ee              ansible-builder create from meta/execution-environment.yml"
	@echo "make awx             the ansible-runner (AWX engine) tests ($(VENV_TOOLS))"
	@echo "make eda             the rulebooks run by ansible-rulebook against the emulator ($(VENV_EDA), Java 17)"
	@echo "make browser         the report pages in headless Chromium via Selenium ($(VENV_BROWSER); apt-installs chromium, chromium-driver)"
	@echo "make docs            regenerate docs/reference with antsibull-docs, and the report screenshots in $(SCREENSHOTS)"
	@echo "make docs-lint       antsibull-docs lint-collection-docs, and docs/reference up to date"
	@echo "make sanity          ansible-test sanity --python 3.12 --venv, offline   (SANITY_ARGS=...)"
	@echo "make lint            ansible-lint, production profile, offline"
	@echo "make changelog-lint  antsibull-changelog lint + lint-changelog-yaml"
	@echo "make workflow-lint   actionlint (with shellcheck) on .github/workflows ($(VENV_WORKFLOW_LINT))"
	@echo "make build-check     build the tarball from the repo root; fail on venvs, caches, output, keys"
	@echo "make test-matrix     unit tests on every ansible-core 2.16 to 2.21 (not in make test; MATRIX_CORES=...)"
	@echo "make build           ansible-galaxy collection build into $(BUILD)/"
	@echo "make demo            run tools/demo.py"
	@echo "make lock            regenerate tests/requirements/*.txt from *.in"
	@echo "make clean           remove venvs, $(BUILD), tests/output and caches"

# --- virtual environments (rebuilt only when the requirements file changes) ---
venv: venv-dev venv-core216
venv-dev: $(STAMP_DEV)
venv-core216: $(STAMP_CORE216)

# The first stage of make test: every venv its stages use, built side by side. pip waits on downloads
# and the disk as much as on a core, and no later stage's time then includes building one.
# Longest first; STAMP_WORKFLOW_LINT is defined further down (this list is expanded when used).
TEST_VENV_STAMPS = $(STAMP_DEV) $(STAMP_BROWSER) $(STAMP_EDA) $(STAMP_IMPORTER) $(STAMP_TOOLS) $(STAMP_CORE216) \
                   $(STAMP_MOLECULE) $(STAMP_WORKFLOW_LINT)
VENV_JOBS ?= 3
venvs:
	$(MAKE) -j$(VENV_JOBS) --output-sync=target $(TEST_VENV_STAMPS)

$(STAMP_DEV): $(REQ_DEV) tools/mkvenv.sh
	tools/mkvenv.sh 3.12 $(VENV) $(REQ_DEV)

$(STAMP_CORE216): $(REQ_CORE216) tools/mkvenv.sh
	tools/mkvenv.sh 3.11 $(VENV_CORE216) $(REQ_CORE216)

$(STAMP_IMPORTER): $(REQ_IMPORTER) tools/mkvenv.sh
	tools/mkvenv.sh 3.12 $(VENV_IMPORTER) $(REQ_IMPORTER)

$(STAMP_TOOLS): $(REQ_TOOLS) tools/mkvenv.sh
	tools/mkvenv.sh 3.12 $(VENV_TOOLS) $(REQ_TOOLS)

$(STAMP_EDA): $(REQ_EDA) tools/mkvenv.sh
	tools/mkvenv.sh 3.12 $(VENV_EDA) $(REQ_EDA)

$(STAMP_MOLECULE): $(REQ_MOLECULE) tools/mkvenv.sh
	tools/mkvenv.sh 3.12 $(VENV_MOLECULE) $(REQ_MOLECULE)

$(STAMP_BROWSER): $(REQ_BROWSER) tools/mkvenv.sh
	tools/mkvenv.sh 3.12 $(VENV_BROWSER) $(REQ_BROWSER)

lock:
	tools/lock-requirements.sh 3.12 tests/requirements/dev.in
	tools/lock-requirements.sh 3.11 tests/requirements/core216.in
	tools/lock-requirements.sh 3.12 tests/requirements/importer.in
	tools/lock-requirements.sh 3.12 tests/requirements/tools.in
	tools/lock-requirements.sh 3.12 tests/requirements/molecule.in
	tools/lock-requirements.sh 3.12 tests/requirements/eda.in
	tools/lock-requirements.sh 3.12 tests/requirements/browser.in

# --- collection tree for ansible-test / imports (fresh copy every time) ---
collection-tree:
	tools/collection-tree.sh $(BUILD)

# --- checks ---
units: $(STAMP_DEV) collection-tree
	tools/units.sh $(VENV) $(BUILD) $(PYTEST_OPTS)

units-core216: $(STAMP_CORE216) collection-tree
	tools/units.sh $(VENV_CORE216) $(BUILD) $(PYTEST_OPTS)

# Both at once, from one tree copy (the sub-make copies it once, before either starts): the unit tests
# wait on emulator processes, subprocesses and the clock about half of the time, so two runs of two
# workers each fill the two cores; one after the other, each leaves a core idle half the time.
units-all: $(STAMP_DEV) $(STAMP_CORE216)
	$(MAKE) -j2 --output-sync=target units units-core216

# ansible-test integration --local, offline: one target per module and the inventory plugin, against the
# emulator that the setup_central_emulator target starts (it stops itself when idle). A build folder per core.
targets: $(STAMP_DEV)
	tools/targets.sh $(VENV) $(BUILD)-targets $(TARGETS) $(TARGETS_ARGS)

targets-core216: $(STAMP_CORE216)
	tools/targets.sh $(VENV_CORE216) $(BUILD)-targets-core216 $(TARGETS) $(TARGETS_ARGS)

# Both at once (each ansible-test run is serial: one core each); the output of each when it ends. The two
# tree copies are made first, one after the other (see tools/targets.sh).
targets-all: $(STAMP_DEV) $(STAMP_CORE216)
	tools/collection-tree.sh $(BUILD)-targets
	tools/collection-tree.sh $(BUILD)-targets-core216
	TARGETS_TREE_READY=1 $(MAKE) -j2 --output-sync=target targets targets-core216

# Real ansible-playbook / ansible-inventory runs against an emulator process.
integration: $(STAMP_DEV) collection-tree
	tools/integration.sh $(VENV) $(BUILD) -m 'not awx and not eda' $(INTEGRATION_OPTS)

# The oldest supported core: the inventory tests (marked core216).
integration-core216: $(STAMP_CORE216) collection-tree
	tools/integration.sh $(VENV_CORE216) $(BUILD) -m core216 $(INTEGRATION_OPTS)

# The shared state (state_url) on a real redis-server started on a loopback port: one contract suite for the
# directory and Redis backends, processes and ansible-playbook runs sharing only the URL, faults of the server.
# Installs Debian's redis-server where missing (as root); never skips.
redis: $(STAMP_DEV) collection-tree
	tools/redis.sh $(VENV) $(BUILD) $(REDIS_ARGS)

# The desired_state role's molecule scenario (default driver, localhost) against an emulator.
molecule: $(STAMP_MOLECULE) collection-tree
	tools/molecule.sh $(VENV_MOLECULE) $(BUILD)

# Galaxy / Automation Hub readiness: galaxy-importer on the built tarball.
importer: $(STAMP_IMPORTER) $(STAMP_DEV) collection-tree
	tools/galaxy_importer.sh $(VENV_IMPORTER) $(VENV) $(BUILD)

# AWX: the execution-environment context, and the tests run through ansible-runner.
ee: $(STAMP_TOOLS) collection-tree
	tools/ee.sh $(VENV_TOOLS) $(BUILD)

awx: $(STAMP_TOOLS) collection-tree
	tools/integration.sh $(VENV_TOOLS) $(BUILD) -m awx $(INTEGRATION_ARGS)

# Event-Driven Ansible: the shipped rulebooks run by the real ansible-rulebook (needs Java 17 or later).
eda: $(STAMP_EDA) collection-tree
	tools/eda.sh $(VENV_EDA) $(BUILD) $(INTEGRATION_ARGS)

# The report pages (av_compliance, drift_report) rendered from the emulator's hostile dataset and checked
# in headless Chromium at 1280 and 390 px. Installs Debian's chromium and chromium-driver where missing.
browser: $(STAMP_BROWSER) $(STAMP_DEV) collection-tree
	tools/browser.sh $(VENV_BROWSER) $(VENV) $(BUILD) $(BROWSER_ARGS)

# Figures for performance.rst (not a test): size and render time of the compliance page for a large estate.
REPORT_HOSTS ?= 50000
report-scale: $(STAMP_BROWSER) $(STAMP_DEV) collection-tree
	cd $(COLLECTION) && REPORT_HOSTS=$(REPORT_HOSTS) REPORTS_ANSIBLE_BIN="$(abspath $(VENV))/bin" PYTHONPATH="$(abspath $(BUILD))" \
		"$(abspath $(VENV_BROWSER))/bin/python" tools/report_scale.py

# Reference docs from the plugins' own documentation, and screenshots of the report pages (taken by
# the browser test, so they show pages that passed it).
docs: $(STAMP_DEV) $(STAMP_BROWSER) collection-tree
	tools/docs.sh generate $(VENV) $(BUILD)
	mkdir -p $(SCREENSHOTS)
	REPORT_SCREENSHOT_DIR="$(abspath $(SCREENSHOTS))" tools/browser.sh $(VENV_BROWSER) $(VENV) $(BUILD) -q -k 'in_chromium'

docs-lint: $(STAMP_DEV) collection-tree
	tools/docs.sh check $(VENV) $(BUILD)

# Benchmarks (not tests): figures for the guides.
bench: $(STAMP_DEV) collection-tree
	tools/bench.sh $(VENV) $(BUILD)

sanity: $(STAMP_DEV) collection-tree
	tools/sanity.sh $(VENV) $(COLLECTION) $(SANITY_ARGS)

lint: $(STAMP_DEV) collection-tree
	$(TOOL_ENV) $(VENV)/bin/ansible-lint

changelog-lint: $(STAMP_DEV)
	$(VENV)/bin/antsibull-changelog lint
	$(VENV)/bin/antsibull-changelog lint-changelog-yaml changelogs/changelog.yaml

test:
	MAKE="$(MAKE)" tools/stages.sh $(TEST_STAGES)

# --- the public repository: workflows, what a release publishes, the support matrix ---
VENV_WORKFLOW_LINT  ?= .venv-workflow-lint
REQ_WORKFLOW_LINT   := tests/requirements/workflow-lint.txt
STAMP_WORKFLOW_LINT := $(VENV_WORKFLOW_LINT)/.requirements.txt
MATRIX_VENVS        := .venv-core217 .venv-core218 .venv-core219 .venv-core220
.PHONY: workflow-lint build-check test-matrix lock-matrix clean-matrix
# Extra prerequisites of targets defined above, kept here so that this block merges on its own.
lock: lock-matrix
clean: clean-matrix

$(STAMP_WORKFLOW_LINT): $(REQ_WORKFLOW_LINT) tools/mkvenv.sh
	tools/mkvenv.sh 3.12 $(VENV_WORKFLOW_LINT) $(REQ_WORKFLOW_LINT)

# GitHub cannot be reached from here, so the workflows are checked statically.
workflow-lint: $(STAMP_WORKFLOW_LINT)
	tools/workflow-lint.sh $(VENV_WORKFLOW_LINT)

build-check: $(STAMP_DEV)
	tools/build-check.sh $(VENV) $(BUILD)

# Not part of `make test`: six runs of the unit tests, about 13 minutes. The venvs are built on first use.
test-matrix: $(STAMP_DEV) $(STAMP_CORE216) collection-tree
	VENV=$(VENV) VENV_CORE216=$(VENV_CORE216) tools/test-matrix.sh $(BUILD) $(PYTEST_OPTS)

lock-matrix:
	tools/lock-requirements.sh 3.11 tests/requirements/core217.in
	tools/lock-requirements.sh 3.11 tests/requirements/core218.in
	tools/lock-requirements.sh 3.11 tests/requirements/core219.in
	tools/lock-requirements.sh 3.12 tests/requirements/core220.in
	tools/lock-requirements.sh 3.12 tests/requirements/workflow-lint.in

clean-matrix:
	rm -rf $(MATRIX_VENVS) $(VENV_WORKFLOW_LINT)

# --- other ---
build: $(STAMP_DEV)
	$(VENV)/bin/ansible-galaxy collection build --force --output-path $(BUILD) .

demo: $(STAMP_DEV) collection-tree
	@if [[ -f tools/demo.py ]]; then \
		$(TOOL_ENV) PYTHONPATH="$(abspath $(BUILD))" $(VENV)/bin/python tools/demo.py; \
	else \
		echo "demo: tools/demo.py does not exist yet"; \
	fi

clean:
	rm -rf $(VENV) $(VENV_CORE216) $(VENV_IMPORTER) $(VENV_TOOLS) $(VENV_MOLECULE) $(VENV_EDA) $(VENV_BROWSER) $(BUILD) $(BUILD)-targets \
		$(BUILD)-targets-core216 tests/output tests/integration/inventory .pytest_cache .hypothesis .ansible
