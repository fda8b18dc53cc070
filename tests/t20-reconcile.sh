#!/bin/sh
# t20-reconcile.sh - the five seeds alone: no registry history, no RFC
# index.  The IANA copy (iana-wiki, kind registry) is then the registry;
# rank decides each record; every disagreement is a finding with the
# values' classes and the claims behind them.
. tests/lib.sh

check "build the five seeds" "$SDB" build --db "$DB" --manifest tests/data/five-seeds.tsv

eq "the findings: kind, field, minor, source" \
"101 link reference 0 iana-wiki
101 reference reference 0 
122 identifier name 1 
306 name name 0 
308 reference reference 0 
413 name name 0 
414 name name 0 
416 name name 0 
418 name-case name 1 " \
	"$(q "SELECT code || ' ' || kind || ' ' || field || ' ' || minor || ' ' || source FROM finding ORDER BY code, kind")"

cls() { q "SELECT class FROM value WHERE code = $1 AND value = '$2'"; }
eq "413: the registry copy's name is current" current "$(cls 413 'Request Entity Too Large')"
eq "413: without history, RFC 7231's name is another status" another-status "$(cls 413 'Payload Too Large')"
eq "418: I'm a Teapot is a variant" variant "$(cls 418 "I''m a Teapot")"
eq "306: Reserved is a status word (variant)" variant "$(cls 306 Reserved)"
eq "306: Switch Proxy is another status" another-status "$(cls 306 'Switch Proxy')"
eq "308: without the RFC index, RFC 7538 is in conflict with the copy's RFC 7238" conflict "$(cls 308 'RFC 7538')"
eq "101: the link to RFC 2616 is in conflict" conflict "$(cls 101 'RFC 2616')"

# the evidence behind a value: every claim
eq "413 Payload Too Large: its claims" \
"community 47:15
rfc7231 34:14
webconcepts 48:8" \
	"$(q "SELECT c.source || ' ' || c.line || ':' || c.\"column\" FROM claim c JOIN value v ON v.id = c.vid WHERE v.code = 413 AND v.value = 'Payload Too Large' ORDER BY c.source")"
eq "101 link: label RFC 7231 vs target RFC 2616, same row" \
"RFC 2616 reference_target 23:4
RFC 7231 reference 23:35" \
	"$(q "SELECT i.value || ' ' || c.field || ' ' || c.line || ':' || c.\"column\" FROM source_issue i JOIN claim c ON c.id = i.claim WHERE i.code = 101 ORDER BY i.value")"
eq "200 and 404: no finding" 0 "$(q "SELECT count(*) FROM finding WHERE code IN (200, 404)")"
eq "annotations raise no finding (203, 506, 509)" 0 \
	"$(q "SELECT count(*) FROM finding WHERE code IN (203, 506, 509)")"
eq "descriptions raise no finding" 0 "$(q "SELECT count(*) FROM finding WHERE field = 'description'")"

# the JSON contract: values with their class and claims
"$SDB" conflicts --db "$DB" --format json >"$T/c.json"
check "conflicts --format json is valid JSON" python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$T/c.json"
eq "conflicts JSON: 413's values, classes and claims" \
	'[["Request Entity Too Large", "current", [["iana-wiki", 221, 3], ["wikipedia", 126, 5]]], ["Payload Too Large", "another-status", [["community", 47, 15], ["rfc7231", 34, 14], ["webconcepts", 48, 8]]]]' \
	"$(python3 -c "
import json,sys
c=[c for c in json.load(open(sys.argv[1])) if c['code']==413][0]
print(json.dumps([[v['value'], v['class'], [[x['source'], x['line'], x['column']] for x in v['claims']]] for v in c['values']]))" "$T/c.json")"
eq "conflicts JSON: keys of a finding, and 418's minor flag" "code field kind minor source values True" \
	"$(python3 -c "import json,sys; c=[c for c in json.load(open(sys.argv[1])) if c['code']==418][0]; print(' '.join(c), c['minor'])" "$T/c.json")"
eq "conflicts JSON: keys of a value" "value class since until by why claims" \
	"$(python3 -c "import json,sys; c=[c for c in json.load(open(sys.argv[1])) if c['code']==413][0]; print(' '.join(c['values'][0]))" "$T/c.json")"
fails "--check exits 1 on findings that are not minor" 1 "$SDB" conflicts --db "$DB" --check
fails "--check exits 0 when only minor ones match" 0 "$SDB" conflicts --db "$DB" --kind name-case --check
fails "--code filters" 0 "$SDB" conflicts --db "$DB" --code 200 --check
fails "--kind rejects unknown kinds" 2 "$SDB" conflicts --db "$DB" --kind nonsense
check "--summary honours --code" "$SDB" conflicts --db "$DB" --summary --code 418
eq "--summary --code 418: only 418" "  name-case    1 minor: 418" "$(sed -n 2p "$T/out")"

# the records: rank decides
canon() { q "SELECT $2 FROM canonical WHERE code = $1"; }
eq "413 from the highest-ranked source, rfc7231" "Payload Too Large highest-rank rfc7231" \
	"$(q "SELECT k.name || ' ' || k.name_rule || ' ' || c.source FROM canonical k JOIN claim c ON c.id = k.name_claim WHERE k.code = 413")"
