#!/bin/sh
# t25-reference.sh - the reconciler's tables against tests/reference.py, a
# slow and simple recomputation of the policy from the claims alone: for
# sources/ built in one call, and imported piece by piece (the incremental
# path: each import reconciles only the codes it touches).  make bench
# does the same for a generated set of 100 lists.
. tests/lib.sh

check "build every source" "$SDB" build --db "$DB"
python3 tests/reference.py "$DB" "build"

# piece by piece: the registry's history and the RFC index, then each
# list on its own, then a list and an old registry version again
M=sources/manifest.tsv
D2=$T/pieces.db
check "import the registry's versions and the RFC index" "$SDB" import \
	--db "$D2" -m $M sources/iana-registry/*.xml sources/rfc-index.txt
for f in iana-registry-2015.mediawiki community-list.md wikipedia-list.txt \
	webconcepts.md rfc7231-table.md; do
	check "import $f alone" "$SDB" import --db "$D2" -m $M "sources/$f"
done
check "import community-list.md again" "$SDB" import --db "$D2" -m $M \
	sources/community-list.md
check "import the MediaWiki list again (it has issues)" "$SDB" import \
	--db "$D2" -m $M sources/iana-registry-2015.mediawiki
check "import the oldest registry version again" "$SDB" import --db "$D2" \
	-m $M sources/iana-registry/http-status-codes-2015-05-19.xml
eq "the pieces hold what the build holds" \
	"$(q "SELECT count(*), count(DISTINCT source) FROM claim")" \
	"$(sqlite3 "$D2" "SELECT count(*), count(DISTINCT source) FROM claim")"
eq "... and as many ranges, listings and issues" \
	"$(q "SELECT (SELECT count(*) FROM code_range), (SELECT count(*) FROM listing), (SELECT count(*) FROM source_issue)")" \
	"$(sqlite3 "$D2" "SELECT (SELECT count(*) FROM code_range), (SELECT count(*) FROM listing), (SELECT count(*) FROM source_issue)")"
# a code only one list gives, then no list: its record goes
printf '| Code | Name |\n|---|---|\n| 299 | Made Up |\n' > "$T/extra.md"
check "import a list of code 299 alone" "$SDB" import --db "$D2" "$T/extra.md"
eq "299 has a record" 1 "$(sqlite3 "$D2" "SELECT count(*) FROM canonical WHERE code = 299")"
printf '| Code | Name |\n|---|---|\n| 298 | Made Up |\n' > "$T/extra.md"
check "import it again with 298 instead" "$SDB" import --db "$D2" "$T/extra.md"
eq "299 has no record now, 298 has" "0 1" "$(sqlite3 "$D2" "SELECT (SELECT count(*) FROM canonical WHERE code = 299) || ' ' || (SELECT count(*) FROM canonical WHERE code = 298)")"
eq "replaced: 299's claims, listing and values are gone" "0 0 0" \
	"$(sqlite3 "$D2" "SELECT (SELECT count(*) FROM claim WHERE code = 299) || ' ' || (SELECT count(*) FROM listing WHERE code = 299) || ' ' || (SELECT count(*) FROM value WHERE code = 299)")"
check "import the RFC index again" "$SDB" import --db "$D2" -m $M \
	sources/rfc-index.txt
eq "... its document facts are there once" \
	"$(q "SELECT count(*) FROM doc_claim")" \
	"$(sqlite3 "$D2" "SELECT count(*) FROM doc_claim")"
# sources are replaced by deleting their rows (foreign keys are not
# enforced while storing): no row may point to a source that is gone
eq "no row points to a missing source (foreign_key_check)" "" \
	"$(sqlite3 "$D2" "PRAGMA foreign_key_check")"
eq "... nor in the build" "" "$(q "PRAGMA foreign_key_check")"
python3 tests/reference.py "$D2" "pieces"

# the reference can fail: one class changed behind the reconciler's back
cp "$DB" "$T/changed.db"
sqlite3 "$T/changed.db" "UPDATE value SET class = 'conflict' WHERE id = (SELECT min(id) FROM value WHERE class = 'variant')"
fails "the reference notices a value classed otherwise" 1 \
	python3 tests/reference.py "$T/changed.db"
check "... and names the table" grep -q '^not ok - value: ' "$T/out"
