#!/bin/sh
# t42-export-options.sh - "statusdb export" options on the real sources/:
# --include in all three formats, the JSON schema under a strict validator
# (ajv --strict=true, installed from npm into build/npm by make check or
# here), the CSV's fields, and -o leaving a file alone when nothing
# changed.
. tests/lib.sh

X="python3 tests/export_check.py"
SCHEMA=schema/http_status.schema.json
AJV=build/npm/node_modules/.bin/ajv

check "build a fresh database from sources/" "$SDB" build --db "$DB"
for inc in all official registered; do
	mkdir -p "$T/$inc"
	for f in c json csv; do
		check "export --format $f --include $inc" "$SDB" export --db "$DB" \
			--format $f --include $inc \
			-o "$T/$inc/http_status.$(echo $f | sed 's/^c$/h/')"
	done
	check "--include $inc: the json is valid against the schema" \
		$X schema "$SCHEMA" "$T/$inc/http_status.json"
	check "--include $inc: the csv holds the json's records" \
		$X csv "$T/$inc/http_status.json" "$T/$inc/http_status.csv"
done

# which codes: counted from the full json, by its own fields
count() {  # JSON FILTER (python expression over r)
	python3 -c 'import json, sys
print(sum(1 for r in json.load(open(sys.argv[1])) if eval(sys.argv[2])))' "$1" "$2"
}
all=$T/all/http_status.json
eq "all: 71 codes" 71 "$(count "$all" True)"
eq "registered: the 64 codes the registry lists" 64 \
	"$(count "$all" 'r["registered"] is True')"
eq "--include registered holds them, and only them" "64 64" \
	"$(count "$T/registered/http_status.json" True) $(count \
	   "$T/registered/http_status.json" 'r["registered"] is True')"
eq "--include official holds the official codes, and only them" \
	"$(count "$all" 'r["official"]') $(count "$all" 'r["official"]')" \
	"$(count "$T/official/http_status.json" True) $(count \
	   "$T/official/http_status.json" 'r["official"]')"
eq "--include official: 122, 444, 449, 450, 499, 509, 599 left out" \
	"122 444 449 450 499 509 599" \
	"$(python3 -c 'import json, sys
a = {r["code"] for r in json.load(open(sys.argv[1]))}
o = {r["code"] for r in json.load(open(sys.argv[2]))}
print(" ".join(str(c) for c in sorted(a - o)))' "$all" "$T/official/http_status.json")"
eq "--include registered: the header's FLAGS_MAP has 64 codes" 64 \
	"$(grep -c '^	XX([0-9]*, [A-Z0-9_]*, .*HTTP_STATUS_FLAG_REGISTERED' \
	   "$T/registered/http_status.h")"
check "--include registered: no enumerator for 122" sh -c \
	'! grep -q "HTTP_STATUS_REQUEST_URI_TOO_LONG_122" "$1"' sh \
	"$T/registered/http_status.h"
check "--include registered: the header says which codes" grep -q \
	"Codes: the codes the registry lists" "$T/registered/http_status.h"
printf '#include "http_status.h"\nint main(void) { return http_status_reason(HTTP_STATUS_CONTINUE) ? 0 : 1; }\n' \
	>"$T/use.c"
for inc in official registered; do
	check "--include $inc: the header compiles, -Wpedantic -Werror" \
		gcc -std=c99 -Wall -Wextra -Wpedantic -Werror -I"$T/$inc" \
		-o "$T/use" "$T/use.c"
done
for f in c json csv; do
	"$SDB" export --db "$DB" --format $f >"$T/default.$f"
	check "--format $f: the default --include is all" \
		cmp "$T/default.$f" "$T/all/http_status.$(echo $f | sed 's/^c$/h/')"
done
fails "--include is all, official or registered" 2 \
	"$SDB" export --db "$DB" --format json --include some
check "the banner gives --include" grep -q \
	'Regenerate it with: statusdb export --format c --include registered$' \
	"$T/registered/http_status.h"

# --- the CSV: the JSON's fields, as the README promises
eq "the csv's columns" \
	"code,name,class,description,references,urls,aliases,status,official,registered,identifier,sources,conflicts,sets" \
	"$(head -1 "$T/all/http_status.csv" | tr -d '\r')"
