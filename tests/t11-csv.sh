#!/bin/sh
# t11-csv.sh - CSV: IANA's own CSV of the registry as a project vendors it
# (tests/data/golden/csv/iana-2025-09-15.in), statusdb's own CSV export
# read back, other delimiters, --column overrides, and broken files
# refused at their place with the database unchanged.
. tests/lib.sh

X=tests/data/golden/csv/iana-2025-09-15.in
S=iana-csv

check "import IANA's CSV (format guessed)" "$SDB" import --db "$DB" --name $S "$X"
eq "guessed as csv" csv "$(q "SELECT format FROM source WHERE name = '$S'")"
rows=$(($(grep -c . "$X") - 1))
eq "the file has 75 rows under its header" 75 "$rows"
eq "one entry per row" "$rows" "$(q "SELECT entries FROM source WHERE name = '$S'")"
eq "64 codes" 64 "$(q "SELECT count(DISTINCT code) FROM claim WHERE source = '$S'")"
eq "11 ranges" 11 "$(q "SELECT count(*) FROM code_range WHERE source = '$S'")"

range() { q "SELECT first || '-' || last || ' ' || value FROM code_range WHERE source = '$S' AND first = $1"; }
eq "105-199 is a range" "105-199 Unassigned" "$(range 105)"
eq "427,Unassigned is a range of one" "427-427 Unassigned" "$(range 427)"
eq "509,Unassigned is a range of one" "509-509 Unassigned" "$(range 509)"
eq "range raw and position" "Unassigned 7:9-7:18" \
	"$(q "SELECT raw || ' ' || line || ':' || \"column\" || '-' || end_line || ':' || end_column FROM code_range WHERE source = '$S' AND first = 105")"
eq "no claims for unassigned codes" 0 \
	"$(q "SELECT count(*) FROM claim WHERE source = '$S' AND code IN (427, 430, 509)")"

eq "413 name" "Content Too Large" "$(val $S 413 name)"
eq "413 name position" "43:5-43:21" "$(pos $S 413 name)"
eq "413 reference" "RFC 9110 15.5.14" \
	"$(q "SELECT value || ' ' || section FROM claim WHERE source = '$S' AND code = 413 AND field = 'reference'")"
eq "413 reference raw: inside the quotes and brackets" "RFC9110, Section 15.5.14" "$(raw $S 413 reference)"
eq "306 (Unused) is a note, no name" "Unused|" "$(val $S 306 note)|$(val $S 306 name)"
eq "104: a quoted name with commas, annotation split off" \
	"Upload Resumption Supported|TEMPORARY - registered 2024-11-13, extension registered 2025-09-15, expires 2026-11-13" \
	"$(val $S 104 name)|$(val $S 104 note)"
eq "104 note position inside the quotes" "6:35-6:120" "$(pos $S 104 note)"
eq "510 references, one per bracket" "RFC 2774
Status change of HTTP experiments to Historic" "$(val $S 510 reference)"
eq "510 free-text reference raw and place" "Status change of HTTP experiments to Historic 74:40" \
	"$(q "SELECT raw || ' ' || line || ':' || \"column\" FROM claim WHERE source = '$S' AND code = 510 AND value LIKE 'Status%'")"
eq "no descriptions: the Description column is the name" 0 \
	"$(q "SELECT count(*) FROM claim WHERE source = '$S' AND field = 'description'")"
eq "every claim's raw text stands at its position" "" "$(spans $S "$X")"

# semicolons, a BOM, CRLF, quotes doubled and across lines, German names
printf '\357\273\277Code;Name;Beschreibung;Reference\r\n404;"Nicht ""gefunden""";"Die Ressource\r\nfehlt; leider";"[RFC7232, Section 4.2][RFC8144, Section 3.2]"\r\n\r\n410;Verschwunden\r\n' >"$T/de.csv"
check "semicolons, BOM, CRLF: imported (format guessed)" "$SDB" import --db "$DB" --name de "$T/de.csv"
eq "doubled quotes unescaped in the value" 'Nicht "gefunden"' "$(val de 404 name)"
eq "raw keeps them, inside the outer quotes" 'Nicht ""gefunden"" 2:6-2:23' \
	"$(q "SELECT raw || ' ' || line || ':' || \"column\" || '-' || end_line || ':' || end_column FROM claim WHERE source = 'de' AND code = 404 AND field = 'name'")"
