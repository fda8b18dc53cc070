# statusdb - one Makefile for everything.  See README.md.
#
#   make            install missing packages, build, import sources/, export dist/
#   make check      build and run every test; ends with "N passed, M failed"
#   make check SANITIZE=1   the same under AddressSanitizer and UBSan
#   make WERROR=1   warnings are errors (CI)

CC ?= cc
B := build
ifeq ($(SANITIZE),1)
B := build/sanitize
SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
endif
ifeq ($(FUZZ),1)
B := build/fuzz
CC := clang
SAN := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
endif

PKGS := sqlite3 libxml-2.0 libcmark-gfm
# Debian packages: what building needs, and what the tests use besides
DEBS := make gcc libc6-dev pkg-config libsqlite3-dev libxml2-dev libcmark-gfm-dev \
	libcmark-gfm-extensions-dev libjsmn-dev libclang-14-dev libclang1-14
TEST_DEBS := sqlite3 python3 python3-jsonschema g++ clang valgrind jq \
	chromium fonts-dejavu-core
# the benchmark's floors (bench/run.py): cmark-gfm, xmllint, the sqlite3 shell
BENCH_DEBS := cmark-gfm libxml2-utils sqlite3 python3

WARN := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wwrite-strings
ifeq ($(WERROR),1)
WARN += -Werror
endif
CFLAGS ?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = $(WARN) $(CFLAGS) $(SAN) $(PKG_CFLAGS) -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(SAN)
LIBS = $(PKG_LIBS) -lcmark-gfm-extensions -ldl
# libclang's headers, for importers/c_source.c only: it dlopens libclang
# at its first use instead of linking it (linking costs every run ~60 ms)
CLANG_INC := $(shell llvm-config-14 --includedir 2>/dev/null || echo /usr/lib/llvm-14/include)
$(B)/importers/c_source.o: ALL_CFLAGS += -I$(CLANG_INC)

LIB_SRC := $(wildcard common/*.c importers/*.c store/*.c reconciler/*.c exporters/*.c) \
	$(filter-out cli/main.c,$(wildcard cli/*.c))
LIB_OBJ := $(patsubst %.c,$(B)/%.o,$(LIB_SRC)) $(B)/schema_sql.o
SCHEMA := $(sort $(wildcard schema/*.sql))

.PHONY: all deps test-deps check run clean fuzz fuzz-build dist golden-update \
	bench bench-small
.DEFAULT_GOAL := all

all: deps $(B)/statusdb run dist

# $(call need,PACKAGES): installs the Debian packages that are missing,
# with apt-get as root; anyone else is told the command, and make stops.
need = @missing=""; \
	for p in $(1); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || \
			missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing:$$missing"; \
			export DEBIAN_FRONTEND=noninteractive; \
			apt-get update -qq >/dev/null && \
			apt-get install -y -qq $$missing >/dev/null || exit 1; \
		else \
			echo "statusdb needs these Debian packages:$$missing" >&2; \
			echo "install them with: sudo apt-get install -y$$missing" >&2; \
			exit 1; \
		fi; \
	fi

# Checked once per build folder (and again when this Makefile changes), so
# that "make" with nothing to do does nothing.
deps: $(B)/deps.stamp

$(B)/deps.stamp: Makefile
	$(call need,$(DEBS))
	@mkdir -p $(B)
	@touch $@

test-deps:
	$(call need,$(DEBS) $(TEST_DEBS))

$(B)/%.o: %.c | $(B)/deps.stamp
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The schema files are embedded, so the binary needs no files at run time.
$(B)/schema_sql.c: $(SCHEMA)
	@mkdir -p $(B)
	awk 'BEGIN { print "/* generated from the .sql files in schema/ by the Makefile; do not edit */"; \
	  print "extern const char sdb_schema_sql[];"; print "const char sdb_schema_sql[] =" } \
	  { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); print "\"" $$0 "\\n\"" } \
	  END { print ";" }' $(SCHEMA) > $@

