#!/bin/sh
# t85-readme.sh - the README's examples print what it says they print:
# its C program, its Python snippets and jq line against dist/, and the
# command output it quotes against a fresh build of sources/.
. tests/lib.sh

# The lines of README.md's fenced block number $2 (1-based) of language $1.
block() {
	awk -v lang="$1" -v want="$2" '
		/^```/ { if (inside) { inside = 0; next }
			 if ($0 == "```" lang) { n++; if (n == want) { inside = 1; next } } }
		inside { print }' README.md
}

check "build every source" "$SDB" build --db "$DB"

block c 1 >"$T/example.c"
check "the README's C example compiles against dist/http_status.h" \
	cc -std=c99 -Wall -Wextra -Wpedantic -Werror -Idist -o "$T/example" "$T/example.c"
eq "... and prints what its comments say" "413 Content Too Large" "$("$T/example")"

block python 1 >"$T/example1.py"
eq "the README's first Python example prints RFC 9110" "RFC 9110" "$(python3 "$T/example1.py")"
block python 2 >"$T/example2.py"
check "the README's CSV example runs" python3 "$T/example2.py"
if command -v jq >/dev/null 2>&1; then
	eq "the README's jq line prints 413's name" "Content Too Large" \
		"$(jq -r '.[] | select(.code == 413) | .name' dist/http_status.json)"
else
	skip "the README's jq line" "jq is not installed"
fi

# the command output the README quotes
awk '/^    \$ statusdb history 413$/ { on = 1; next } on && /^$/ && n++ >= 1 { exit } on' README.md |
	sed 's/^    //' >"$T/want-history"
"$SDB" history --db "$DB" 413 | head -n "$(wc -l <"$T/want-history")" >"$T/got-history"
check "the README's 'statusdb history 413' is what it prints" cmp "$T/want-history" "$T/got-history"
awk '/^    \$ statusdb diff iana@2018-09-21 iana$/ { on = 1; next } on && !/^    / { exit } on' README.md |
	sed 's/^    //' | grep -v '^  \.\.\.$' | sed 's/, \.\.\.)$//' >"$T/want-diff"
"$SDB" diff --db "$DB" iana@2018-09-21 iana >"$T/got-diff"
missing=0
while IFS= read -r line; do
	grep -qF -- "$line" "$T/got-diff" || { echo "#   not printed: $line"; missing=$((missing + 1)); }
done <"$T/want-diff"
eq "every line the README quotes of 'statusdb diff' is printed" 0 "$missing"
