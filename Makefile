# talentzone — the two commands a newcomer runs are `make demo` and `make test`.
# Everything else here is what those two need; each target is safe to run again.

PORT ?= 8000
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := UV_PYTHON_DOWNLOADS=never UV_PROJECT_ENVIRONMENT=$(VENV) $(BIN)/uv
UV_VERSION := 0.13.9
VENDOR := src/talentzone/static/vendor
CHROMIUM := /usr/bin/chromium

.PHONY: demo test install assets browser fonts lint format messages clean bench-seed bench-import \
	bench-eligibility bench-matching bench-dashboard bench-load audit

demo: install assets fonts ## migrate, seed the demo zone (idempotent) and serve it
	$(BIN)/talentzone migrate --no-input
	$(BIN)/talentzone seed --scale 1
	TALENTZONE_DEBUG=$${TALENTZONE_DEBUG:-1} $(BIN)/talentzone runserver --noreload 127.0.0.1:$(PORT)

test: install assets browser fonts ## the whole suite: unit, API, pages and browser tests
	$(BIN)/pytest

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Security checks. bandit reads the application code (not tests or migrations, see
# [tool.bandit] in pyproject.toml), prints its whole summary and fails on any high-severity
# finding. pip-audit looks every locked package up in PyPI's advisory database and fails on a
# known vulnerability; where that service cannot be reached (an offline build machine) it says
# NOT AUDITED in capitals and the target goes on, since "no finding" would be a lie there.
audit: install ## bandit (fails on a high finding) and pip-audit over uv.lock (fails on a known vulnerability)
	$(BIN)/bandit -c pyproject.toml -r src --severity-level high
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(UV) export --frozen --no-hashes --no-emit-project --format requirements-txt > "$$tmp/requirements.txt" && \
	{ $(BIN)/pip-audit --requirement "$$tmp/requirements.txt" --no-deps --disable-pip \
	    --progress-spinner off --format json --output "$$tmp/audit.json" 2> "$$tmp/stderr"; \
	  status=$$?; } ; \
	$(BIN)/python -c "$$PIP_AUDIT_VERDICT" "$$tmp/audit.json" "$$tmp/stderr" "$$status"

# Reads pip-audit's JSON: a vulnerability fails; a lookup that never reached the service is
# reported as not audited (each package "not found", or a connection error), never as clean.
define PIP_AUDIT_VERDICT
import json, pathlib, re, sys
report, stderr, status = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]).read_text(), int(sys.argv[3])
unreachable = re.compile(r"ConnectionError|Max retries|NameResolution|Name or service not known|timed out|HTTPError|50[0-9] Server Error|403 Client Error|Temporary failure")
def not_audited(reason):
    print(f"pip-audit: NOT AUDITED — vulnerability service unreachable ({reason})")
    sys.exit(0)
try:
    deps = json.loads(report.read_text())["dependencies"]
except (OSError, ValueError, KeyError):
    lines = [line for line in stderr.splitlines() if line.strip()]
    if unreachable.search(stderr):
        not_audited(lines[-1][:200] if lines else "no answer")
    print(stderr)
    sys.exit(status or 1)
found = [(d["name"], d["version"], v["id"], ", ".join(v.get("fix_versions") or []) or "none") for d in deps for v in d.get("vulns", [])]
for name, version, vuln, fixes in found:
    print(f"pip-audit: {name} {version}: {vuln} (fixed in: {fixes})")
if found:
    print(f"pip-audit: {len(found)} known vulnerabilities in the locked packages")
    sys.exit(1)
skipped = [d for d in deps if "skip_reason" in d]
if deps and len(skipped) == len(deps):
    not_audited(f"none of {len(deps)} packages could be looked up: {skipped[0]['skip_reason']}")
for d in skipped:
    print(f"pip-audit: not audited: {d['skip_reason']}")
print(f"pip-audit: {len(deps) - len(skipped)} of {len(deps)} packages audited, no known vulnerabilities")
endef
export PIP_AUDIT_VERDICT

install: $(VENV)/.installed

# The lock file pins every Python package; uv installs exactly those.
$(VENV)/.installed: pyproject.toml uv.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	test -x $(BIN)/uv || $(BIN)/pip install --quiet uv==$(UV_VERSION)
	$(UV) sync --frozen --quiet
	touch $@

