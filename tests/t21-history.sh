#!/bin/sh
# t21-history.sh - sources/ with the registry's 17 versions and the RFC
# index: the timeline's events, every claim classified against it and the
# lineage, the CI gate per list, rank that decides, identifiers that are
# public API, and diff between two versions of the registry.
. tests/lib.sh

check "build every source" "$SDB" build --db "$DB"
eq "the registry series: 17 versions, the newest votes" "17 1 2025-09-15" \
	"$(q "SELECT count(*) || ' ' || sum(votes) || ' ' || max(version) FROM source WHERE series = 'iana'")"
eq "the RFC index is a source of documents" "rfc-index documents 9890" \
	"$(q "SELECT name || ' ' || kind || ' ' || entries FROM source WHERE format = 'rfc-index'")"
eq "RFC 9110 obsoletes RFC 7231, with its place in the index" \
	"RFC 7231 RFC7231 38683:15" \
	"$(q "SELECT value || ' ' || raw || ' ' || line || ':' || \"column\" FROM doc_claim WHERE document = 'RFC 9110' AND field = 'obsoletes' AND value = 'RFC 7231'")"

# the timeline's events
period() { q "SELECT since || ' ' || coalesce(name, '-') || coalesce(' (' || notes || ')', '') FROM timeline WHERE code = $1 AND since = '$2'"; }
first() { q "SELECT min(since) FROM timeline WHERE code = $1"; }
eq "451 added 2015-12-21" 2015-12-21 "$(first 451)"
eq "451's case changed 2016-02-26" "2016-02-26 Unavailable For Legal Reasons" "$(period 451 2016-02-26)"
eq "103 added 2017-10-30" 2017-10-30 "$(first 103)"
eq "425 Too Early 2018-07-02" "2018-07-02 Too Early" "$(period 425 2018-07-02)"
eq "413 Content Too Large 2021-10-01" "2021-10-01 Content Too Large" "$(period 413 2021-10-01)"
eq "422 Unprocessable Content 2021-10-01" "2021-10-01 Unprocessable Content" "$(period 422 2021-10-01)"
eq "510 obsoleted 2021-12-22" "2021-12-22 Not Extended (OBSOLETED)" "$(period 510 2021-12-22)"
eq "RFC 9110 references 2022-06-08" "RFC 9110, Section 15.5.14" \
	"$(q "SELECT refs FROM timeline WHERE code = 413 AND since = '2022-06-08'")"
eq "104 temporary 2024-11-13" "2024-11-13" "$(first 104)"
check "104's first period notes TEMPORARY" sh -c "test \"\$(sqlite3 '$DB' \"SELECT notes LIKE 'TEMPORARY%' FROM timeline WHERE code = 104 AND since = '2024-11-13'\")\" = 1"
eq "413's three periods" \
"2015-05-19|2021-10-01|Payload Too Large|RFC 7231, Section 6.5.11
2021-10-01|2022-06-08|Content Too Large|draft-ietf-httpbis-semantics
2022-06-08||Content Too Large|RFC 9110, Section 15.5.14" \
	"$(q "SELECT since, until, name, refs FROM timeline WHERE code = 413 ORDER BY since")"
check "history 413 prints the periods" "$SDB" history --db "$DB" 413
cp "$T/out" "$T/hist.txt"
check "... from the registry's versions" grep -q '^registry iana: 17 versions, 2015-05-19 to 2025-09-15' "$T/hist.txt"
check "... period by period" grep -q '^  2015-05-19 .. 2021-10-01  Payload Too Large  \[RFC 7231, Section 6.5.11\]' "$T/hist.txt"
check "... and every list's claims, classified" grep -qF 'rfc7231 name: Payload Too Large [former: ' "$T/hist.txt"
"$SDB" history --db "$DB" --format json >"$T/h.json"
eq "history --format json: 413's names over time" \
	"['Payload Too Large', 'Content Too Large', 'Content Too Large']" \
	"$(python3 -c "import json,sys; h=[c for c in json.load(open(sys.argv[1])) if c['code']==413][0]; print([p['name'] for p in h['periods']])" "$T/h.json")"

