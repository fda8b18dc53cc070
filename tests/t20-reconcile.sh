#!/bin/sh
# t20-reconcile.sh - the conflicts and canonical records of the five seeds.
. tests/lib.sh

check "build the five seeds" "$SDB" build --db "$DB" --manifest tests/data/five-seeds.tsv

eq "the exact conflict set" \
"101 link reference
306 name name
308 reference reference
413 name name
414 name name
416 name name
418 name-case name" \
	"$(q "SELECT DISTINCT code || ' ' || kind || ' ' || field FROM conflict ORDER BY code, kind")"
eq "only name-case is minor" "name-case" "$(q "SELECT DISTINCT kind FROM conflict WHERE minor")"
eq "413 name values" "Payload Too Large|Request Entity Too Large" \
	"$(q "SELECT group_concat(value, '|') FROM (SELECT DISTINCT value FROM conflict WHERE code = 413 ORDER BY value)")"
eq "306 name values" "Reserved|Switch Proxy|Unused" \
	"$(q "SELECT group_concat(value, '|') FROM (SELECT DISTINCT value FROM conflict WHERE code = 306 ORDER BY value)")"
eq "414 name values" "Request-URI Too Long|URI Too Long" \
	"$(q "SELECT group_concat(value, '|') FROM (SELECT DISTINCT value FROM conflict WHERE code = 414 ORDER BY value)")"
eq "416 name values" "Range Not Satisfiable|Requested Range Not Satisfiable" \
	"$(q "SELECT group_concat(value, '|') FROM (SELECT DISTINCT value FROM conflict WHERE code = 416 ORDER BY value)")"
eq "308 evidence: RFC 7238 from iana-wiki, RFC 7538 from webconcepts" \
"RFC 7238 iana-wiki 143:35
RFC 7538 webconcepts 34:237" \
	"$(q "SELECT x.value || ' ' || c.source || ' ' || c.line || ':' || c.\"column\" FROM conflict x JOIN claim c ON c.id = x.claim WHERE x.code = 308 ORDER BY x.value")"
eq "101 link: label RFC 7231 vs target RFC 2616, same row" \
"RFC 2616 reference_target 23:4
RFC 7231 reference 23:35" \
	"$(q "SELECT x.value || ' ' || c.field || ' ' || c.line || ':' || c.\"column\" FROM conflict x JOIN claim c ON c.id = x.claim WHERE x.code = 101 ORDER BY x.value")"
eq "200 and 404: no conflict" 0 "$(q "SELECT count(*) FROM conflict WHERE code IN (200, 404)")"
eq "annotations raise no conflict (203, 506, 509)" 0 \
	"$(q "SELECT count(*) FROM conflict WHERE code IN (203, 506, 509)")"
eq "descriptions raise no conflict" 0 "$(q "SELECT count(*) FROM conflict WHERE field = 'description'")"

# the JSON contract
"$SDB" conflicts --db "$DB" --format json >"$T/c.json"
check "conflicts --format json is valid JSON" python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$T/c.json"
eq "conflicts JSON: 413's values and claims" \
	'[{"value": "Payload Too Large", "claims": [{"source": "community", "file": "sources/community-list.md", "line": 47, "column": 15}, {"source": "rfc7231", "file": "sources/rfc7231-table.md", "line": 34, "column": 14}, {"source": "webconcepts", "file": "sources/webconcepts.md", "line": 48, "column": 8}]}, {"value": "Request Entity Too Large", "claims": [{"source": "iana-wiki", "file": "sources/iana-registry-2015.mediawiki", "line": 221, "column": 3}, {"source": "wikipedia", "file": "sources/wikipedia-list.txt", "line": 126, "column": 5}]}]' \
	"$(python3 -c "import json,sys; print(json.dumps([c['values'] for c in json.load(open(sys.argv[1])) if c['code']==413][0]))" "$T/c.json")"
