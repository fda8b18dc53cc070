#!/bin/sh
# t80-install.sh - installed like jq, sqlite3 or cmark: "make install" into
# a DESTDIR staging tree gives a statusdb that answers from anywhere with
# no set-up, a header pkg-config finds, man pages that render and say
# every command and option the binary has, a bash completion that reads
# the binary; "make uninstall" leaves no file.  And the Makefile: a
# second make rewrites nothing, a changed CFLAGS rebuilds, make -f works
# from elsewhere, apt-get runs only for what is missing.
. tests/lib.sh

TOP=$(pwd)
STAGE=$T/stage
P=$STAGE/usr/local
export TOP

# the make of the test (MAKEFLAGS brings the outer make's switches:
# SANITIZE, CC, B)
mk() {
	make --no-print-directory -s B="$B" "$@"
}

# --- make install into a staging tree.  The exports run again (their
# stamp removed) and must leave dist/'s files alone: the same bytes.
# Their times are put back afterwards.
for f in dist/http_status.h dist/http_status.json dist/http_status.csv; do
	[ -f "$f" ] && touch -r "$f" "$T/time.${f##*/}" &&
		touch -d '2001-01-01 00:00' "$f"
done
rm -f "$B/dist.stamp"
check "make install DESTDIR=STAGE" mk install DESTDIR="$STAGE"
check "... the exports ran again" test -f "$B/dist.stamp"
eq "make did not rewrite dist/ (its files hold the same bytes)" \
	"2001-01-01 2001-01-01 2001-01-01" \
	"$(for f in dist/http_status.h dist/http_status.json dist/http_status.csv; do
		date -r "$f" +%F; done | tr '\n' ' ' | sed 's/ $//')"
for f in dist/http_status.h dist/http_status.json dist/http_status.csv; do
	[ -f "$T/time.${f##*/}" ] && touch -r "$T/time.${f##*/}" "$f"
done
eq "what install puts where" "usr/local/bin/statusdb
usr/local/include/http_status.h
usr/local/share/bash-completion/completions/statusdb
usr/local/share/man/man1/statusdb.1
usr/local/share/man/man5/statusdb-formats.5
usr/local/share/pkgconfig/statusdb.pc
usr/local/share/statusdb/http_status.csv
usr/local/share/statusdb/http_status.h
usr/local/share/statusdb/http_status.json
usr/local/share/statusdb/http_status.schema.json
usr/local/share/statusdb/status.db" \
	"$(cd "$STAGE" && find . -type f | sed 's|^\./||' | LC_ALL=C sort)"
for f in http_status.h http_status.json http_status.csv; do
	check "the installed $f is dist/'s" cmp "dist/$f" "$P/share/statusdb/$f"
done
check "the installed header is dist/'s" cmp dist/http_status.h \
	"$P/include/http_status.h"

# --- the installed binary, from outside the checkout, with no set-up
mkdir -p "$T/elsewhere"
in_elsewhere() {
	(cd "$T/elsewhere" && env -u STATUSDB_DB "$@")
}
check "installed statusdb show 413, from another directory, no set-up" \
	in_elsewhere "$P/bin/statusdb" show 413
eq "it answers from the installed data" "413 Content Too Large" \
	"$(head -1 "$T/out")"
check "installed statusdb --version" in_elsewhere "$P/bin/statusdb" --version
eq "the version is cli.h's" \
	"statusdb $(sed -n 's/^#define SDB_VERSION "\(.*\)"/\1/p' cli/cli.h)" \
	"$(cat "$T/out")"
check "the installed data exports the installed header, byte for byte" \
	in_elsewhere "$P/bin/statusdb" export --format c -o "$T/again.h"
check "... the same bytes" cmp "$T/again.h" "$P/include/http_status.h"
check "build a database of the five seeds with the installed statusdb" \
	in_elsewhere "$P/bin/statusdb" build --db "$T/five.db" \
	--manifest "$TOP/tests/data/five-seeds.tsv"
check "STATUSDB_DB chooses the database" \
	sh -c 'cd "$1" && STATUSDB_DB="$2" "$3" show 413' sh "$T/elsewhere" \
	"$T/five.db" "$P/bin/statusdb"
eq "... the five seeds' name for 413" "413 Payload Too Large" \
	"$(head -1 "$T/out")"
fails "STATUSDB_DB naming a missing file (exit 4)" 4 \
	sh -c 'cd "$1" && STATUSDB_DB="$2" "$3" show 413' sh "$T/elsewhere" \
	"$T/none.db" "$P/bin/statusdb"
