# The developer interface. CI (.ci/run) calls the same targets.
# Needs only python3 (3.11+) and Node.js (20+) on the machine; everything else is installed here.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Re-install when the dependency list changes.
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
ODATA  := tests/odata_server
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION := 1
# jsii takes the list of majors to silence: Node 20 is what these machines have (end-of-life).
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: fuzz install node cdk-cli demo test test-fast lint format typecheck infra-test synth bench bench-handoff clean schemas

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP) node cdk-cli ## Python venv with the package and dev tools, the pinned CDK CLI, the Node test peer

# The CDK CLI pinned in package.json / package-lock.json: `npx cdk ...` (README) finds it in
# node_modules; without it npx would fetch whatever package is called "cdk" today.
node_modules/.package-lock.json: package-lock.json
	@command -v node >/dev/null || { echo "Node.js 20+ is required (for the CDK and the OData test server)"; exit 1; }
	npm ci --no-audit --no-fund

cdk-cli: node_modules/.package-lock.json

# The SAP OData test peer (CAP). --ignore-scripts: the server uses the sql.js driver, so nothing
# needs compiling (better-sqlite3 would build from source for ~50 s).
$(ODATA)/node_modules/.package-lock.json: $(ODATA)/package-lock.json
	@command -v node >/dev/null || { echo "Node.js 20+ is required (for the CDK and the OData test server)"; exit 1; }
	npm ci --omit=dev --ignore-scripts --no-audit --no-fund --prefix $(ODATA)

node: $(ODATA)/node_modules/.package-lock.json

demo: $(STAMP) ## Run the whole integration locally and print what happened (ERP=odata: against the SAP test peer)
	@if [ "$(ERP)" = odata ]; then $(MAKE) --no-print-directory node; fi
	$(BIN)/sferp local demo $(if $(ERP),--erp $(ERP))

test: install ## Lint and type-check, then every test suite with coverage
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MAKE) --no-print-directory typecheck
	$(BIN)/pytest -p no:cacheprovider --cov --cov-report=term -q

test-fast: install ## Unit and integration tests only
	$(BIN)/pytest -p no:cacheprovider -q tests/unit tests/integration tests/contract

infra-test: install
	$(BIN)/pytest -p no:cacheprovider -q tests/infra

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The handlers one by one: each is a top-level module named "handler", as Lambda loads it.
typecheck: $(STAMP) ## mypy on the runtime package, the tools, the CDK app and every handler
	$(BIN)/mypy layers/sferp/sferp tools/sferp_tools infra
	@for handler in functions/*/handler.py; do $(BIN)/mypy --no-error-summary $$handler || exit 1; done

synth: $(STAMP) cdk-cli ## make synth ENV=dev
	npx --no-install cdk synth -c env=$(or $(ENV),dev) -q

schemas: $(STAMP)
	$(BIN)/python -m sferp_tools.schemas

bench: install ## Benchmarks; results in bench/results/ (datacompy, pandas, polars come from the bench extra)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/bench_order_handoff.py
	@for b in bench/bench_*.py; do [ "$$b" = bench/bench_order_handoff.py ] || $(BIN)/python $$b || exit 1; done
	# The scale run: 10,000,000 rows per side, generated on the fly (~3.7 GB in a temp dir), engine only
	$(BIN)/python bench/bench_reconcile.py --rows 10000000 --only engine --repeat 3 --out bench/results/reconcile_10m.json

# The contract's property test with SFERP_FUZZ_EXAMPLES examples (default 100,000; make test runs
# 400 of each property); the handler's property with SFERP_HANDLER_FUZZ_EXAMPLES (default 2,000).
fuzz: install ## Long property-based runs of the event contract and the handler
	SFERP_HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -p no:cacheprovider -q --hypothesis-show-statistics \
		tests/unit/order_handoff/test_contract_properties.py::test_parsing_answers_every_payload_around_a_valid_one
	SFERP_HANDLER_FUZZ_EXAMPLES=$${SFERP_HANDLER_FUZZ_EXAMPLES:-2000} $(BIN)/pytest -p no:cacheprovider -q \
		--hypothesis-show-statistics tests/integration/order_handoff/test_handler_properties.py

clean:
	rm -rf $(VENV) .build cdk.out .sferp .pytest_cache .coverage $(ODATA)/node_modules
