#!/bin/sh
# t55-registry.sh - sources/ with the 2025 IANA registry ranked first: the
# canonical records follow RFC 9110, the older names become aliases and
# conflicts with their evidence, and the registry's unassigned ranges mark
# the codes it does not register.
. tests/lib.sh

check "build every source" "$SDB" build --db "$DB"
eq "the registry is ranked first" "iana 100 2025-09-15" \
	"$(q "SELECT name || ' ' || rank || ' ' || version FROM source ORDER BY rank DESC LIMIT 1")"
canon() { q "SELECT name || ' ' || name_rule FROM canonical WHERE code = $1"; }
eq "413 Content Too Large" "Content Too Large newest-document" "$(canon 413)"
eq "422 Unprocessable Content" "Unprocessable Content newest-document" "$(canon 422)"
eq "425 Too Early" "Too Early newest-document" "$(canon 425)"
eq "425 cites RFC 8470 from the registry" "RFC 8470 iana" \
	"$(q "SELECT r.document || ' ' || c.source FROM canonical_reference r JOIN claim c ON c.id = r.claim WHERE r.code = 425")"
eq "413 cites RFC 9110 section 15.5.14" "RFC 9110 15.5.14" \
	"$(q "SELECT document || ' ' || section FROM canonical_reference WHERE code = 413")"
eq "413's older names are aliases" "Payload Too Large|Request Entity Too Large" \
	"$(q "SELECT group_concat(alias, '|') FROM (SELECT alias FROM canonical_alias WHERE code = 413 ORDER BY alias)")"
eq "425's Unordered Collection is an alias" "Unordered Collection" \
	"$(q "SELECT alias FROM canonical_alias WHERE code = 425")"
status() { q "SELECT group_concat(status, ' ') FROM (SELECT status FROM canonical_status WHERE code = $1 ORDER BY status)"; }
eq "306 unused" "unused" "$(status 306)"
eq "418 unused" "unused" "$(status 418)"
eq "418 unused from the registry's note" "iana Unused" \
	"$(q "SELECT c.source || ' ' || c.value FROM canonical_status s JOIN claim c ON c.id = s.claim WHERE s.code = 418")"
eq "104 temporary" "temporary" "$(status 104)"
eq "510 obsoleted (and experimental, from the IANA copy)" "experimental obsoleted" "$(status 510)"
eq "413's name conflict holds the registry's evidence" "iana 220:20" \
	"$(q "SELECT c.source || ' ' || c.line || ':' || c.\"column\" FROM conflict x JOIN claim c ON c.id = x.claim WHERE x.code = 413 AND x.kind = 'name' AND x.value = 'Content Too Large'")"
eq "422 name conflict" "Unprocessable Content|Unprocessable Entity" \
	"$(q "SELECT group_concat(value, '|') FROM (SELECT DISTINCT value FROM conflict WHERE code = 422 AND kind = 'name' ORDER BY value)")"
eq "registered: listed by the registry" 1 "$(q "SELECT registered FROM canonical WHERE code = 413")"
eq "unregistered: in the registry's unassigned ranges" "122 444 449 450 499 509 599" \
	"$(q "SELECT group_concat(code, ' ') FROM (SELECT code FROM canonical WHERE registered = 0 ORDER BY code)")"
eq "every other code is registered" 0 \
	"$(q "SELECT count(*) FROM canonical WHERE registered IS NULL")"
"$SDB" coverage --db "$DB" --format json >"$T/cov.json"
eq "coverage lists the unregistered codes" "122 444 449 450 499 509 599" \
	"$(python3 -c "import json,sys; print(*json.load(open(sys.argv[1]))['unregistered'])" "$T/cov.json")"
eq "with the registry, no code listed only by lists is 103 any more" \
	"122 444 449 450 499 509 599" \
	"$(python3 -c "import json,sys; print(*[u['code'] for u in json.load(open(sys.argv[1]))['unofficial']])" "$T/cov.json")"
check "show 444" "$SDB" show --db "$DB" 444
check "show names the unassigned range and where it stands" \
	grep -qF "registered   no: 432-450 Unassigned (iana sources/iana-registry-2025-09-15.xml:307:20)" "$T/out"