eq "413's description from the same row" rfc7231 \
	"$(q "SELECT c.source FROM canonical k JOIN claim c ON c.id = k.description_claim WHERE k.code = 413")"
eq "414 URI Too Long" "URI Too Long" "$(canon 414 name)"
eq "416 Range Not Satisfiable" "Range Not Satisfiable" "$(canon 416 name)"
eq "418 I'm a teapot" "I'm a teapot" "$(canon 418 name)"
eq "200 OK unanimous" "OK unanimous" "$(canon 200 "name || ' ' || name_rule")"
eq "425 from its only source" "Unordered Collection only-source" "$(canon 425 "name || ' ' || name_rule")"
eq "306: the registry marks it unused, no registry-like source names it: no name" "" "$(canon 306 name)"
eq "308 cites what its highest-ranked source cites: RFC 7238" "RFC 7238 iana-wiki" \
	"$(q "SELECT r.document || ' ' || c.source FROM canonical_reference r JOIN claim c ON c.id = r.claim WHERE r.code = 308")"
eq "101 cites RFC 7231 section 6.2.2" "RFC 7231|6.2.2" \
	"$(q "SELECT document || '|' || section FROM canonical_reference WHERE code = 101")"
eq "413: the registry's name stays as an alias, not deprecated" "Request Entity Too Large 0" \
	"$(q "SELECT alias || ' ' || deprecated FROM canonical_alias WHERE code = 413")"
eq "another status is no alias (306, 425)" 0 "$(q "SELECT count(*) FROM canonical_alias WHERE code IN (306, 425)")"
eq "418 has no case-only alias" 0 "$(q "SELECT count(*) FROM canonical_alias WHERE code = 418")"
eq "class from the code" "Client Error" "$(canon 404 class)"
eq "305: deprecated, from the highest-ranked row's note" "deprecated" "$(q "SELECT status FROM canonical_status WHERE code = 305")"
eq "306 unused" "unused" "$(q "SELECT status FROM canonical_status WHERE code = 306")"
eq "509 unofficial" "unofficial" "$(q "SELECT status FROM canonical_status WHERE code = 509")"
eq "203's version note states no status" 0 "$(q "SELECT count(*) FROM canonical_status WHERE code = 203")"
eq "every listed code has a record" \
	"$(q "SELECT count(DISTINCT code) FROM claim")" "$(q "SELECT count(*) FROM canonical")"
eq "every canonical name records its claim and rule" 0 \
	"$(q "SELECT count(*) FROM canonical WHERE name IS NOT NULL AND (name_claim IS NULL OR name_rule IS NULL)")"

# coverage
"$SDB" coverage --db "$DB" --format json >"$T/cov.json"
eq "coverage: codes no registry-like source lists" "103 122 425 444 449 450 499 509 599" \
	"$(python3 -c "import json,sys; print(*[u['code'] for u in json.load(open(sys.argv[1]))['unofficial']])" "$T/cov.json")"
eq "coverage: 425 is Unordered Collection from wikipedia" "Unordered Collection ['wikipedia']" \
	"$(python3 -c "import json,sys; u=[u for u in json.load(open(sys.argv[1]))['unofficial'] if u['code']==425][0]; print(u['name'], u['sources'])" "$T/cov.json")"
eq "coverage: what rfc7231 lacks starts" "102 103 122 207" \
	"$(python3 -c "import json,sys; s=[s for s in json.load(open(sys.argv[1]))['sources'] if s['source']=='rfc7231'][0]; print(*s['lacks'][:4])" "$T/cov.json")"
check "coverage text" "$SDB" coverage --db "$DB"
cp "$T/out" "$T/coverage.txt"
check "coverage text names 444" grep -q '^  444 Connection Closed Without Response' "$T/coverage.txt"
check "show 413" "$SDB" show --db "$DB" 413
cp "$T/out" "$T/show.txt"
check "show prints the rule and the claim" grep -q 'name         Payload Too Large \[highest-rank\] from rfc7231 sources/rfc7231-table.md:34:14' "$T/show.txt"
check "show prints each claim's class and why" grep -qF 'iana-wiki name: Request Entity Too Large [current: ' "$T/show.txt"
fails "show of an unlisted code: exit 1" 1 "$SDB" show --db "$DB" 299
check "... and says so" grep -q 'no source lists 299' "$T/err"

# the policy follows the ranks: rank iana-wiki first and its names win
sed 's/\tregistry\t80\t/\tregistry\t99\t/' tests/data/five-seeds.tsv >"$T/ranked.tsv"
sed -i 's#\.\./\.\./sources/#'"$PWD"'/sources/#' "$T/ranked.tsv"
check "rebuild with iana-wiki ranked first" "$SDB" build --db "$T/r.db" --manifest "$T/ranked.tsv"
eq "413 then follows iana-wiki" "Request Entity Too Large" \
	"$(sqlite3 "$T/r.db" "SELECT name FROM canonical WHERE code = 413")"
