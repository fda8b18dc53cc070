# statusdb - one Makefile for everything.  See README.md; "make help".
#
#   make            install missing packages, build, import sources/, export dist/
#   make check      build and run every test; ends with "N passed, M failed"
#   make check SANITIZE=1   the same under AddressSanitizer and UBSan
#   make WERROR=1   warnings are errors (CI)
#   make install    PREFIX (/usr/local), DESTDIR, bindir, mandir, ...

# "make -f path/to/Makefile" from another directory runs here, with a
# relative DESTDIR taken from where make was started.
TOP := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
ifneq ($(TOP),$(CURDIR))
FIRST := $(firstword $(MAKECMDGOALS) all)
.PHONY: $(FIRST) $(MAKECMDGOALS)
$(FIRST):
	@$(MAKE) --no-print-directory -C '$(TOP)' $(MAKECMDGOALS) \
		$(if $(DESTDIR),DESTDIR='$(abspath $(DESTDIR))')
$(filter-out $(FIRST),$(MAKECMDGOALS)): $(FIRST)
	@:
else

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

# Where "make install" puts things (git's and the GNU names).
PREFIX ?= /usr/local
prefix = $(PREFIX)
exec_prefix = $(prefix)
bindir = $(exec_prefix)/bin
datarootdir = $(prefix)/share
datadir = $(datarootdir)
mandir = $(datarootdir)/man
includedir = $(prefix)/include
pkgconfigdir = $(datarootdir)/pkgconfig
bashcompletiondir = $(datarootdir)/bash-completion/completions
sdbdatadir = $(datadir)/statusdb
INSTALL = install

VERSION := $(shell sed -n 's/^\#define SDB_VERSION "\(.*\)"/\1/p' cli/cli.h)

# What building needs and what the tests use besides, each as
# KIND:NAME:DEBIAN-PACKAGES: a command on PATH (cmd), a pkg-config module
# (pc), a header the compiler finds (h), a Python module (py), a file
# (file) or libFuzzer for clang (fuzzer).  Only
# what is missing is installed, and only with apt-get: elsewhere make
# says what is missing.
, := ,
PKGS := sqlite3 libxml-2.0 libcmark-gfm
# libclang, for the c importer (importers/c_tokens.c): its headers at
# build time; the library is dlopened at the importer's first use instead
# of linked (linking costs every run ~60 ms)
CLANG_INC := $(shell llvm-config-14 --includedir 2>/dev/null || echo /usr/lib/llvm-14/include)
CLANG_LIB := $(shell llvm-config-14 --libdir 2>/dev/null || echo /usr/lib/llvm-14/lib)/libclang.so.1
NEEDS := cmd:$(firstword $(CC)):$(if $(findstring clang,$(CC)),clang,gcc$(,)libc6-dev) \
	cmd:pkg-config:pkg-config pc:sqlite3:libsqlite3-dev \
	pc:libxml-2.0:libxml2-dev pc:libcmark-gfm:libcmark-gfm-dev \
	h:cmark-gfm-core-extensions.h:libcmark-gfm-extensions-dev \
	h:jsmn.h:libjsmn-dev \
	file:$(CLANG_INC)/clang-c/Index.h:libclang-14-dev \
	file:$(CLANG_LIB):libclang1-14
TEST_NEEDS := cmd:sqlite3:sqlite3 cmd:python3:python3 \
	py:jsonschema:python3-jsonschema cmd:g++:g++ cmd:clang:clang \
	cmd:valgrind:valgrind cmd:man:man-db cmd:npm:npm cmd:jq:jq \
	cmd:chromium:chromium \
	file:/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fonts-dejavu-core
FUZZ_NEEDS := cmd:clang:clang fuzzer:clang:libfuzzer-14-dev,libclang-rt-14-dev
# the benchmark's floors (bench/run.py): cmark-gfm, xmllint, the sqlite3
# shell, and the MediaWiki parsers packaged for Debian (Debian's python3
# has mwparserfromhell; bench/run.py finds it there)
BENCH_NEEDS := cmd:cmark-gfm:cmark-gfm cmd:xmllint:libxml2-utils \
	cmd:sqlite3:sqlite3 cmd:python3:python3 cmd:pandoc:pandoc \
	file:/usr/lib/python3/dist-packages/mwparserfromhell/__init__.py:python3-mwparserfromhell