eq "conflicts JSON: keys and minor flag of 418" "code field kind minor values True" \
	"$(python3 -c "import json,sys; c=[c for c in json.load(open(sys.argv[1])) if c['code']==418][0]; print(' '.join(c), c['minor'])" "$T/c.json")"
fails "--check exits 1 on conflicts that are not minor" 1 "$SDB" conflicts --db "$DB" --check
fails "--check exits 0 when only minor ones match" 0 "$SDB" conflicts --db "$DB" --kind name-case --check
fails "--code filters" 0 "$SDB" conflicts --db "$DB" --code 200 --check
fails "--kind rejects unknown kinds" 2 "$SDB" conflicts --db "$DB" --kind nonsense

# canonical records and the rules that chose them
canon() { q "SELECT $2 FROM canonical WHERE code = $1"; }
eq "413 Payload Too Large by newest-document" "Payload Too Large newest-document rfc7231" \
	"$(q "SELECT k.name || ' ' || k.name_rule || ' ' || c.source FROM canonical k JOIN claim c ON c.id = k.name_claim WHERE k.code = 413")"
eq "414 URI Too Long" "URI Too Long" "$(canon 414 name)"
eq "416 Range Not Satisfiable" "Range Not Satisfiable" "$(canon 416 name)"
eq "418 I'm a teapot, from the only spec source" "I'm a teapot" "$(canon 418 name)"
eq "200 OK unanimous" "OK unanimous" "$(canon 200 "name || ' ' || name_rule")"
eq "425 from its only source" "Unordered Collection only-source" "$(canon 425 "name || ' ' || name_rule")"
eq "308 cites RFC 7538, newest-document" "RFC 7538 newest-document webconcepts" \
	"$(q "SELECT r.document || ' ' || r.rule || ' ' || c.source FROM canonical_reference r JOIN claim c ON c.id = r.claim WHERE r.code = 308")"
eq "101 cites RFC 7231 section 6.2.2" "RFC 7231|6.2.2" \
	"$(q "SELECT document || '|' || section FROM canonical_reference WHERE code = 101")"
eq "413 aliases" "Request Entity Too Large" "$(q "SELECT alias FROM canonical_alias WHERE code = 413")"
eq "414 aliases" "Request-URI Too Long" "$(q "SELECT alias FROM canonical_alias WHERE code = 414")"
eq "306 aliases" "Switch Proxy|Unused" "$(q "SELECT group_concat(alias, '|') FROM (SELECT alias FROM canonical_alias WHERE code = 306 ORDER BY alias)")"
eq "418 has no case-only alias" 0 "$(q "SELECT count(*) FROM canonical_alias WHERE code = 418")"
eq "class from the code" "Client Error" "$(canon 404 class)"
eq "305 deprecated" "deprecated" "$(q "SELECT status FROM canonical_status WHERE code = 305")"
eq "306 unused" "unused" "$(q "SELECT status FROM canonical_status WHERE code = 306")"
eq "506 and 510 experimental" "506 510" \
	"$(q "SELECT group_concat(code, ' ') FROM (SELECT code FROM canonical_status WHERE status = 'experimental' ORDER BY code)")"
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
check "show prints the rule and the claim" grep -q 'name         Payload Too Large \[newest-document\] from rfc7231 sources/rfc7231-table.md:34:14' "$T/show.txt"
fails "show of an unlisted code" 3 "$SDB" show --db "$DB" 299

# the policy follows the ranks: rank iana-wiki first and its names win
sed 's/\tregistry\t80\t/\tregistry\t99\t/' tests/data/five-seeds.tsv >"$T/ranked.tsv"
sed -i 's#\.\./\.\./sources/#'"$PWD"'/sources/#' "$T/ranked.tsv"
check "rebuild with iana-wiki ranked first" "$SDB" build --db "$T/r.db" --manifest "$T/ranked.tsv"
eq "413 then follows iana-wiki" "Request Entity Too Large" \
	"$(sqlite3 "$T/r.db" "SELECT name FROM canonical WHERE code = 413")"