check "... says what to do" grep -q "name one with --db or STATUSDB_DB" \
	"$T/err"
check "... and creates nothing" test ! -e "$T/none.db"

# --- the header, found by pkg-config
cat >"$T/use.c" <<'EOF'
#include <http_status.h>
#include <stdio.h>

int main(void)
{
	printf("%s %d\n", http_status_reason(HTTP_STATUS_NOT_FOUND),
	       http_status_from_phrase("Too Early"));
	return 0;
}
EOF
pc() {
	PKG_CONFIG_PATH="$P/share/pkgconfig" pkg-config --define-prefix "$@"
}
eq "pkg-config --cflags statusdb" "-I$P/include" "$(pc --cflags statusdb |
	sed 's/ *$//')"
eq "pkg-config --modversion statusdb" \
	"$(sed -n 's/^#define SDB_VERSION "\(.*\)"/\1/p' cli/cli.h)" \
	"$(pc --modversion statusdb)"
eq "pkg-config's exportsdir holds the JSON" "$P/share/statusdb" \
	"$(pc --variable=exportsdir statusdb)"
check "a program builds against the installed header with pkg-config" \
	sh -c 'cc -std=c99 -Wall -Wextra -Wpedantic -Werror $1 -o "$2" "$3"' sh \
	"$(pc --cflags statusdb)" "$T/use" "$T/use.c"
eq "... and runs" "Not Found 425" "$("$T/use" 2>&1)"

# --- the man pages render, and say everything the binary has
for page in man1/statusdb.1 man5/statusdb-formats.5; do
	check "man -l $page renders without a warning" sh -c \
		'LC_ALL=C MANWIDTH=80 man --warnings -l "$1" >"$2" 2>"$3" &&
		 ! [ -s "$3" ] && [ -s "$2" ]' sh "$P/share/man/$page" \
		"$T/page.txt" "$T/page.err"
done
check "the installed statusdb.1 names where it was installed" \
	grep -qF "/usr/local/share/statusdb/status.db" \
	"$P/share/man/man1/statusdb.1"