# every claim classified, with its evidence
cls() { q "SELECT group_concat(DISTINCT v.class) FROM claim c JOIN value v ON v.id = c.vid WHERE c.source = '$1' AND c.code = $2 AND v.value = '$3'"; }
eq "413 Payload Too Large in the RFC 7231 table: former" former "$(cls rfc7231 413 'Payload Too Large')"
eq "... until 2021-10-01, then Content Too Large" "2015-05-19 2021-10-01 Content Too Large" \
	"$(q "SELECT since || ' ' || until || ' ' || by FROM value WHERE code = 413 AND value = 'Payload Too Large'")"
eq "414 Request-URI Too Long: former" former "$(cls iana-wiki 414 'Request-URI Too Long')"
eq "416 Requested Range Not Satisfiable: former" former "$(cls community 416 'Requested Range Not Satisfiable')"
eq "413 Request Entity Too Large: former, through RFC 7231's lineage" "former RFC 9110" \
	"$(q "SELECT class || ' ' || by FROM value WHERE code = 413 AND value = 'Request Entity Too Large'")"
eq "308 RFC 7238: obsoleted by RFC 7538" "obsoleted RFC 7538 2014-06 2015-04" \
	"$(q "SELECT class || ' ' || by || ' ' || since || ' ' || until FROM value WHERE code = 308 AND value = 'RFC 7238'")"
eq "101's link to RFC 2616: obsoleted" obsoleted "$(q "SELECT class FROM value WHERE code = 101 AND value = 'RFC 2616'")"
eq "413 citing RFC 7231: obsoleted by RFC 9110, June 2022" "obsoleted RFC 9110 2022-06" \
	"$(q "SELECT class || ' ' || by || ' ' || until FROM value WHERE code = 413 AND value = 'RFC 7231'")"
eq "a draft the registry cited and replaced: obsoleted" obsoleted \
	"$(q "SELECT class FROM value WHERE code = 451 AND value = 'draft-ietf-httpbis-legally-restricted-status-04'")"
eq "425 Unordered Collection: another status" another-status "$(cls wikipedia 425 'Unordered Collection')"
eq "306 Switch Proxy: another status" another-status "$(cls wikipedia 306 'Switch Proxy')"
eq "418 I'm a Teapot: variant" variant "$(cls wikipedia 418 "I''m a Teapot")"
eq "122, 444, 449, 450, 499, 509, 599: unregistered" "122 444 449 450 499 509 599" \
	"$(q "SELECT group_concat(code, ' ') FROM (SELECT DISTINCT code FROM value WHERE class = 'unregistered' ORDER BY code)")"
eq "the real conflicts on sources/" \
"306 name another-status Switch Proxy
418 reference conflict RFC 2324
425 name another-status Unordered Collection" \
	"$(q "SELECT f.code || ' ' || f.kind || ' ' || v.class || ' ' || v.value FROM finding f JOIN value v ON v.code = f.code AND v.field = CASE f.field WHEN 'name' THEN 'name' ELSE 'document' END WHERE NOT f.minor AND v.class IN ('another-status', 'conflict') AND v.votes > 0 ORDER BY f.code")"
eq "stale and variant findings are minor" 0 \
	"$(q "SELECT count(*) FROM finding WHERE NOT minor AND code NOT IN (306, 418, 425)")"
check "show 308 says why" "$SDB" show --db "$DB" 308
cp "$T/out" "$T/show308.txt"
check "... RFC 7238 was obsoleted by RFC 7538" grep -qF 'iana-wiki reference: RFC 7238 [obsoleted: RFC 7238 (2014-06) was obsoleted by RFC 7538 (2015-04), and that in turn by RFC 9110]' "$T/show308.txt"

