#!/bin/sh
# t15-bad-input.sh - broken sources: a message "file:line:column: what",
# exit status 3, and the database exactly as it was.
. tests/lib.sh

check "build a database to protect" "$SDB" build --db "$DB"
before=$(q "SELECT count(*) || ' ' || total(id) FROM claim")

# bad FORMAT FILE CONTENT EXPECTED-STDERR
bad() {
	printf "$3" >"$T/$2"
	fails "$1: exit 3" 3 "$SDB" import --db "$DB" --format "$4" "$T/$2"
	eq "$1: message" "$T/$2:$5" "$(head -1 "$T/err")"
	eq "$1: nothing imported" "$before" "$(q "SELECT count(*) || ' ' || total(id) FROM claim")"
}

bad "empty file" empty.md "" gfm-table "1:1: empty file: no status codes"
bad "blank file" blank.txt "  \n\n" plaintext "1:1: no text: only white space"
bad "invalid UTF-8" latin1.txt "100 Continue\n101 Switching Protocols\n102 Caf\351\n" plaintext \
	"3:8: invalid UTF-8 byte 0xE9 (statusdb reads UTF-8)"
bad "NUL byte" nul.txt "100 Continue\n10\0001 Switching\n" plaintext "2:3: NUL byte in text (statusdb reads UTF-8 text)"
bad "MediaWiki table that breaks off" cut.wiki \
	"==1xx==\n{|\n! Code\n! Status\n|-\n| 100\n| Continue\n|-\n| 101\n" mediawiki \
	"9:7: table opened at line 2 is never closed with '|}'"
bad "MediaWiki code 4O4" code.wiki "{|\n! Code\n! Status\n|-\n| 4O4\n| Not Found\n|}\n" mediawiki \
	"5:3: invalid status code '4O4': want three digits, 100 to 599"
bad "MediaWiki row missing a cell" cells.wiki "{|\n! Code\n! Status\n|-\n| 404\n|}\n" mediawiki \
	"4:1: row has 1 cells but the table's header has 2"
bad "GFM code 99" code.md "Code | Name\n---|---\n100 | Continue\n99 | Old\n" gfm-table \
	"4:1: invalid status code '99': want three digits, 100 to 599"
bad "GFM code 600" code6.md "Code | Name\n---|---\n600 | Beyond\n" gfm-table \
	"3:1: invalid status code '600': want three digits, 100 to 599"
bad "GFM row without a code" nocode.md "Code | Name\n---|---\n| | Nameless\n" gfm-table \
	"3:1: row has no status code"
bad "GFM without a status table" notable.md "# Just a title\n\nSome text.\n" gfm-table \
	"1:1: no status-code table found (a GFM table with a Code column)"
bad "plain-text code 4O4" code.txt "4xx Client Error\n\n400 Bad Request\n4O4 Not Found\n" plaintext \
	"4:1: invalid status code '4O4': want three digits, 100 to 599"
bad "plain-text code 1000" code1000.txt "100 Continue\n1000 Too Many\n" plaintext \
	"2:1: invalid status code '1000': want three digits, 100 to 599"
bad "link list code 4O4" code.ll "[\`100: Continue\`](100 \"a\") | [RFC 7231](x)\n[\`4O4: Not Found\`](404 \"b\")\n" linklist \
	"2:3: invalid status code '4O4': want three digits, 100 to 599"

fails "a missing file: exit 3" 3 "$SDB" import --db "$DB" "$T/missing.md"
eq "a missing file: message" "$T/missing.md: cannot open: No such file or directory" "$(cat "$T/err")"
fails "a format that cannot be guessed: exit 3" 3 "$SDB" import --db "$DB" "$T/notable.md"

# several files are one transaction: the good one is not imported either
printf 'Code | Name\n---|---\n299 | Fine\n' >"$T/good.md"
fails "one bad file of two: exit 3" 3 "$SDB" import --db "$DB" "$T/good.md" "$T/code.md"
eq "one bad file of two: the good one is not imported" 0 \
	"$(q "SELECT count(*) FROM source WHERE name = 'good'")"
check "the good one alone imports" "$SDB" import --db "$DB" "$T/good.md"
eq "imported as source 'good'" "299 Fine" \
	"$(q "SELECT code || ' ' || value FROM claim WHERE source = 'good' AND field = 'name'")"

# tolerated: CRLF, BOM, trailing spaces, empty cells
printf '\357\273\277Code | Name | Description  \r\n---|---|---\r\n100 | Continue  |  \r\n' >"$T/sloppy.md"
check "CRLF, BOM, trailing spaces and an empty cell are fine" \
	"$SDB" import --db "$DB" --name sloppy "$T/sloppy.md"
eq "sloppy: the name, trimmed, at its column" "Continue 3:7" \
	"$(q "SELECT value || ' ' || line || ':' || \"column\" FROM claim WHERE source = 'sloppy'")"

# usage errors
fails "unknown command: exit 2" 2 "$SDB" frobnicate
fails "unknown format: exit 2" 2 "$SDB" import --db "$DB" --format nope "$T/good.md"
fails "--name with two files: exit 2" 2 "$SDB" import --db "$DB" --name x "$T/good.md" "$T/good.md"
fails "import --help: exit 0" 0 "$SDB" import --help
cp "$T/out" "$T/help.txt"
check "import --help lists the formats" grep -q '^  linklist ' "$T/help.txt"
fails "--version" 0 "$SDB" --version
eq "--version prints the version in cli/cli.h" \
	"statusdb $(sed -n 's/^#define SDB_VERSION "\(.*\)"$/\1/p' cli/cli.h)" "$(cat "$T/out")"
for c in build import claims conflicts show coverage history diff export; do
	fails "$c --help" 0 "$SDB" $c --help
done

# a database that is not one
printf 'this is not a database, just text long enough to fool nobody......\n' >"$T/not.db"
fails "a file that is not SQLite: exit 4" 4 "$SDB" claims --db "$T/not.db"
fails "an unwritable database path: exit 4" 4 "$SDB" import --db "$T/no/such/dir/x.db" "$T/good.md"
for c in claims conflicts coverage; do
	fails "$c on a missing database: exit 4" 4 "$SDB" $c --db "$T/absent.db"
done
fails "show on a missing database: exit 4" 4 "$SDB" show --db "$T/absent.db" 413
check "reading commands do not create the database" test ! -e "$T/absent.db"