# Bootstrap, Bootstrap Icons and ECharts come from the npm registry (package-lock.json) and are
# copied into static: the pages never load anything from the internet.
assets: $(VENDOR)/.installed

$(VENDOR)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/bootstrap $(VENDOR)/bootstrap-icons $(VENDOR)/echarts
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map $(VENDOR)/bootstrap/
	cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map $(VENDOR)/bootstrap/
	cp -r node_modules/bootstrap-icons/font/bootstrap-icons.min.css node_modules/bootstrap-icons/font/fonts $(VENDOR)/bootstrap-icons/
	cp node_modules/echarts/dist/echarts.min.js $(VENDOR)/echarts/
	touch $@

# Browser tests drive Debian's chromium (no browser download); install it when it is missing.
browser:
	@test -x $(CHROMIUM) || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk; }

# Certificates (and later reports) are PDFs with Chinese text: reportlab embeds a TrueType CJK
# font, WenQuanYi Micro Hei from Debian's packages (the Noto CJK fonts are CFF outlines, which
# reportlab cannot embed). TALENTZONE_PDF_FONT points elsewhere if a server keeps fonts elsewhere.
PDF_FONT := /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
fonts:
	@test -f $(PDF_FONT) || { \
	  echo "Installing Debian's fonts-wqy-microhei for PDF certificates"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq fonts-wqy-microhei; }

messages: install ## refresh the translation catalogues (needs GNU gettext)
	cd src/talentzone && ../../$(BIN)/talentzone makemessages -l zh_Hans -l en --no-obsolete
	cd src/talentzone && ../../$(BIN)/talentzone compilemessages

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var

bench-seed: install ## time `seed --scale $(SCALE)` on a scratch SQLite database and count rows
	$(BIN)/python benchmarks/seed.py --scale $${SCALE:-100}

bench-import: install ## time the Excel import of $(ROWS) talents against openpyxl + bulk_create
	$(BIN)/python benchmarks/import_talents.py --rows $${ROWS:-10000}

# Each demo policy's rule as one compiled query against the same rule evaluated record by record
# in Python, on a scratch database seeded at $(SCALE); then the full offer scan. At scale 100 the
# Python side takes about a quarter of an hour over all 630,000 talents, so it is timed on
# $(SAMPLE) random records per policy and extrapolated (the output says so); SAMPLE= times all.
SCALE ?= 100
SAMPLE ?= 20000
bench-eligibility: install ## time the compiled eligibility rules against Python, and the offer scan
	$(BIN)/python benchmarks/eligibility_scan.py --scale $(SCALE) $(if $(SAMPLE),--sample $(SAMPLE))

# The matching engine against a plain SQLite FTS5 baseline: index build, memory and p50/p99 of the
# top-50 match with explanations over 200 demo demands, on the registry at each of $(SCALES)
# and on $(SYNTHETIC) synthetic profiles (about twenty minutes for the defaults).
SCALES ?= 1,10,100
SYNTHETIC ?= 1000000
bench-matching: install ## time the matching engine against SQLite FTS5 at several sizes
	$(BIN)/python benchmarks/matching.py --scales $(SCALES) --synthetic $(SYNTHETIC)

# The leader's overview (page + figure API) cold and warm on the demo zone at each scale.
DASHBOARD_SCALES ?= 1,100
bench-dashboard: install ## time the leader's overview over the demo zone at scales 1 and 100
	$(BIN)/python benchmarks/dashboard.py --scales $(DASHBOARD_SCALES)

# Mixed traffic (talents, reviewers, bookers, leaders) by locust against gunicorn on PostgreSQL
# seeded at $(SCALE), with Redis as cache and queue: requests/s, p50/p95/p99 and errors. The
# database talentzone_load_$(SCALE) is seeded once and reused (at 100 the seed takes minutes).
USERS ?= 40
DURATION ?= 60
bench-load: install ## $(USERS) simulated users for $(DURATION) s against gunicorn at $(SCALE)
	$(BIN)/python benchmarks/load.py --scale $(SCALE) --users $(USERS) --duration $(DURATION)