WARN := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wwrite-strings
ifeq ($(WERROR),1)
WARN += -Werror
endif
CFLAGS ?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
DEFS = -DSDB_DATADIR='"$(sdbdatadir)"' $(if $(DATADIR_REL),-DSDB_DATADIR_REL='"$(DATADIR_REL)"')
ALL_CFLAGS = $(WARN) $(CFLAGS) $(SAN) $(PKG_CFLAGS) $(DEFS) -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(SAN)
# Debian's libcmark-gfm.pc names the extensions library; upstream's not
LIBS = $(PKG_LIBS) $(if $(filter -lcmark-gfm-extensions,$(PKG_LIBS)),,-lcmark-gfm-extensions) -ldl
$(B)/importers/c_tokens.o: ALL_CFLAGS += -I$(CLANG_INC)

# The data directory as seen from the binary's, when both are under
# prefix: an installed tree moved elsewhere (or a DESTDIR) still finds it.
ifeq ($(bindir),$(prefix)/bin)
DATADIR_REL = $(patsubst $(prefix)/%,../%,$(filter $(prefix)/%,$(sdbdatadir)))
endif

LIB_SRC := $(wildcard common/*.c importers/*.c store/*.c reconciler/*.c exporters/*.c) \
	$(filter-out cli/main.c,$(wildcard cli/*.c))
LIB_OBJ := $(patsubst %.c,$(B)/%.o,$(LIB_SRC)) $(B)/schema_sql.o
SCHEMA := $(sort $(wildcard schema/*.sql))

.PHONY: all deps test-deps check run clean fuzz fuzz-build dist golden-update \
	install uninstall help FORCE bench bench-small
.DEFAULT_GOAL := all

all: $(B)/deps.stamp $(B)/statusdb run dist

help:
	@echo 'statusdb $(VERSION): make [TARGET] [SWITCH=VALUE]...'
	@echo
	@echo 'targets:'
	@echo '  all (default)  install missing packages, build $(B)/statusdb,'
	@echo '                 import sources/ into $(B)/status.db, export dist/'
	@echo '  check          build and run every test ("N passed, M failed")'
	@echo '  install        the binary, man pages, exports, header, pkg-config'
	@echo '                 file and bash completion under DESTDIR/PREFIX'
	@echo '  uninstall      remove what install put there'
	@echo '  fuzz           a libFuzzer round per importer and for the exports'
	@echo '  bench          the benchmark against its floors (bench/run.py)'
	@echo '  bench-small    its CI version: fails on superlinear growth or a doubled ratio'
	@echo '  golden-update  rewrite tests/data/golden/ from the importers'
	@echo '  deps           install the missing build packages (apt-get)'
	@echo '  test-deps      the same for what the tests use'
	@echo '  clean          remove build/'
	@echo
	@echo 'switches:'
	@echo '  SANITIZE=1     build and test under ASan and UBSan (in build/sanitize)'
	@echo '  WERROR=1       warnings are errors'
	@echo '  B=DIR          build directory (default build)'
	@echo '  FUZZ_SECONDS=N seconds per fuzz target (default $(FUZZ_SECONDS))'
	@echo '  CC, CFLAGS, LDFLAGS   compiler and flags; a change rebuilds'
	@echo '  PREFIX=DIR     install prefix (default /usr/local); DESTDIR=DIR'
	@echo '                 stages the install; bindir, mandir, datadir,'
	@echo '                 includedir, pkgconfigdir, bashcompletiondir'

# $(call need,REQUIREMENTS): installs the Debian packages of those missing,
# with apt-get as root; anyone else is told what to install, and make stops.
need = @missing=""; debs=""; \
	for r in $(1); do \
		kind=$${r%%:*}; rest=$${r\#*:}; name=$${rest%%:*}; pkg=$${rest\#*:}; \
		case $$kind in \
		cmd) command -v "$$name" >/dev/null 2>&1 ;; \
		pc) pkg-config --exists "$$name" 2>/dev/null ;; \
		h) echo "\#include <$$name>" | $(CC) $(PKG_CFLAGS) -E -x c - \
			>/dev/null 2>&1 ;; \
		py) python3 -c "import $$name" 2>/dev/null ;; \
		file) [ -e "$$name" ] ;; \
		fuzzer) echo 'int LLVMFuzzerTestOneInput(void) { return 0; }' | \
			$$name -fsanitize=fuzzer -x c -o /dev/null - \
			>/dev/null 2>&1 ;; \
		esac || { missing="$$missing $$name"; \
			debs="$$debs $$(echo $$pkg | tr , ' ')"; }; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing:$$debs (for$$missing)"; \
			export DEBIAN_FRONTEND=noninteractive; \
			apt-get update -qq >/dev/null && \
			apt-get install -y -qq $$debs >/dev/null || exit 1; \
		else \
			echo "statusdb needs:$$missing" >&2; \
			echo "on Debian: sudo apt-get install -y$$debs" >&2; \
			exit 1; \
		fi; \
	fi

# "make deps" checks every time; a build checks once per build folder
# (and again when this Makefile changes), so that "make" with nothing to
# do does nothing.
deps:
	$(call need,$(NEEDS))

$(B)/deps.stamp: Makefile
	$(call need,$(NEEDS))
	@mkdir -p $(B)
	@touch $@

test-deps:
	$(call need,$(NEEDS) $(TEST_NEEDS))

# Build flags are tracked (git's GIT-CFLAGS): a new CC, CFLAGS, LDFLAGS
# or prefix rebuilds everything.
FLAGS_SQ = $(subst ','\'',$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) $(LIBS))
$(B)/build-flags: FORCE | $(B)/deps.stamp
	@mkdir -p $(B)
	@printf '%s\n' '$(FLAGS_SQ)' >$@.new; \
	if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi

$(B)/%.o: %.c $(B)/build-flags | $(B)/deps.stamp
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The schema files are embedded, so the binary needs no files at run time.
$(B)/schema_sql.c: $(SCHEMA)
	@mkdir -p $(B)
	awk 'BEGIN { print "/* generated from the .sql files in schema/ by the Makefile; do not edit */"; \
	  print "extern const char sdb_schema_sql[];"; print "const char sdb_schema_sql[] =" } \
	  { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); print "\"" $$0 "\\n\"" } \
	  END { print ";" }' $(SCHEMA) > $@

