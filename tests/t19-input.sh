#!/bin/sh
# t19-input.sh - what input.c reads, and how the mediawiki, plaintext,
# iana-xml and html importers read it: directories, devices and FIFOs
# refused at once, UTF-16 named, /proc files read; a run of BOMs and old
# Mac line ends (lone CR) read as the plain file is.
. tests/lib.sh

check "build a database to protect" "$SDB" build --db "$DB"
state() { q "SELECT count(*) || ' ' || total(id) FROM claim"; }
before=$(state)

fails "a directory: exit 3" 3 "$SDB" import --db "$DB" "$T"
eq "a directory: message" \
	"$T: not a regular file (a directory): statusdb reads files, or standard input as '-'" \
	"$(cat "$T/err")"
fails "/dev/zero: exit 3" 3 timeout 10 "$SDB" import --db "$DB" /dev/zero
eq "/dev/zero: message" \
	"/dev/zero: not a regular file (a character device): statusdb reads files, or standard input as '-'" \
	"$(cat "$T/err")"
mkfifo "$T/fifo"
fails "a FIFO with no writer: exit 3 at once, no hang" 3 timeout 10 "$SDB" import --db "$DB" "$T/fifo"
eq "a FIFO: message" \
	"$T/fifo: not a regular file (a FIFO): statusdb reads files, or standard input as '-'" \
	"$(cat "$T/err")"

printf '100 Continue\n101 Switching Protocols\n102 Processing\n' >"$T/utf8.txt"
iconv -f UTF-8 -t UTF-16 "$T/utf8.txt" >"$T/utf16-bom.txt"
iconv -f UTF-8 -t UTF-16LE "$T/utf8.txt" >"$T/utf16le.txt"
iconv -f UTF-8 -t UTF-16BE "$T/utf8.txt" >"$T/utf16be.txt"
for f in utf16-bom utf16le utf16be; do
	fails "$f: exit 3" 3 "$SDB" import --db "$DB" --format plaintext "$T/$f.txt"
	eq "$f: named UTF-16" \
		"$T/$f.txt: the file is UTF-16, and statusdb reads UTF-8: convert it first (iconv -f UTF-16 -t UTF-8)" \
		"$(cat "$T/err")"
done

# /proc files say size 0: they are read, and refused for what they hold
fails "/proc/self/status: exit 3" 3 "$SDB" import --db "$DB" --format plaintext /proc/self/status
eq "/proc/self/status: read, not called empty" \
	"/proc/self/status:1:1: no status codes found (want lines such as '404 Not Found')" \
	"$(cat "$T/err")"
fails "/proc/self/status, format not given: exit 3" 3 "$SDB" import --db "$DB" /proc/self/status
check "/proc/self/status, format not given: not called empty" sh -c '! grep -q "empty" "$1"' sh "$T/err"
eq "nothing refused changed the database" "$before" "$(state)"

# What a file's claims are, positions and all ($2: 1 leaves out the
# columns of line 1, which a BOM moves).
claims() {
	sqlite3 -batch "$1" "SELECT code, field, value, coalesce(section, ''),
		line, CASE WHEN line = 1 AND $2 THEN 0 ELSE \"column\" END,
		end_line, CASE WHEN end_line = 1 AND $2 THEN 0 ELSE end_column END
		FROM claim ORDER BY id;
		SELECT first, last, value, line, end_line FROM code_range ORDER BY id"
}

# same FORMAT FILE: the file behind two BOMs, and with lone CRs for line
# ends, reads as it does plain (the format guessed each time)
same() {
	fmt=$1 f=$2 name=$(basename "$2")
	rm -f "$T/a.db" "$T/b.db" "$T/c.db"
	check "$fmt $name: imports" "$SDB" import --db "$T/a.db" --name s "$f"
	eq "$fmt $name: guessed" "$fmt" "$(sqlite3 "$T/a.db" "SELECT format FROM source")"
	printf '\357\273\277\357\273\277' >"$T/boms"
	cat "$f" >>"$T/boms"
	check "$fmt $name behind two BOMs: imports" "$SDB" import --db "$T/b.db" --name s "$T/boms"
	eq "$fmt $name behind two BOMs: the same claims" "$(claims "$T/a.db" 1)" "$(claims "$T/b.db" 1)"
	eq "$fmt $name behind two BOMs: guessed" "$fmt" "$(sqlite3 "$T/b.db" "SELECT format FROM source")"
	tr '\n' '\r' <"$f" >"$T/cr"
	check "$fmt $name with lone CRs: imports" "$SDB" import --db "$T/c.db" --name s "$T/cr"
	eq "$fmt $name with lone CRs: the same claims at the same places" \
		"$(claims "$T/a.db" 0)" "$(claims "$T/c.db" 0)"
}

same mediawiki sources/iana-registry-2015.mediawiki
same iana-xml sources/iana-registry/http-status-codes-2025-09-15.xml
same html tests/data/iana-2015-02-20.xhtml
for f in tests/data/golden/mediawiki/*.in tests/data/golden/plaintext/*.in \
	 tests/data/golden/iana-xml/*.in tests/data/golden/html/*.in; do
	fmt=$(basename "$(dirname "$f")")
	# the cases that import, and whose lines end with LF alone
	[ -f "${f%.in}.claims" ] || continue
	grep -q "$(printf '\r')" "$f" && continue
	same "$fmt" "$f"
done
