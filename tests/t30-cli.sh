#!/bin/sh
# t30-cli.sh - the command line as an adversary meets it: options in any
# order, clear usage errors, output that cannot be written, databases
# that are not statusdb's or were tampered with, text from sources that
# must not reach the terminal raw, and exports that must not destroy what
# their path points at.
. tests/lib.sh

check "build every source" "$SDB" build --db "$DB"

# options after operands; clear usage errors
printf 'Code | Name\n---|---\n299 | After Options\n' >"$T/after.md"
check "import FILE --db X: options after the file" \
	"$SDB" import "$T/after.md" --db "$T/after.db" --name after
eq "... landed" "After Options" "$(sqlite3 "$T/after.db" "SELECT value FROM claim WHERE field = 'name'")"
fails "--name '': exit 2" 2 "$SDB" import --db "$T/after.db" --name '' "$T/after.md"
check "... says why" grep -q -- "--name cannot be empty" "$T/err"
fails "show 150: no record, exit 1" 1 "$SDB" show --db "$DB" 150
check "... names the unassigned range" grep -q '^statusdb show: no source lists 150; the registry leaves it unassigned: 105-199 Unassigned' "$T/err"
fails "show +404: exit 2" 2 "$SDB" show --db "$DB" +404
check "... says why" grep -q "^statusdb show: CODE is a status code from 100 to 599, not '+404'" "$T/err"
fails "show 999: exit 2" 2 "$SDB" show --db "$DB" 999
check "... says why" grep -q "not '999'" "$T/err"
fails "show 413 --db=PATH after the code" 0 "$SDB" show 413 --db="$DB"
fails "show --format json 413" 0 "$SDB" show --format json --db "$DB" 413
check "... prints JSON" python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['record']['name'] == 'Content Too Large'" "$T/out"
fails "claims --code +404: exit 2" 2 "$SDB" claims --db "$DB" --code +404
fails "an unknown option: exit 2" 2 "$SDB" claims --db "$DB" --frobnicate
check "... names it and the usage" grep -q "unknown option '--frobnicate'" "$T/err"
fails "conflicts --summary honours --kind" 0 "$SDB" conflicts --db "$DB" --summary --kind link
eq "... only link" "  link         1 minor: 101" "$(sed -n 2p "$T/out")"
fails "conflicts --summary --format json" 0 "$SDB" conflicts --db "$DB" --summary --format json --code 413
eq "... JSON of 413's kinds" "name reference" \
	"$(python3 -c "import json,sys; print(*[k['kind'] for k in json.load(open(sys.argv[1]))])" "$T/out")"

# output that cannot be written: exit 5
for c in "claims" "conflicts" "coverage" "show 413" "history 413" "export --format json" "report"; do
	"$SDB" $c --db "$DB" >/dev/full 2>"$T/err"
	eq "$c > /dev/full: exit 5" 5 "$?"
	eq "... said once" 1 "$(grep -c 'cannot write the output: No space left on device' "$T/err")"
	"$SDB" $c --db "$DB" >&- 2>"$T/err"
	eq "$c with standard output closed: exit 5" 5 "$?"
done

# reading commands refuse what is not statusdb's, and change nothing
sqlite3 "$T/foreign.db" "CREATE TABLE t (x); INSERT INTO t VALUES (1);"
sum_before=$(cksum <"$T/foreign.db")
for c in "claims" "conflicts" "coverage" "show 413" "history" "export --format json" "diff iana iana"; do
	fails "$c on a foreign database: exit 4" 4 "$SDB" $c --db "$T/foreign.db"
done
check "... says it is not statusdb's" grep -q 'not a statusdb database (it holds other tables' "$T/err"
eq "the foreign database is unchanged" "$sum_before" "$(cksum <"$T/foreign.db")"
: >"$T/empty.db"
fails "claims on an empty file: exit 4" 4 "$SDB" claims --db "$T/empty.db"
eq "the empty file stays empty" 0 "$(wc -c <"$T/empty.db")"
fails "import into a foreign database: exit 4" 4 "$SDB" import --db "$T/foreign.db" --name x "$T/after.md"
eq "... and it is unchanged" "$sum_before" "$(cksum <"$T/foreign.db")"
fails "claims on a missing database: exit 4" 4 "$SDB" claims --db "$T/nothing.db"
check "... says what to do" grep -q "statusdb build" "$T/err"
check "... and creates nothing" test ! -e "$T/nothing.db"
cp "$DB" "$T/ro.db"
chmod 444 "$T/ro.db"
fails "a reading command on a read-only file works" 0 "$SDB" show --db "$T/ro.db" 413