$(B)/schema_sql.o: $(B)/schema_sql.c
	$(CC) $(CFLAGS) $(SAN) -c -o $@ $<

$(B)/libstatusdb.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(B)/statusdb: $(B)/cli/main.o $(B)/libstatusdb.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

# The main job: every source into build/status.db, again only when a
# source, the manifest or statusdb changed ("make" then does nothing).
SOURCE_FILES := $(wildcard sources/* sources/*/*)

run: $(B)/status.db

$(B)/status.db: $(B)/statusdb $(SOURCE_FILES)
	$(B)/statusdb build --db $@

# What other projects take, regenerated after every import and committed;
# tests/t40-export.sh fails when they differ from a fresh export.
dist: $(B)/dist.stamp

$(B)/dist.stamp: $(B)/status.db
	@mkdir -p dist
	$(B)/statusdb export --db $(B)/status.db --format c -o dist/http_status.h
	$(B)/statusdb export --db $(B)/status.db --format json -o dist/http_status.json
	$(B)/statusdb export --db $(B)/status.db --format csv -o dist/http_status.csv
	$(B)/statusdb report --db $(B)/status.db -o dist/report.html
	@$(B)/statusdb conflicts --db $(B)/status.db --summary
	@touch $@

# LeakSanitizer (gcc 12) misreads glibc 2.36's dynamic TLS once libclang
# is dlopened ("Tracer caught signal 11", DTLS at 0x246): its scan of TLS
# is turned off; leaks are still found from stacks, globals and the heap.
ifeq ($(SANITIZE),1)
CHECK_ENV := LSAN_OPTIONS=use_tls=0:print_suppressions=0$${LSAN_OPTIONS:+:$$LSAN_OPTIONS}
endif

check: test-deps $(B)/statusdb $(B)/tests/unit $(B)/tests/golden
	@$(CHECK_ENV) B=$(B) sh tests/run.sh

$(B)/tests/%: $(B)/tests/%.o $(B)/libstatusdb.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

# The benchmark (bench/run.py): each case against its floor, paired, with
# medians and ratios; not part of "make check".  bench-small is the CI
# version (100 lists, 10,000 rows): it fails when growth turns
# superlinear or a ratio doubles (bench/ci-limits.tsv).
bench: $(B)/statusdb
	$(call need,$(DEBS) $(BENCH_DEBS))
	python3 bench/run.py --statusdb $(B)/statusdb $(BENCH_ARGS)

bench-small: $(B)/statusdb
	$(call need,$(DEBS) $(BENCH_DEBS))
	python3 bench/run.py --small --statusdb $(B)/statusdb $(BENCH_ARGS)

# Rewrites tests/data/golden/*/*.claims and .err from what the importers
# read now: review "git diff" before committing.
golden-update: $(B)/tests/golden
	$(B)/tests/golden -u

# One libFuzzer target per importer (clang); FUZZ_SECONDS each.
FORMATS := mediawiki gfm-table linklist plaintext iana-xml html csv iana-text \
	json c mdn
FUZZ_SECONDS ?= 60

fuzz:
	$(call need,$(DEBS) clang libfuzzer-14-dev libclang-rt-14-dev)
	@$(MAKE) --no-print-directory FUZZ=1 fuzz-build
	@for f in $(FORMATS) export; do \
		sh tests/fuzz/run.sh build/fuzz $$f $(FUZZ_SECONDS) || exit 1; \
	done

fuzz-build: $(FORMATS:%=$(B)/fuzz/fuzz-%) $(B)/fuzz/fuzz-export

# The whole pipeline, import to export (a GFM table in, all formats out).
$(B)/fuzz/fuzz-export: tests/fuzz/fuzz_export.c $(B)/libstatusdb.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(B)/libstatusdb.a $(LIBS)

$(B)/fuzz/fuzz-%: tests/fuzz/fuzz_import.c $(B)/libstatusdb.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -DSDB_FUZZ_FORMAT='"$*"' \
		-o $@ $< $(B)/libstatusdb.a $(LIBS)

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(B)/cli/main.d $(B)/tests/unit.d $(B)/tests/golden.d