# the CI gate for one list
fails "check --source rfc7231: stale only, exit 0" 0 "$SDB" conflicts --db "$DB" --check --source rfc7231
fails "check --source rfc7231 --strict: stale fails, exit 1" 1 "$SDB" conflicts --db "$DB" --check --strict --source rfc7231
fails "check --source wikipedia: another status, exit 1" 1 "$SDB" conflicts --db "$DB" --check --source wikipedia
fails "check --source iana (the series): exit 0" 0 "$SDB" conflicts --db "$DB" --check --source iana
fails "check: every list; sources/ has real conflicts, exit 1" 1 "$SDB" conflicts --db "$DB" --check
fails "check --source of no source: exit 2" 2 "$SDB" conflicts --db "$DB" --check --source nosuch
cp "$DB" "$T/made.db"
printf 'Code | Name\n---|---\n200 | OK\n404 | Not Fund\n' >"$T/made.md"
check "a list with a made-up name imports" "$SDB" import --db "$T/made.db" --name made "$T/made.md"
fails "check --source made: a made-up name, exit 1" 1 "$SDB" conflicts --db "$T/made.db" --check --source made
cp "$T/out" "$T/made.txt"
check "... shown with the registry's name" grep -qF '"Not Fund" another-status' "$T/made.txt"

# wrong exports that must not come back
"$SDB" export --db "$DB" --format json >"$T/x.json"
"$SDB" export --db "$DB" --format c >"$T/x.h"
j() { python3 -c "import json,sys; r={r['code']: r for r in json.load(open(sys.argv[1]))}; print($1)" "$T/x.json"; }
check "REQUEST_URI_TOO_LONG is 414's alias" grep -q '^	HTTP_STATUS_REQUEST_URI_TOO_LONG HTTP_STATUS_DEPRECATED("use HTTP_STATUS_URI_TOO_LONG") = 414, /\* deprecated' "$T/x.h"
check "122 gets another identifier" grep -q '^	HTTP_STATUS_REQUEST_URI_TOO_LONG_122 = 122,' "$T/x.h"
check "... and the collision is reported" grep -qF 'Request-URI too long folds to REQUEST_URI_TOO_LONG' "$T/x.h"
eq "425 Too Early has no Unordered Collection description" "Too Early None" "$(j "r[425]['name'], r[425]['description']")"
eq "306 is not named Reserved" "None" "$(j "r[306]['name']")"
eq "306's description is no status word" "True" "$(j "r[306]['description'].startswith('The 306 status code')")"
eq "510's description is no status word" "True" "$(j "r[510]['description'].startswith('The policy for accessing')")"
eq "402 is not unused" "[]" "$(j "r[402]['status']")"
eq "510 is obsoleted, not experimental" "['obsoleted']" "$(j "r[510]['status']")"
eq "418 keeps its name and unused" "I'm a teapot ['unused']" "$(j "r[418]['name'], r[418]['status']")"
eq "413's other names, with their periods" \
	"[('Request Entity Too Large', '2014-06', '2022-06'), ('Payload Too Large', '2015-05-19', '2021-10-01')]" \
	"$(j "[(a['name'], a['since'], a['until']) for a in r[413]['other_names']]")"

# rank decides, and cannot be poisoned
cp "$DB" "$T/p.db"
printf 'Code | Name | Reference\n---|---|---\n404 | File Missing | RFC 99999\n498 | Not Found | \n' >"$T/poison.md"
check "a rank-0 list citing RFC 99999 imports" "$SDB" import --db "$T/p.db" --name poison "$T/poison.md"
"$SDB" export --db "$T/p.db" --format c >"$T/p.h"
eq "404 keeps the registry's name" "Not Found" "$(sqlite3 "$T/p.db" "SELECT name FROM canonical WHERE code = 404")"
check "HTTP_STATUS_NOT_FOUND stays 404" grep -q '^	HTTP_STATUS_NOT_FOUND = 404,' "$T/p.h"
check "498, which only it names, named Not Found gets NOT_FOUND_498" grep -q '^	HTTP_STATUS_NOT_FOUND_498 = 498,' "$T/p.h"
eq "RFC 99999 for 404 is a conflict" conflict "$(sqlite3 "$T/p.db" "SELECT class FROM value WHERE code = 404 AND value = 'RFC 99999'")"
sed 's/^\(rfc7231\t[^\t]*\t[^\t]*\t[^\t]*\t\)90/\1200/' sources/manifest.tsv >sources/.ranked.tsv
check "rfc7231 ranked above the registry" "$SDB" build --db "$T/r.db" --manifest sources/.ranked.tsv
rm -f sources/.ranked.tsv
"$SDB" export --db "$T/r.db" --format c >"$T/r.h"
eq "re-ranking changes the record: 413 Payload Too Large from rfc7231" "Payload Too Large rfc7231" \
	"$(sqlite3 "$T/r.db" "SELECT k.name || ' ' || c.source FROM canonical k JOIN claim c ON c.id = k.name_claim WHERE k.code = 413")"