eq "413 in the csv: official, registered, identifier, conflicts" \
	"true true CONTENT_TOO_LARGE name; reference" \
	"$($X getcsv "$T/all/http_status.csv" 413 official) $($X getcsv \
	   "$T/all/http_status.csv" 413 registered) $($X getcsv \
	   "$T/all/http_status.csv" 413 identifier) $($X getcsv \
	   "$T/all/http_status.csv" 413 conflicts)"
eq "122 in the csv: not official, not registered" "false false" \
	"$($X getcsv "$T/all/http_status.csv" 122 official) $($X getcsv \
	   "$T/all/http_status.csv" 122 registered)"

# --- the sets jshttp/statuses users rely on, from the specifications
sets() {  # FILE KIND(json|csv): "code:sets" for every code in a set
	if [ "$2" = json ]; then
		python3 -c 'import json, sys
print(" ".join("%d:%s" % (r["code"], ",".join(r["sets"]))
               for r in json.load(open(sys.argv[1])) if r["sets"]))' "$1"
	else
		python3 -c 'import csv, sys
print(" ".join("%s:%s" % (r["code"], r["sets"].replace("; ", ","))
               for r in csv.DictReader(open(sys.argv[1], newline=""))
               if r["sets"]))' "$1"
	fi
}
SETS="204:empty 205:empty 300:redirect 301:redirect 302:redirect 303:redirect 304:empty 307:redirect 308:redirect 429:retry 503:retry"
eq "the json's sets" "$SETS" "$(sets "$all" json)"
eq "the csv's sets" "$SETS" "$(sets "$T/all/http_status.csv" csv)"
eq "the header's sets" "$SETS" "$(sed -n \
	's/^	XX(\([0-9]*\),.*HTTP_STATUS_FLAG_\(REDIRECT\|EMPTY\|RETRY\).*/\1:\2/p' \
	"$T/all/http_status.h" | tr 'A-Z' 'a-z' | tr '\n' ' ' | sed 's/ $//')"

# --- -o writes only when the bytes change
"$SDB" export --db "$DB" --format json -o "$T/same.json"
touch -d '2001-01-01 00:00' "$T/same.json"
check "export -o onto the same bytes" \
	"$SDB" export --db "$DB" --format json -o "$T/same.json"
eq "... leaves the file alone" 2001-01-01 "$(date -r "$T/same.json" +%F)"
check "export -o onto other bytes" "$SDB" export --db "$DB" --format json \
	--include registered -o "$T/same.json"
check "... rewrites it" sh -c '[ "$(date -r "$1" +%Y)" != 2001 ]' sh \
	"$T/same.json"
check "... with the new bytes" cmp "$T/same.json" \
	"$T/registered/http_status.json"
check "... and no .tmp left" test ! -e "$T/same.json.tmp"

# --- the schema under a strict validator
if ! [ -x "$AJV" ] && command -v npm >/dev/null 2>&1; then
	npm install --prefix build/npm --no-audit --no-fund --silent \
		ajv-cli@5 >/dev/null 2>&1
fi
if [ -x "$AJV" ]; then
	check "the schema has an \$id" python3 -c 'import json, sys
sys.exit(not json.load(open(sys.argv[1])).get("$id"))' "$SCHEMA"
	check "ajv --strict=true compiles the schema" \
		"$AJV" compile --spec=draft2020 --strict=true -s "$SCHEMA"
	for j in "$T/all/http_status.json" "$T/official/http_status.json" \
		"$T/registered/http_status.json" dist/http_status.json \
		tests/data/hostile.json; do
		check "ajv --strict=true: $(basename "$(dirname "$j")")/$(basename "$j") is valid" \
			"$AJV" validate --spec=draft2020 --strict=true -s "$SCHEMA" \
			-d "$j"
	done
	sed '/^{"code":404,/s/"class":"Client Error"/"class":"Success"/' \
		"$all" >"$T/bad.json"
	fails "ajv: a 404 of class Success is invalid" 1 \
		"$AJV" validate --spec=draft2020 --strict=true -s "$SCHEMA" \
		-d "$T/bad.json"
else
	echo "skip - npm is not installed: the schema was not checked with ajv"
fi
