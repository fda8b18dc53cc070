#!/bin/sh
# t16-hostile.sh - hostile and broken input beyond t15: garbage, huge
# cells, deep nesting, duplicates, concurrent and killed imports.  Each
# gets a clear message or a correct import, never a crash, never a
# partial import, never a change to other sources' data.
. tests/lib.sh

check "build a database to protect" "$SDB" build --db "$DB"
others() { q "SELECT count(*) || ' ' || total(id) || ' ' || total(length(value)) FROM claim WHERE source <> 'x'"; }
before=$(others)

# binary garbage: refused with a position, whatever the format
head -c 65536 /dev/urandom >"$T/garbage.bin"
for f in mediawiki gfm-table linklist plaintext; do
	fails "binary garbage as $f: exit 3" 3 "$SDB" import --db "$DB" --format $f --name x "$T/garbage.bin"
	check "binary garbage as $f: message has line:column" grep -q "^$T/garbage.bin:[0-9]*:[0-9]*: " "$T/err"
done
eq "garbage changed nothing" "$before" "$(others)"

# a 10 MB cell imports whole
awk 'BEGIN { printf "Code | Name | Description\n---|---|---\n100 | Continue | "; for (i = 0; i < 10485760 / 64; i++) printf "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"; printf "\n" }' >"$T/big.md"
check "a 10 MB cell imports" "$SDB" import --db "$DB" --name x "$T/big.md"
eq "the 10 MB description is whole" 10485760 \
	"$(q "SELECT length(value) FROM claim WHERE source = 'x' AND field = 'description'")"
eq "the big import changed no other source" "$before" "$(others)"

# 100,000-deep nesting
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "{|\n" }' >"$T/deep.wiki"
fails "100,000 nested wiki tables: exit 3" 3 "$SDB" import --db "$DB" --format mediawiki --name x "$T/deep.wiki"
eq "nested wiki tables: message" "$T/deep.wiki:2:1: nested tables are not supported" "$(cat "$T/err")"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf ">"; printf " Code | Name\n"; for (i = 0; i < 100000; i++) printf ">"; printf " --- | ---\n" }' >"$T/deep.md"
fails "100,000 nested block quotes: exit 3" 3 "$SDB" import --db "$DB" --format gfm-table --name x "$T/deep.md"
awk 'BEGIN { printf "Code | Name\n---|---\n100 | "; for (i = 0; i < 100000; i++) printf "*["; printf "x"; for (i = 0; i < 100000; i++) printf "]*"; printf "\n" }' >"$T/deep-inline.md"
fails "100,000 nested inlines: imports" 0 "$SDB" import --db "$DB" --format gfm-table --name x "$T/deep-inline.md"
awk 'BEGIN { printf "[`100: Continue`](100 \"t\") "; for (i = 0; i < 100000; i++) printf "["; printf "x"; for (i = 0; i < 100000; i++) printf "](y)"; printf "\n" }' >"$T/deep.ll"
fails "100,000 nested links: imports" 0 "$SDB" import --db "$DB" --format linklist --name x "$T/deep.ll"
eq "deep input changed no other source" "$before" "$(others)"

# a code listed twice with different names: a duplicate conflict
printf 'Code | Name\n---|---\n299 | First Name\n299 | Second Name\n' >"$T/twice.md"
check "a code listed twice imports" "$SDB" import --db "$DB" --name x "$T/twice.md"
eq "both rows are kept" 2 "$(q "SELECT count(*) FROM claim WHERE source = 'x' AND code = 299 AND field = 'name'")"
eq "a duplicate finding, not minor, for source x" "299 name duplicate 0 x" \
	"$(q "SELECT code || ' ' || field || ' ' || kind || ' ' || minor || ' ' || source FROM finding WHERE code = 299 AND kind = 'duplicate'")"
eq "its evidence: both values" "First Name|Second Name" \
	"$(q "SELECT group_concat(value, '|') FROM (SELECT DISTINCT value FROM source_issue WHERE code = 299 AND kind = 'duplicate' ORDER BY value)")"

# two imports into one database at once both land, one after the other
cp "$DB" "$T/two.db"
"$SDB" import --db "$T/two.db" --name p "$T/twice.md" >"$T/p.out" 2>&1 &
pid=$!
"$SDB" import --db "$T/two.db" --name r sources/rfc7231-table.md >"$T/r.out" 2>&1
rc2=$?
wait $pid
rc1=$?
eq "two imports at once: both succeed" "0 0" "$rc1 $rc2"
eq "two imports at once: both stored" "p r" \
	"$(sqlite3 "$T/two.db" "SELECT group_concat(name, ' ') FROM (SELECT name FROM source WHERE name IN ('p', 'r') ORDER BY name)")"

# an import killed while it writes leaves the database as it was: the
# kill waits for the rollback journal, which exists only while the import's
# transaction writes, so it lands during the write (and the test says so)
cp "$DB" "$T/kill.db"
kbefore=$(sqlite3 "$T/kill.db" "SELECT count(*) || ' ' || total(id) FROM claim")
awk 'BEGIN { printf "Code | Name | Description\n---|---|---\n"; for (i = 0; i < 200000; i++) printf "%d | Name %d | Description %d\n", 100 + i % 500, i, i }' >"$T/many.md"
"$SDB" import --db "$T/kill.db" --name k "$T/many.md" >/dev/null 2>&1 &
pid=$!
landed=no
for i in $(seq 1 3000); do
	if [ -e "$T/kill.db-journal" ]; then
		kill -9 $pid 2>/dev/null && landed=yes
		break
	fi
	kill -0 $pid 2>/dev/null || break
	sleep 0.01
done
wait $pid 2>/dev/null
eq "killed import: the kill landed while the import was writing" yes "$landed"
eq "killed import: the database is intact" ok "$(sqlite3 "$T/kill.db" "PRAGMA integrity_check")"
eq "killed import: nothing of it stayed, the rest is as before" "$kbefore" \
	"$(sqlite3 "$T/kill.db" "SELECT count(*) || ' ' || total(id) FROM claim")"
eq "killed import: source k is absent" 0 \
	"$(sqlite3 "$T/kill.db" "SELECT count(*) FROM source WHERE name = 'k'")"