$(B)/schema_sql.o: $(B)/schema_sql.c $(B)/build-flags
	$(CC) $(CFLAGS) $(SAN) -c -o $@ $<

$(B)/libstatusdb.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(B)/statusdb: $(B)/cli/main.o $(B)/libstatusdb.a $(B)/build-flags
	$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o %.a,$^) $(LIBS)

# The main job: every source into build/status.db, again only when a
# source, the manifest or statusdb changed ("make" then does nothing).
SOURCE_FILES := $(wildcard sources/* sources/*/*)

run: $(B)/status.db

$(B)/status.db: $(B)/statusdb $(SOURCE_FILES)
	$(B)/statusdb build --db $@

# What other projects take, regenerated after every import and committed;
# tests/t40-export.sh fails when they differ from a fresh export.  A file
# that would not change is left alone, so what depends on it is not
# rebuilt.
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

# ajv, the strict JSON Schema validator tests/t42 runs, from npm into
# build/npm (not globally), whatever B is
AJV := build/npm/node_modules/.bin/ajv
$(AJV): | test-deps
	npm install --prefix build/npm --no-audit --no-fund --silent ajv-cli@5

check: test-deps $(AJV) $(B)/statusdb $(B)/tests/unit $(B)/tests/golden \
	$(B)/tests/html_tree
	@$(CHECK_ENV) B=$(B) sh tests/run.sh

$(B)/tests/%: $(B)/tests/%.o $(B)/libstatusdb.a $(B)/build-flags
	$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o %.a,$^) $(LIBS)

# The benchmark (bench/run.py): each case against its floor, paired, with
# medians and ratios; not part of "make check".  bench-small is the CI
# version (100 lists, 10,000 rows): it fails when growth turns
# superlinear or a ratio doubles (bench/ci-limits.tsv).
bench: $(B)/statusdb
	$(call need,$(NEEDS) $(BENCH_NEEDS))
	python3 bench/run.py --statusdb $(B)/statusdb $(BENCH_ARGS)