eq "references run together: one per bracket, each at its text" \
	"RFC 7232 4.2 3:18-3:37|RFC 8144 3.2 3:40-3:59" \
	"$(q "SELECT group_concat(value || ' ' || section || ' ' || line || ':' || \"column\" || '-' || end_line || ':' || end_column, '|') FROM claim WHERE source = 'de' AND code = 404 AND field = 'reference'")"
eq "an unknown header is no column" 0 "$(q "SELECT count(*) FROM claim WHERE source = 'de' AND field = 'description'")"
eq "a short row: the missing fields are empty" "Verschwunden" "$(val de 410 name)"
check "--column description=Beschreibung" "$SDB" import --db "$DB" --name de2 \
	--column description=Beschreibung "$T/de.csv"
eq "the override's column, folded across its two lines" "Die Ressource fehlt; leider 2:27-3:13" \
	"$(q "SELECT value || ' ' || line || ':' || \"column\" || '-' || end_line || ':' || end_column FROM claim WHERE source = 'de2' AND code = 404 AND field = 'description'")"

printf 'Status Code\tReason Phrase\tClass\n200\tOK\tSuccess\n' >"$T/tab.tsv"
check "TAB-separated: imported (format guessed)" "$SDB" import --db "$DB" --name tab "$T/tab.tsv"
eq "TAB-separated: name and class" "OK Success" "$(val tab 200 name) $(val tab 200 class)"

# broken files: exit 3, "file:line:column: ...", the database unchanged
before=$(q "SELECT count(*) || ' ' || total(id) FROM claim")
bad() {	# WHAT CONTENT EXPECTED [ARGS...]
	b_what=$1 b_text=$2 b_msg=$3
	shift 3
	printf "$b_text" >"$T/bad.csv"
	fails "$b_what: exit 3" 3 "$SDB" import --db "$DB" --format csv "$@" "$T/bad.csv"
	eq "$b_what: message" "$T/bad.csv:$b_msg" "$(head -1 "$T/err")"
	eq "$b_what: nothing imported" "$before" "$(q "SELECT count(*) || ' ' || total(id) FROM claim")"
}
bad "code 4O4" 'Value,Description\n200,OK\n4O4,Not Found\n' \
	"3:1: invalid status code '4O4': want three digits, 100 to 599 or a range such as 105-199"
bad "code 40404" 'Value,Description\n40404,Not Found\n' \
	"2:1: invalid status code '40404': want three digits, 100 to 599 or a range such as 105-199"
bad "code +404" 'Value,Description\n"+404",Not Found\n' \
	"2:2: invalid status code '+404': want three digits, 100 to 599 or a range such as 105-199"
bad "code 404.0" 'Value,Description\n 404.0 ,Not Found\n' \
	"2:2: invalid status code '404.0': want three digits, 100 to 599 or a range such as 105-199"
bad "a row without a code" 'Value,Description\n,Nameless\n' \
	"2:1: row has no status code (column 'Value')"
bad "more fields than the header" 'Value,Description\n200,OK,extra\n' \
	"2:8: row has more fields than the header's 2: 'extra'"
bad "a quote never closed" 'Value,Description\n200,"OK\n201,Created\n' \
	"2:5: quoted field is not closed: no '\"' after it"
bad "text after a closing quote" 'Value,Description\n200,"OK" really\n' \
	"2:10: text after the closing quote of a field: 'really'"
bad "no code column" 'Nummer,Phrase\n200,OK\n' \
	"1:1: the header names no code column (want Code, Value or Status Code, or give --column code=KEY): 'Nummer,Phrase'"
bad "no header" '200,OK\n201,Created\n' \
	"1:1: the first line is a row, not a header naming the columns (want a header such as 'Code,Name,Description')"
bad "--column naming no column" 'Value,Description\n200,OK\n' \
	"1:1: the header has no column 'Phrase' (--column name=Phrase)" --column name=Phrase
printf 'Nummer,Phrase,Description\n200,OK,Fine\n' >"$T/nummer.csv"
check "--column code=Nummer name=Phrase: imported" "$SDB" import --db "$DB" --name nummer \
	--format csv --column code=Nummer --column name=Phrase "$T/nummer.csv"
eq "--column: the override's name, the description stays one" "OK|Fine" \
	"$(val nummer 200 name)|$(val nummer 200 description)"

