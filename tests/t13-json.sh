#!/bin/sh
# t13-json.sh - JSON lists: jshttp/statuses' map of code to phrase and
# know-your-http-well's records, guessed and imported with their places;
# statusdb's own JSON export read back; bad JSON refused with a position
# and exit 3, the database unchanged; hostile sizes.
. tests/lib.sh

G=tests/data/golden/json
J=$G/jshttp-statuses.in
K=$G/know-your-http-well.in

# the map of code to phrase (format guessed)
check "import jshttp/statuses (format guessed)" "$SDB" import --db "$DB" --name jshttp "$J"
eq "guessed as json" json "$(q "SELECT format FROM source WHERE name = 'jshttp'")"
eq "one entry per key" 63 "$(q "SELECT entries FROM source WHERE name = 'jshttp'")"
eq "63 names" 63 "$(q "SELECT count(*) FROM claim WHERE source = 'jshttp' AND field = 'name'")"
eq "418 name" "I'm a Teapot" "$(val jshttp 418 name)"
eq "418 name position: inside the quotes" "42:11-42:22" "$(pos jshttp 418 name)"
eq "509 name" "Bandwidth Limit Exceeded" "$(val jshttp 509 name)"
eq "nothing but names" 0 "$(q "SELECT count(*) FROM claim WHERE source = 'jshttp' AND field <> 'name'")"
eq "jshttp: every claim's raw text stands at its position" "" "$(spans jshttp "$J")"

# records with class rows and spec links
check "import know-your-http-well (format guessed)" "$SDB" import --db "$DB" --name kyhw "$K"
eq "56 codes, class rows not among them" 56 "$(q "SELECT entries FROM source WHERE name = 'kyhw'")"
eq "413 name from phrase" "Payload Too Large" "$(val kyhw 413 name)"
eq "413 reference from spec_title RFC7231#6.5.11" "RFC 7231 6.5.11 RFC7231#6.5.11" \
	"$(q "SELECT value || ' ' || section || ' ' || raw FROM claim WHERE source = 'kyhw' AND code = 413 AND field = 'reference'")"
eq "413 target from spec_href" "https://tools.ietf.org/html/rfc7231#section-6.5.11" \
	"$(q "SELECT url FROM claim WHERE source = 'kyhw' AND code = 413 AND field = 'reference_target'")"
eq "413 title and href are one link" 1 \
	"$(q "SELECT count(DISTINCT link) FROM claim WHERE source = 'kyhw' AND code = 413 AND field IN ('reference', 'reference_target') AND link > 0")"
eq "413 class from the 4xx row, placed at its phrase" "Client Error 137:22" \
	"$(q "SELECT value || ' ' || line || ':' || \"column\" FROM claim WHERE source = 'kyhw' AND code = 413 AND field = 'class'")"
eq "102, listed after the 5xx row, has no class from it" "" "$(val kyhw 102 class)"
eq "102 title and href disagree, both kept" "RFC 5218|RFC 2518" \
	"$(q "SELECT group_concat(value, '|') FROM claim WHERE source = 'kyhw' AND code = 102 AND field LIKE 'reference%'")"
eq "no code from the class rows (1xx .. 7xx)" 0 \
	"$(q "SELECT count(*) FROM claim WHERE source = 'kyhw' AND code % 100 = 0 AND field = 'name' AND value LIKE '**%'")"
eq "kyhw: every claim's raw text stands at its position" "" "$(spans kyhw "$K")"

# escapes: the value decoded, the raw text as written
printf '{\n  "418": "I\\u2019m a \\"Teapot\\"",\n  "200": "O\\/K"\n}\n' >"$T/esc.json"
check "escaped strings import" "$SDB" import --db "$DB" --name esc "$T/esc.json"
eq "\\u2019 and \\\" decoded" "I’m a \"Teapot\"" "$(val esc 418 name)"
eq "raw keeps the escapes" 'I\u2019m a \"Teapot\"' "$(raw esc 418 name)"
eq "\\/ decoded" "O/K" "$(val esc 200 name)"

# --column names a key's role
printf '[\n {"n": 100, "t": "Continue"},\n {"n": 404, "t": "Not Found"}\n]\n' >"$T/cols.json"
fails "keys named nothing known: refused" 3 "$SDB" import --db "$DB" --format json --name cols "$T/cols.json"
check "--column code=n --column name=t" "$SDB" import --db "$DB" --format json --name cols \
	--column code=n --column name=t "$T/cols.json"
eq "--column: names read" "Continue|Not Found" \
	"$(q "SELECT group_concat(value, '|') FROM claim WHERE source = 'cols' AND field = 'name'")"

# statusdb's own export reads back: names, descriptions, references
check "build the sources" "$SDB" build --db "$T/rt.db"
check "export json" "$SDB" export --db "$T/rt.db" --format json -o "$T/rt.json"
check "import the export as a source" "$SDB" import --db "$T/rt.db" --name roundtrip "$T/rt.json"
python3 - "$T/rt.json" >"$T/want" <<'EOF'
import json, sys
for r in json.load(open(sys.argv[1])):
    print(r['code'], 'name', r['name'] or '')
    print(r['code'], 'description', r['description'] or '')
    for x in r['references']:
        print(r['code'], 'reference', x['document'], x['section'] or '')
EOF
sqlite3 -batch "$T/rt.db" "
	SELECT code || ' name ' || coalesce((SELECT value FROM claim c WHERE c.source = 'roundtrip' AND c.code = k.code AND field = 'name'), ''),
	       code || ' description ' || coalesce((SELECT value FROM claim c WHERE c.source = 'roundtrip' AND c.code = k.code AND field = 'description'), '')
	FROM (SELECT DISTINCT code FROM claim WHERE source = 'roundtrip') k ORDER BY code;" |
	tr '|' '\n' >"$T/names"