bench-small: $(B)/statusdb
	$(call need,$(NEEDS) $(BENCH_NEEDS))
	python3 bench/run.py --small --statusdb $(B)/statusdb $(BENCH_ARGS)

# Rewrites tests/data/golden/*/*.claims and .err from what the importers
# read now: review "git diff" before committing.
golden-update: $(B)/tests/golden
	$(B)/tests/golden -u

# --- install: the binary, its documentation, the canonical data.  The
# manual names the directories of the default prefix; the installed copy
# names those it was installed for.

# Written anew each time: prefix and includedir may differ from the last.
$(B)/statusdb.pc: FORCE
	@mkdir -p $(B)
	@printf '%s\n' 'prefix=$(prefix)' \
		'includedir=$(patsubst $(prefix)/%,$${prefix}/%,$(includedir))' \
		'exportsdir=$(patsubst $(prefix)/%,$${prefix}/%,$(sdbdatadir))' '' \
		'Name: statusdb' \
		'Description: HTTP status codes: http_status.h, generated by statusdb' \
		'Version: $(VERSION)' 'Cflags: -I$${includedir}' >$@

INSTALLED_DATA := dist/http_status.h dist/http_status.json dist/http_status.csv \
	schema/http_status.schema.json

install: all $(B)/statusdb.pc
	$(INSTALL) -d '$(DESTDIR)$(bindir)' '$(DESTDIR)$(mandir)/man1' \
		'$(DESTDIR)$(mandir)/man5' '$(DESTDIR)$(sdbdatadir)' \
		'$(DESTDIR)$(includedir)' '$(DESTDIR)$(pkgconfigdir)' \
		'$(DESTDIR)$(bashcompletiondir)'
	$(INSTALL) -m 755 $(B)/statusdb '$(DESTDIR)$(bindir)/statusdb'
	sed 's|/usr/local/share/statusdb|$(sdbdatadir)|g; s|/usr/local|$(prefix)|g' \
		man/statusdb.1 >'$(DESTDIR)$(mandir)/man1/statusdb.1'
	chmod 644 '$(DESTDIR)$(mandir)/man1/statusdb.1'
	$(INSTALL) -m 644 man/statusdb-formats.5 \
		'$(DESTDIR)$(mandir)/man5/statusdb-formats.5'
	$(INSTALL) -m 644 $(INSTALLED_DATA) $(B)/status.db '$(DESTDIR)$(sdbdatadir)'
	$(INSTALL) -m 644 dist/http_status.h '$(DESTDIR)$(includedir)/http_status.h'
	$(INSTALL) -m 644 $(B)/statusdb.pc '$(DESTDIR)$(pkgconfigdir)/statusdb.pc'
	$(INSTALL) -m 644 completion/statusdb.bash \
		'$(DESTDIR)$(bashcompletiondir)/statusdb'

uninstall:
	rm -f '$(DESTDIR)$(bindir)/statusdb' '$(DESTDIR)$(mandir)/man1/statusdb.1' \
		'$(DESTDIR)$(mandir)/man5/statusdb-formats.5' \
		'$(DESTDIR)$(includedir)/http_status.h' \
		'$(DESTDIR)$(pkgconfigdir)/statusdb.pc' \
		'$(DESTDIR)$(bashcompletiondir)/statusdb' \
		$(patsubst %,'$(DESTDIR)$(sdbdatadir)/%',$(notdir $(INSTALLED_DATA)) status.db)
	-rmdir '$(DESTDIR)$(sdbdatadir)' 2>/dev/null

# One libFuzzer target per importer (clang); FUZZ_SECONDS each.
FORMATS := mediawiki gfm-table linklist plaintext iana-xml html csv iana-text \
	json c mdn
FUZZ_SECONDS ?= 60

fuzz:
	$(call need,$(NEEDS) $(FUZZ_NEEDS))
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

-include $(LIB_OBJ:.o=.d) $(B)/cli/main.d $(B)/tests/unit.d $(B)/tests/golden.d \
	$(B)/tests/html_tree.d

endif