# statusdb's own export reads back: names, descriptions and references
RT=$T/rt.db
check "build sources/ into a database" "$SDB" build --db "$RT"
check "export it as CSV" "$SDB" export --db "$RT" --format csv -o "$T/export.csv"
check "import the export as a new source (format guessed)" \
	"$SDB" import --db "$RT" --name roundtrip "$T/export.csv"
DB=$RT
check "load the export into a table with sqlite3's .import" \
	sqlite3 -batch -bail "$RT" ".import --csv $T/export.csv exported"
eq "every exported code was imported" "$(q "SELECT count(*) FROM exported")" \
	"$(q "SELECT count(DISTINCT code) FROM claim WHERE source = 'roundtrip'")"
# per code: name, description and references as the export wrote them
eq "every code: the imported name, description and references are the exported ones" "" \
	"$(q "SELECT e.code FROM exported e WHERE
	  e.name <> coalesce((SELECT group_concat(value, '; ') FROM claim c WHERE c.source = 'roundtrip' AND c.code = e.code AND c.field = 'name'), '')
	  OR e.description <> coalesce((SELECT group_concat(value, '; ') FROM claim c WHERE c.source = 'roundtrip' AND c.code = e.code AND c.field = 'description'), '')
	  OR e.\"references\" <> coalesce((SELECT group_concat(r, '; ') FROM (SELECT value || coalesce(', Section ' || section, '') AS r FROM claim c WHERE c.source = 'roundtrip' AND c.code = e.code AND c.field = 'reference' ORDER BY c.id)), '')")"
eq "the comparison saw names, descriptions and references (306 has no name, 425 no description)" "71 70 69 64" \
	"$(q "SELECT count(*), sum(name <> ''), sum(description <> ''), sum(\"references\" <> '') FROM exported" | tr '|' ' ')"
eq "510 read back: a free-text reference beside an RFC" \
	"RFC 2774; Status change of HTTP experiments to Historic" \
	"$(q "SELECT group_concat(value, '; ') FROM claim WHERE source = 'roundtrip' AND code = 510 AND field = 'reference'")"
eq "418 read back: a description holding doubled quotes" \
	"$(q "SELECT description FROM exported WHERE code = '418'")" "$(val roundtrip 418 description)"

# big: 100,000 rows; a 2 MB quoted cell of doubled quotes; 2 MB of
# brackets never closed; 100,000 citations in one cell
DB=$T/big.db
awk 'BEGIN { print "Value,Description,Reference"; for (i = 0; i < 100000; i++) printf "%d,Name %d,\n", 100 + i % 500, i }' >"$T/rows.csv"
check "100,000 rows import" "$SDB" import --db "$DB" --name rows "$T/rows.csv"
eq "100,000 rows: one entry each, the last one read" "100000 Name 99999" \
	"$(q "SELECT entries FROM source WHERE name = 'rows'") $(q "SELECT value FROM claim WHERE source = 'rows' ORDER BY id DESC LIMIT 1")"
awk 'BEGIN { print "Value,Description,Reference"
	printf "200,\""; for (i = 0; i < 400000; i++) printf "a\"\"b "; printf "\",x\n"
	printf "201,y,"; for (i = 0; i < 2000000; i++) printf "["; printf "\n"
	printf "202,z,\""; for (i = 0; i < 100000; i++) printf "[RFC%d]", 1000 + i % 9000; printf "\"\n" }' >"$T/cells.csv"
check "2 MB cells import" "$SDB" import --db "$DB" --name cells "$T/cells.csv"
eq "2 MB of doubled quotes: unescaped, raw kept, both trimmed" "1599999 1999999" \
	"$(q "SELECT length(value), length(raw) FROM claim WHERE source = 'cells' AND code = 200 AND field = 'name'" | tr '|' ' ')"
eq "2 MB of unclosed brackets: one reference, as written" 2000000 \
	"$(q "SELECT length(value) FROM claim WHERE source = 'cells' AND code = 201 AND field = 'reference'")"
eq "100,000 bracketed citations: a reference each" "100000 9000 RFC 1000 RFC 9999" \
	"$(q "SELECT count(*), count(DISTINCT value), min(value), max(value) FROM claim WHERE source = 'cells' AND code = 202 AND field = 'reference'" | tr '|' ' ')"
