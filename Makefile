# Briefing Archive. On a fresh machine with Python 3.11 and git:
#   make site   build site/ from seeds/ (sets up .venv first): scripts/build_site.py,
#               the same script the publish workflow and the browser tests run
#   make site-zensical  the same site built with Zensical instead of MkDocs
#   make screenshots    browser-test screenshots -> docs/screenshots/ (README)
#   make test   run the test suite
#   make serve  live preview at http://127.0.0.1:8000/briefing-archive/
PYTHON ?= python3
VENV := .venv
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: the site's dates (sitemap, gzip headers) come from the
# last commit, not the clock, unless the caller sets SOURCE_DATE_EPOCH.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: site site-zensical screenshots generate serve test golden bench quality clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

generate: $(STAMP)
	$(BIN)/python -m generator build

# generate + mkdocs build --strict + Pagefind index (when extra.search_backend is pagefind);
# exits non-zero when the generator reports an error (a file was ignored), after building everything
site: $(STAMP)
	$(BIN)/python scripts/build_site.py

site-zensical: $(STAMP)
	$(BIN)/python scripts/build_site.py --builder zensical

screenshots: $(STAMP)
	$(BIN)/python scripts/update_screenshots.py

# --dirty: after the first build, MkDocs rebuilds only the pages the generator rewrote (see README "Scale")
serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload --dirty

test: $(STAMP)
	$(BIN)/python -m pytest

golden: $(STAMP)
	$(BIN)/python -m pytest tests/test_golden.py --update-golden

# Scale benchmark (not part of `make test`): N=1,000 by default;
# `make bench BENCH_ARGS="--n 10000"` for the big run (see README "Scale").
# then the extraction worst cases (issue 13): seconds per generated case at 8 and 64 KB, and the ratio
# to a normal article of the same size (benchmarks/worst_cases.py; --check fails over 1 s per 64 KB)
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/worst_cases.py $(WORST_ARGS)

# Extraction quality per eval set (dev, real, blind*) and error causes, as Markdown for the README;
# `make quality QUALITY_ARGS="--compare before.json"` for before/after (see benchmarks/quality.py).
quality: $(STAMP)
	$(BIN)/python benchmarks/quality.py $(QUALITY_ARGS)

clean:
	rm -rf site .cache content/archive content/index.md content/.generated.json content/.generated-copy.json content/data content/feed.xml
