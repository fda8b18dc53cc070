#!/bin/sh
# t12-iana-text.sh - IANA's plain-text page of the registry
# (tests/data/golden/iana-text/iana-2025-09-15.in): the version, codes,
# ranges, a description wrapped over two lines; the plaintext importer
# refusing the page; and the registry's text page, CSV and XML of the
# same version reading the same.
. tests/lib.sh

X=tests/data/golden/iana-text/iana-2025-09-15.in
C=tests/data/golden/csv/iana-2025-09-15.in
M=sources/iana-registry/http-status-codes-2025-09-15.xml

check "import the text page (format guessed)" "$SDB" import --db "$DB" --name text "$X"
eq "guessed as iana-text" iana-text "$(q "SELECT format FROM source WHERE name = 'text'")"
eq "version from 'Last Updated'" 2025-09-15 "$(q "SELECT version FROM source WHERE name = 'text'")"
eq "75 rows: one entry each" 75 "$(q "SELECT entries FROM source WHERE name = 'text'")"
eq "64 codes" 64 "$(q "SELECT count(DISTINCT code) FROM claim WHERE source = 'text'")"
eq "11 ranges" 11 "$(q "SELECT count(*) FROM code_range WHERE source = 'text'")"
eq "ranges and unassigned codes" \
	"105-199 209-225 227-299 309-399 419-420 427-427 430-430 432-450 452-499 509-509 512-599" \
	"$(q "SELECT group_concat(first || '-' || last, ' ') FROM (SELECT * FROM code_range WHERE source = 'text' ORDER BY first)")"
eq "the class note is no code" 0 "$(q "SELECT count(*) FROM claim WHERE source = 'text' AND field = 'class'")"

eq "100 name" "Continue" "$(val text 100 name)"
eq "100 name position" "46:12-46:19" "$(pos text 100 name)"
eq "100 reference and section" "RFC 9110 15.2.1" \
	"$(q "SELECT value || ' ' || section FROM claim WHERE source = 'text' AND code = 100 AND field = 'reference'")"
eq "100 reference raw: inside the brackets" "RFC9110, Section 15.2.1" "$(raw text 100 reference)"
eq "306 and 418 (Unused): notes, no names" "Unused Unused|" \
	"$(val text 306 note) $(val text 418 note)|$(val text 306 name)$(val text 418 name)"
eq "510 name and note" "Not Extended|OBSOLETED" "$(val text 510 name)|$(val text 510 note)"
eq "510 references: an RFC and free text" "RFC 2774
Status change of HTTP experiments to Historic" "$(val text 510 reference)"

# 104's description wraps onto a second line: one value, over both lines
eq "104 name" "Upload Resumption Supported" "$(val text 104 name)"
eq "104 note joined from two lines" \
	"TEMPORARY - registered 2024-11-13, extension registered 2025-09-15, expires 2026-11-13" \
	"$(val text 104 note)"
eq "104 note spans both lines" "50:41-51:52" "$(pos text 104 note)"
eq "104 reference on the first line" "draft-ietf-httpbis-resumable-upload-05 50:93-50:130" \
	"$(q "SELECT value || ' ' || line || ':' || \"column\" || '-' || end_line || ':' || end_column FROM claim WHERE source = 'text' AND code = 104 AND field = 'reference'")"
eq "every one-line claim's raw text stands at its position" "" "$(spans text "$X")"
eq "only the wrapped note spans lines" "104 note" \
	"$(q "SELECT code || ' ' || field FROM claim WHERE source = 'text' AND line <> end_line")"

# the plaintext importer refuses the page instead of misreading it
before=$(q "SELECT count(*) || ' ' || total(id) FROM claim")
fails "as plaintext: exit 3" 3 "$SDB" import --db "$DB" --format plaintext --name misread "$X"
eq "as plaintext: the first row named, at its place" \
	"$X:46:6: '100   Continue' is a row of a table with fixed-width columns, not a plain-text list (is the format right? iana-text reads IANA's text page)" \
	"$(cat "$T/err")"
eq "as plaintext: nothing imported" "$before" "$(q "SELECT count(*) || ' ' || total(id) FROM claim")"
printf '2xx Success\n\n200 OK\n\n4xx Client Error\n\n404 Not Found\n427 Unassigned\n' >"$T/list.txt"
check "plaintext: a list with an unassigned code" "$SDB" import --db "$DB" --name list "$T/list.txt"
eq "plaintext: '427 Unassigned' is a range, not a code" "427-427 Unassigned|0" \
	"$(q "SELECT first || '-' || last || ' ' || value FROM code_range WHERE source = 'list'")|$(q "SELECT count(*) FROM claim WHERE source = 'list' AND code = 427")"