# a tampered database: codes out of range never crash, are refused
cp "$DB" "$T/tamper.db"
sqlite3 "$T/tamper.db" "PRAGMA ignore_check_constraints = 1; UPDATE claim SET code = 700 WHERE source = 'wikipedia' AND code = 404; UPDATE listing SET code = 100000 WHERE source = 'wikipedia' AND code = 404;"
fails "re-importing a source whose stored codes were tampered with: exit 4" 4 \
	"$SDB" import --db "$T/tamper.db" --name wikipedia sources/wikipedia-list.txt
check "... says the database was changed" grep -q 'holds what statusdb never writes' "$T/err"
cp "$DB" "$T/tamper2.db"
sqlite3 "$T/tamper2.db" "PRAGMA ignore_check_constraints = 1; UPDATE canonical SET code = 700 WHERE code = 599;"
fails "export of a canonical code 700: exit 4" 4 "$SDB" export --db "$T/tamper2.db" --format c
check "... says why" grep -q 'a code outside 100..599' "$T/err"
cp "$DB" "$T/tamper3.db"
sqlite3 "$T/tamper3.db" "UPDATE canonical SET ident = 'X */ #define' WHERE code = 404;"
fails "export of an identifier C does not allow: exit 4" 4 "$SDB" export --db "$T/tamper3.db" --format c

# text from sources does not reach the terminal raw
esc=$(printf '\033')
printf 'Code | Name | Description\n---|---|---\n299 | Evil %s]0;pwned%s\\ Name | Bidi \342\200\256 here\n' "$esc" "$esc" >"$T/esc.md"
check "import a source holding ESC and U+202E" "$SDB" import --db "$T/esc.db" --name esc "$T/esc.md"
for c in "claims" "show 299" "coverage" "conflicts"; do
	"$SDB" $c --db "$T/esc.db" >"$T/esc.out" 2>&1
	check "$c prints no raw ESC" sh -c "! grep -q \"\$(printf '\\033')\" '$T/esc.out'"
	check "$c prints no raw U+202E" sh -c "! grep -q \"\$(printf '\\342\\200\\256')\" '$T/esc.out'"
done
"$SDB" claims --db "$T/esc.db" >"$T/esc.out"
check "... but shows them escaped" grep -qF 'Evil \x1B]0;pwned\x1B\\ Name' "$T/esc.out"

# export -o never destroys what its path points at
mkdir "$T/o"
echo precious >"$T/o/victim"
ln -s "$T/o/victim" "$T/o/http_status.h.tmp"
check "export -o with a planted FILE.tmp link" \
	"$SDB" export --db "$DB" --format c -o "$T/o/http_status.h"
eq "... the link's target is untouched" precious "$(cat "$T/o/victim")"
check "... the header was written" grep -q '^#define HTTP_STATUS_H_' "$T/o/http_status.h"
ln -s "$T/o/target.csv" "$T/o/link.csv"
echo old >"$T/o/target.csv"
check "export -o through a symbolic link" "$SDB" export --db "$DB" --format csv -o "$T/o/link.csv"
check "... keeps the link" test -L "$T/o/link.csv"
check "... and replaces what it points to" grep -q '^code,name,' "$T/o/target.csv"
if [ "$(id -u)" = 0 ]; then
	fails "export -o /dev/full as root: exit 5" 5 "$SDB" export --db "$DB" --format c -o /dev/full
	check "... /dev/full is still a device" test -c /dev/full
else
	fails "export -o /dev/full: exit 5" 5 "$SDB" export --db "$DB" --format c -o /dev/full
fi
fails "export -o DIRECTORY: exit 5" 5 "$SDB" export --db "$DB" --format c -o "$T/o"
fails "export -o into a missing folder: exit 5" 5 "$SDB" export --db "$DB" --format c -o "$T/nowhere/x.h"
mkfifo "$T/o/fifo"
fails "export -o a FIFO with no reader: exit 5, no hang" 5 timeout 10 "$SDB" export --db "$DB" --format c -o "$T/o/fifo"
eq "no temporary file is left behind" "fifo http_status.h http_status.h.tmp link.csv target.csv victim" \
	"$(ls "$T/o" | tr '\n' ' ' | sed 's/ $//')"