check "re-ranking changes the header: PAYLOAD_TOO_LARGE is 413's name" grep -q '^	HTTP_STATUS_PAYLOAD_TOO_LARGE = 413, /\* RFC 7231' "$T/r.h"
check "... and CONTENT_TOO_LARGE an alias that is not deprecated" grep -q '^	HTTP_STATUS_CONTENT_TOO_LARGE = 413, /\* alias' "$T/r.h"
if cmp -s "$T/r.h" "$T/x.h"; then echo "not ok - re-ranking changed the header"; else echo "ok - re-ranking changed the header"; fi

# registered, unregistered, and where it says so
eq "registered: listed by the registry" 1 "$(q "SELECT registered FROM canonical WHERE code = 413")"
eq "unregistered: in the registry's unassigned ranges" "122 444 449 450 499 509 599" \
	"$(q "SELECT group_concat(code, ' ') FROM (SELECT code FROM canonical WHERE registered = 0 ORDER BY code)")"
eq "every other code is registered" 0 "$(q "SELECT count(*) FROM canonical WHERE registered IS NULL")"
check "show 444" "$SDB" show --db "$DB" 444
cp "$T/out" "$T/show444.txt"
check "show names the unassigned range and where it stands" \
	grep -qF "registered   no: 432-450 Unassigned (iana@2025-09-15 sources/iana-registry/http-status-codes-2025-09-15.xml:307:20)" "$T/show444.txt"
"$SDB" coverage --db "$DB" --format json >"$T/cov.json"
eq "coverage: the series is one list" "iana 1" \
	"$(python3 -c "import json,sys; s=[s['source'] for s in json.load(open(sys.argv[1]))['sources']]; print(s[0], s.count('iana'))" "$T/cov.json")"
eq "coverage lists the unregistered codes" "122 444 449 450 499 509 599" \
	"$(python3 -c "import json,sys; print(*json.load(open(sys.argv[1]))['unregistered'])" "$T/cov.json")"

# diff between two versions of the registry
check "diff 2018-09-21 2025-09-15" "$SDB" diff --db "$DB" iana@2018-09-21 iana@2025-09-15
cp "$T/out" "$T/diff.txt"
check "... 413 renamed" grep -qF 'renamed:      413 Payload Too Large -> Content Too Large' "$T/diff.txt"
check "... 104 added" grep -qF 'added:        104 Upload Resumption Supported' "$T/diff.txt"
"$SDB" diff --db "$DB" --format json iana@2018-09-21 iana >"$T/diff.json"
py() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($1)" "$T/diff.json"; }
eq "diff json: added" "[104, 418]" "$(py "[a['code'] for a in d['added']]")"
eq "diff json: removed" "[]" "$(py "d['removed']")"
eq "diff json: renamed" "[(413, 'Payload Too Large', 'Content Too Large'), (422, 'Unprocessable Entity', 'Unprocessable Content')]" \
	"$(py "[(a['code'], a['old'], a['new']) for a in d['renamed']]")"
eq "diff json: notes" "[(510, None, 'OBSOLETED')]" "$(py "[(a['code'], a['old'], a['new']) for a in d['notes']]")"
eq "diff json: 46 references changed, 308 among them" "46 RFC 7538 -> RFC 9110, Section 15.4.9" \
	"$(py "len(d['references']), [a['old'] + ' -> ' + a['new'] for a in d['references'] if a['code']==308][0]")"
eq "diff json: ranges" "['105-199 Unassigned', '419-420 Unassigned'] ['104-199 Unassigned', '418-420 Unassigned']" \
	"$(py "d['ranges_added'], d['ranges_removed']")"
check "diff of a version with itself: no changes" "$SDB" diff --db "$DB" iana@2015-05-19 iana@2015-05-19
eq "... says so" "iana@2015-05-19 -> iana@2015-05-19: no changes" "$(cat "$T/out")"
fails "diff of no source: exit 2" 2 "$SDB" diff --db "$DB" iana nosuch