sqlite3 -batch "$T/rt.db" "SELECT code || ' reference ' || value || ' ' || coalesce(section, '') FROM claim WHERE source = 'roundtrip' AND field = 'reference' ORDER BY code, id" >"$T/refs"
eq "round trip: the export's records" "$(grep -c ' name ' "$T/want")" \
	"$(sqlite3 "$T/rt.db" "SELECT entries FROM source WHERE name = 'roundtrip'")"
eq "round trip: names and descriptions equal the export's" "$(grep -v ' reference ' "$T/want")" "$(cat "$T/names")"
eq "round trip: references (document, section) equal the export's" "$(grep ' reference ' "$T/want")" "$(cat "$T/refs")"
eq "round trip: 413 as exported" "Content Too Large" \
	"$(sqlite3 "$T/rt.db" "SELECT value FROM claim WHERE source = 'roundtrip' AND code = 413 AND field = 'name'")"

# bad JSON: exit 3, file:line:column, nothing imported
before=$(q "SELECT count(*) || ' ' || total(id) FROM claim")
bad() {  # NAME WANT-MESSAGE (after "file:") TEXT
	printf '%s' "$3" >"$T/$1.json"
	refused "$1" "$T/$1.json" "$2"
}
bad code4o4 "3:13: invalid status code '4O4': want three digits, 100 to 599" \
	'[
  {"code": "200", "phrase": "OK"},
  {"code": "4O4", "phrase": "Not Found"}
]'
bad code99 "1:42: invalid status code '99': want three digits, 100 to 599" \
	'[{"code": 200, "phrase": "OK"}, {"code": 99, "phrase": "x"}]'
bad duplicate '1:30: duplicate key "404" with another value than at line 1, column 15' \
	'{"200": "OK", "404": "Gone", "404": "Not Found"}'
bad wrongtype "1:22: expected a string for the name of 404, not 'true'" \
	'{"200": "OK", "404": true}'
bad trailing "1:26: malformed json: unexpected ','" \
	'{"200": "OK", "404": "NF",}'
bad missingcomma "1:14: malformed json: ',' expected" \
	'{"200": "OK" "404": "NF"}'
bad notjson "1:2: malformed json: unexpected '''" \
	"{'200': 'OK'}"
bad tru "1:25: malformed json: 'tru' is no number, true, false or null" \
	'[{"code": 200, "x": 1}, tru]'
bad unterminated "1:15: malformed json: string never ends" \
	'{"200": "OK", "404'
bad nul '1:22: string holds \u0000: not text' \
	'{"200": "OK", "404": "Not\u0000Found"}'
bad norecordcode '1:33: record has no status code (no key such as "code")' \
	'[{"code": 200, "phrase": "OK"}, {"phrase": "Not Found"}]'
eq "refusals changed no claim" "$before" "$(q "SELECT count(*) || ' ' || total(id) FROM claim")"
printf '{"a": [1, 2], "b": {"c": "d"}}\n' >"$T/plain.json"
fails "JSON without codes: not guessed as json" 3 "$SDB" import --db "$DB" --name plain "$T/plain.json"
check "JSON without codes: says it cannot tell" grep -q "cannot tell the format" "$T/err"

# hostile: deep nesting, a 2 MB string, 100,000 rows
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]"; print "" }' >"$T/deep.json"
fails "100,000 nested arrays: exit 3" 3 "$SDB" import --db "$DB" --name deep "$T/deep.json"
eq "100,000 nested arrays: refused at the 33rd" "$T/deep.json:1:33: json nested deeper than 32 levels" "$(cat "$T/err")"
awk 'BEGIN { printf "{\"100\": \""; for (i = 0; i < 2097152 / 64; i++) printf "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"; print "\"}" }' >"$T/big.json"
check "a 2 MB string imports" "$SDB" import --db "$DB" --name big "$T/big.json"
eq "the 2 MB name is whole" 2097152 "$(q "SELECT length(value) FROM claim WHERE source = 'big'")"
awk 'BEGIN { printf "["; for (i = 0; i < 100000; i++) printf "%s{\"code\": %d, \"phrase\": \"Name %d\"}", i ? ",\n" : "", 100 + i % 500, i; print "]" }' >"$T/rows.json"
check "100,000 records import" "$SDB" import --db "$DB" --name rows "$T/rows.json"
eq "100,000 entries" 100000 "$(q "SELECT entries FROM source WHERE name = 'rows'")"
eq "the last record's name and place" "Name 99999 100000:26" \
	"$(q "SELECT value || ' ' || line || ':' || \"column\" FROM claim WHERE source = 'rows' ORDER BY id DESC LIMIT 1")"

# valgrind over the JSON importer (ASan covers it under SANITIZE=1)
case "$B" in
*sanitize*) skip "json under valgrind" "not under the sanitizers (ASan checks this run)" ;;
*)
	for f in "$J" "$K" "$T/rt.json" "$T/code4o4.json"; do
		valgrind -q --error-exitcode=99 --leak-check=full \
			--errors-for-leak-kinds=definite,indirect,possible \
			"$SDB" import --db "$T/vg.db" --name vg "$f" >/dev/null 2>"$T/vg.err"
		rc=$?
		if [ $rc != 99 ] && ! grep -q '^==' "$T/vg.err"; then
			echo "ok - json under valgrind: $(basename "$f") (exit $rc)"
		else
			echo "not ok - json under valgrind: $(basename "$f") (exit $rc)"
			grep '^==' "$T/vg.err" | head -10 | sed 's/^/#   /'
		fi
	done
	;;
esac