# broken tables: exit 3 at the place, nothing imported
before=$(q "SELECT count(*) || ' ' || total(id) FROM claim")
bad() {	# WHAT CONTENT EXPECTED
	printf "$2" >"$T/bad.txt"
	fails "$1: exit 3" 3 "$SDB" import --db "$DB" --format iana-text "$T/bad.txt"
	eq "$1: message" "$T/bad.txt:$3" "$(head -1 "$T/err")"
	eq "$1: nothing imported" "$before" "$(q "SELECT count(*) || ' ' || total(id) FROM claim")"
}
H='    Value  Description          Reference\n'
bad "code 4O4" "$H     100   Continue             [RFC9110]\n     4O4   Not Found            [RFC9110]\n" \
	"3:6: invalid status code '4O4': want three digits, 100 to 599 or a range such as 105-199"
bad "code 99" "$H     100   Continue             [RFC9110]\n      99   Old                  [RFC9110]\n" \
	"3:7: invalid status code '99': want three digits, 100 to 599 or a range such as 105-199"
bad "a row out of line" "$H     100   Continue             [RFC9110]\n     101   Switching Protocols    [RFC9110]\n" \
	"3:35: '[RFC9110]' does not start where its column 'Reference' does: the table's columns do not line up"
bad "rows that fit no layout" "$H     100   Continue               [RFC9110]\n     101   Switching Protocols    [RFC9110]\n" \
	"1:33: cannot tell where column 'Reference' starts: the rows do not line up under the header"
bad "no table" "Last Updated\n2025-09-15\n\nNo registry here.\n" \
	"1:1: no status-code table found (want a header line such as 'Value  Description  Reference' above the rows)"

# one registry, three formats: the same names, notes, references, ranges
check "import the CSV of the same version" "$SDB" import --db "$DB" --name csv "$C"
check "import the XML of the same version" "$SDB" import --db "$DB" --name xml "$M"
facts() {
	q "SELECT code || ' ' || field || ' ' || value || coalesce(' section ' || section, '')
	   FROM claim WHERE source = '$1' AND field IN ('name', 'note', 'reference')
	   ORDER BY code, field, value, section"
	q "SELECT 'range ' || first || '-' || last || ' ' || value FROM code_range
	   WHERE source = '$1' ORDER BY first"
}
facts xml >"$T/xml.facts"
eq "the XML states 62 names, 4 notes, 65 references, 11 ranges" "62 4 65 11" \
	"$(grep -c ' name ' "$T/xml.facts") $(grep -c ' note ' "$T/xml.facts") $(grep -c ' reference ' "$T/xml.facts") $(grep -c '^range ' "$T/xml.facts")"
eq "text page and XML: the same names, notes, references and ranges" \
	"$(cat "$T/xml.facts")" "$(facts text)"
eq "CSV and XML: the same names, notes, references and ranges" \
	"$(cat "$T/xml.facts")" "$(facts csv)"
eq "all three give 510's label as its second reference" \
	"Status change of HTTP experiments to Historic|Status change of HTTP experiments to Historic|Status change of HTTP experiments to Historic" \
	"$(for s in text csv xml; do q "SELECT value FROM claim WHERE source = '$s' AND code = 510 AND field = 'reference' AND value LIKE 'Status%'"; done | paste -sd '|')"

# big: 100,000 rows; a 2 MB description wrapped over 40,000 lines; a 2 MB line
DB=$T/big.db
awk 'BEGIN { print "HTTP Status Codes\n\n    Value   Description"; for (i = 0; i < 100000; i++) printf "     %d   Name %d\n", 100 + i % 500, i }' >"$T/rows.txt"
check "100,000 rows import" "$SDB" import --db "$DB" --name rows "$T/rows.txt"
eq "100,000 rows: one entry each, the last one read" "100000 Name 99999" \
	"$(q "SELECT entries FROM source WHERE name = 'rows'") $(q "SELECT value FROM claim WHERE source = 'rows' ORDER BY id DESC LIMIT 1")"
awk 'BEGIN { print "    Value  Description                                       Reference"
	printf "     200   %-50s[RFC9110]\n", "(TEMPORARY)"
	for (i = 0; i < 40000; i++) printf "           %-50s\n", "word word word word word word word word word word" }' >"$T/wide.txt"
check "a 2 MB description wrapped over 40,000 lines imports" "$SDB" import --db "$DB" --name wide "$T/wide.txt"
eq "the wrapped cell: one name over all its lines, the reference beside it" "2000011 2:12-40002:60 RFC 9110" \
	"$(q "SELECT length(value) || ' ' || line || ':' || \"column\" || '-' || end_line || ':' || end_column FROM claim WHERE source = 'wide' AND field = 'name'") $(val wide 200 reference)"
awk 'BEGIN { print "    Value  Description          Reference"
	printf "     200   "; for (i = 0; i < 400000; i++) printf "word "; printf "  [RFC9110]\n" }' >"$T/long.txt"
fails "a 2 MB line no column holds: exit 3" 3 "$SDB" import --db "$DB" --format iana-text --name long "$T/long.txt"
eq "a 2 MB line no column holds: refused at the header" \
	"$T/long.txt:1:33: cannot tell where column 'Reference' starts: the rows do not line up under the header" "$(cat "$T/err")"