# section TITLE FILE: the roff text of ".SS TITLE" up to the next heading
section() {
	awk -v t="$1" '/^\.S[SH] / { on = ($0 == ".SS " t) ; next } on' "$2"
}
# the roff spelling of an option: "--db" is "\-\-db"
roff() {
	printf '%s\n' "$1" | sed 's/-/\\-/g'
}
commands=$("$SDB" --help | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p')
eq "statusdb --help lists the commands" \
	"build import claims conflicts show history diff coverage export report" \
	"$(echo $commands)"
for c in $commands; do
	section "$c" man/statusdb.1 >"$T/sec"
	check "statusdb.1 describes $c" test -s "$T/sec"
	missing=
	for o in $("$SDB" "$c" --help |
		   sed -n 's/^  \(-[a-zA-Z]\), \(--[a-z-]*\).*/\1 \2/p;
			   s/^  \(--[a-z-]*\).*/\1/p' | tr ' ' '\n' |
		   grep -v -x -e -h -e --help); do
		grep -qF -- "$(roff "$o")" "$T/sec" || missing="$missing $o"
	done
	eq "statusdb.1 describes every option of $c" "" "$missing"
done
missing=
for s in 0 1 2 3 4 5 70; do
	awk '/^\.SH EXIT STATUS/ { on = 1; next } /^\.SH / { on = 0 } on' \
		man/statusdb.1 | grep -q -x "\.B $s" || missing="$missing $s"
done
eq "statusdb.1 gives every exit status of common/util.h" "" "$missing"
check "statusdb.1 names STATUSDB_DB under ENVIRONMENT" sh -c \
	"awk '/^\\.SH ENVIRONMENT/,/^\\.SH FILES/' man/statusdb.1 | grep -q STATUSDB_DB"
formats=$("$SDB" import --help |
	  sed -n '/^formats:$/,/^$/s/^  \([a-z][a-z0-9-]*\)  .*/\1/p')
check "statusdb import --help lists formats" test -n "$formats"
missing=
for f in $formats; do
	grep -q -x "\.SS $f" man/statusdb-formats.5 || missing="$missing $f"
done
eq "statusdb-formats.5 describes every importer" "" "$missing"

# --- bash completion, from the installed binary
if command -v bash >/dev/null 2>&1; then
	comp() {
		bash -c '. "$1"; shift; COMP_WORDS=("$@")
			COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _statusdb
			echo "${COMPREPLY[*]}"' sh \
			"$P/share/bash-completion/completions/statusdb" \
			"$P/bin/statusdb" "$@"
	}
	eq "completion: the commands" "$(echo $commands)" "$(comp '')"
	eq "completion: export --in" "--include" "$(comp export --in)"
	eq "completion: export --include's values" "all official registered" \
		"$(comp export --include '')"
	eq "completion: export -f's values" "c json csv html" "$(comp export -f '')"
	eq "completion: import --format's values are the importers" \
		"$(echo $formats)" "$(comp import --format '')"
	eq "completion: conflicts --kind n" "name name-case" \
		"$(comp conflicts --kind n)"
else
	echo "skip - bash is not installed: completion not tested"
fi

# --- make uninstall leaves no file
check "make uninstall DESTDIR=STAGE" mk uninstall DESTDIR="$STAGE"
eq "no file is left" "" "$(find "$STAGE" -type f)"
check "no statusdb directory is left" test ! -e "$P/share/statusdb"

# --- PREFIX and the directories
mk -n install PREFIX=/opt/sdb DESTDIR="$T/s2" mandir=/opt/man \
	>"$T/plan" 2>&1
for want in "$T/s2/opt/sdb/bin/statusdb" "$T/s2/opt/man/man1/statusdb.1" \
	"$T/s2/opt/sdb/include/http_status.h" \
	"$T/s2/opt/sdb/share/statusdb" \
	"$T/s2/opt/sdb/share/pkgconfig/statusdb.pc" \
	"$T/s2/opt/sdb/share/bash-completion/completions/statusdb"; do
	check "PREFIX=/opt/sdb mandir=/opt/man installs $want" \
		grep -qF "'$want" "$T/plan"
done

# --- the Makefile
mk help >"$T/help"
missing=
for w in check install uninstall SANITIZE WERROR B= FUZZ_SECONDS PREFIX \
	DESTDIR; do
	grep -qF -- "$w" "$T/help" || missing="$missing $w"
done
eq "make help lists the targets and switches" "" "$missing"
check "make -f path/Makefile from another directory" \
	sh -c 'cd "$1" && make --no-print-directory -s -f "$2/Makefile" help' \
	sh "$T/elsewhere" "$TOP"
check "... runs the checkout's Makefile" grep -q "^targets:" "$T/out"

# build flags are tracked: a changed CFLAGS rebuilds, the same does not
objs=$T/objs
mkv() {
	make --no-print-directory B="$objs" "$@" 2>&1
}
mkv "$objs/common/buf.o" >/dev/null
mkv "$objs/common/buf.o" >"$T/again"
mkv CFLAGS=-O1 "$objs/common/buf.o" >"$T/changed"
check "the same flags: nothing rebuilt" sh -c '! grep -q -- "-c -o" "$1"' sh \
	"$T/again"
check "another CFLAGS: rebuilt" grep -q -- "-O1 .*-c -o $objs/common/buf.o" \
	"$T/changed"
eq "-lcmark-gfm-extensions is linked once" "1" \
	"$(mkv -n "$objs/statusdb" | grep -- '-o .*statusdb ' | tr ' ' '\n' |
	   grep -c -x -- -lcmark-gfm-extensions)"

# apt-get runs only for what is missing, and pkg-config is enough
mkdir -p "$T/bin"
for tool in apt-get dpkg-query dpkg; do
	# apt-get "succeeds"; the dpkg tools would say nothing is installed
	printf '#!/bin/sh\necho "%s $*" >>"%s"\n[ %s = apt-get ]\n' "$tool" \
		"$T/called" "$tool" >"$T/bin/$tool"
	chmod +x "$T/bin/$tool"
done
check "make deps with everything there: no dpkg, no apt-get" \
	env PATH="$T/bin:$PATH" make --no-print-directory -s deps
check "... none was called" test ! -e "$T/called"
if [ "$(id -u)" = 0 ]; then
	check "a missing module: apt-get installs its package" \
		env PATH="$T/bin:$PATH" make --no-print-directory -s deps \
		NEEDS="pc:sqlite3:libsqlite3-dev pc:no-such-module:no-such-dev"
	eq "... that package alone" "apt-get update -qq" \
		"$(head -1 "$T/called")"
	check "... the one missing" grep -q -x \
		"apt-get install -y -qq no-such-dev" "$T/called"
else
	echo "skip - not root: apt-get would not be run"
fi
