#!/bin/sh
# t17-markdown.sh - Markdown as people keep it, through the CLI: a README
# table with class rows, a link list without colons, MDN's page, each
# imported without --format; bad codes refused at their place with the
# database unchanged; cmark's pathological inputs (tests/pathological.py)
# in a table cell, a link-list entry and an MDN definition, each imported
# or refused within a time bound; cmark-gfm out of memory exits 70.
. tests/lib.sh

G=tests/data/golden
others() { q "SELECT count(*) || ' ' || total(id) || ' ' || total(length(value)) FROM claim"; }

# know-your-http-well: tables under ### 1xx headings, class rows, links
check "know-your-http-well imports without --format" \
	"$SDB" import --db "$DB" --name kyhw "$G/gfm-table/know-your-http-well.in"
check "know-your-http-well is read as gfm-table" grep -q "(gfm-table)$" "$T/out"
eq "kyhw: 57 codes, the class rows not among them" 57 \
	"$(q "SELECT count(DISTINCT code) FROM claim WHERE source = 'kyhw'")"
eq "kyhw: 404's name, where it stands" "Not Found 59:9-59:17" \
	"$(val kyhw 404 name) $(pos kyhw 404 name)"
eq "kyhw: 404's class from the 4xx class row" "Client Error|**Client Error**|54:9-54:24" \
	"$(q "SELECT value || '|' || raw || '|' || line || ':' || \"column\" || '-' || end_line || ':' || end_column FROM claim WHERE source = 'kyhw' AND code = 404 AND field = 'class'")"
eq "kyhw: 404's two references" "RFC 7231
RFC 2616" "$(val kyhw 404 reference)"
eq "kyhw: 404's two targets with sections" "RFC 7231 6.5.4
RFC 2616 10.4.5" \
	"$(q "SELECT value || ' ' || section FROM claim WHERE source = 'kyhw' AND code = 404 AND field = 'reference_target' ORDER BY id")"
eq "kyhw: 102 (under Extensions) has no class" 0 \
	"$(q "SELECT count(*) FROM claim WHERE source = 'kyhw' AND code = 102 AND field = 'class'")"
eq "kyhw: 306 has no name, a note unused" "|unused" "$(val kyhw 306 name)|$(val kyhw 306 note)"
eq "kyhw: every claim's raw text is in the file where it says" "" \
	"$(spans kyhw "$G/gfm-table/know-your-http-well.in")"

# MDN's page: definition lists of {{HTTPStatus(...)}} terms
check "MDN's page imports without --format" \
	"$SDB" import --db "$DB" --name mdn "$G/mdn/mdn-status-2025.in"
check "MDN's page is read as mdn" grep -q "(mdn)$" "$T/out"
eq "mdn: 63 codes" 63 "$(q "SELECT count(DISTINCT code) FROM claim WHERE source = 'mdn'")"
eq "mdn: 413's name from inside the macro" "Content Too Large 137:26-137:42" \
	"$(val mdn 413 name) $(pos mdn 413 name)"
eq "mdn: 102 from a code span, deprecated" "Processing deprecated" \
	"$(val mdn 102 name) $(val mdn 102 note)"
eq "mdn: 101's description with its macro rendered" \
	"This code is sent in response to an Upgrade request header from the client and indicates the protocol the server is switching to." \
	"$(val mdn 101 description)"
eq "mdn: 404's class" "Client error responses" "$(val mdn 404 class)"
eq "mdn: every claim's raw text is in the file where it says" "" \
	"$(spans mdn "$G/mdn/mdn-status-2025.in")"

# webconcepts' current page: [`100 Continue`](url "description")
check "webconcepts' page imports without --format" \
	"$SDB" import --db "$DB" --name wc "$G/linklist/webconcepts-2023.in"
check "webconcepts' page is read as linklist" grep -q "(linklist)$" "$T/out"
eq "wc: 205's name" "Reset Content" "$(val wc 205 name)"
eq "wc: 205's description from the link's title, entities decoded" 1 \
	"$(q "SELECT count(*) FROM claim WHERE source = 'wc' AND code = 205 AND field = 'description' AND value LIKE '%reset the \"document view\", which%'")"

# bad codes: refused where they stand, nothing stored
before=$(others)
fails "a link '40404: Not Found': exit 3" 3 \
	"$SDB" import --db "$DB" --name bad "$G/linklist/bad-code-five-digits.in"
eq "a link '40404: Not Found': message" \
	"$G/linklist/bad-code-five-digits.in:6:5: invalid status code '40404': want three digits, 100 to 599" "$(cat "$T/err")"
fails "a link '+404: Not Found': exit 3" 3 \
	"$SDB" import --db "$DB" --name bad "$G/linklist/bad-code-sign.in"
check "a link '+404: Not Found': message" grep -q ":5:5: invalid status code '+404'" "$T/err"
fails "an MDN term whose text names another code: exit 3" 3 \
	"$SDB" import --db "$DB" --name bad "$G/mdn/code-and-text-disagree.in"
check "an MDN term whose text names another code: message" \
	grep -q ":5:22: status code 404 and its text '405 Method Not Allowed' disagree" "$T/err"
fails "a Constant cell of two words: exit 3" 3 \
	"$SDB" import --db "$DB" --name bad "$G/gfm-table/bad-identifier.in"
check "a Constant cell of two words: message" \
	grep -q ":6:21: identifier 'Not Found' of 404 is not one word" "$T/err"
eq "the refused files changed nothing" "$before" "$(others)"

# cmark's pathological inputs, each imported or refused within the bound
# (an idle machine takes under 2 s for each; the library itself is most
# of it).  A crash or a hang fails.
limit=10
case "$B" in *sanitize*) limit=30 ;; esac
python3 tests/pathological.py "$T/patho"
for f in "$T"/patho/*/*.md; do
	fmt=$(basename "$(dirname "$f")")
	name="$fmt/$(basename "$f" .md)"
	rm -f "$T/p.db"
	start=$(date +%s%N)
	timeout $((limit * 3)) "$SDB" import --db "$T/p.db" --format "$fmt" --name p "$f" >"$T/out" 2>"$T/err"
	rc=$?
	ms=$((($(date +%s%N) - start) / 1000000))
	if [ $rc = 0 ] || { [ $rc = 3 ] && grep -q ':[0-9]*:[0-9]*: ' "$T/err"; }; then
		if [ $ms -lt $((limit * 1000)) ]; then
			echo "ok - pathological $name: exit $rc in ${ms} ms"
		else
			echo "not ok - pathological $name: ${ms} ms, over ${limit} s"
		fi
	else
		echo "not ok - pathological $name: exit $rc"
		head -3 "$T/err" | sed 's/^/#   /'
	fi
done
# the crash this guards against: 50,000 nested emphases in a cell
rm -f "$T/p.db"
check "nested strong emphasis in a cell imports" \
	"$SDB" import --db "$T/p.db" --format gfm-table --name p "$T/patho/gfm-table/nested-strong-emph.md"
# "*a **a " 50,000 times, "b", " a** a*" 50,000 times: the text without its marks
eq "nested strong emphasis: the description is whole" 400001 \
	"$(sqlite3 "$T/p.db" "SELECT length(value) FROM claim WHERE field = 'description'")"

# a table's header far wider than its rows: cmark-gfm 0.29.0.gfm.6 fills
# every row out to its header (here 900 columns over 20,000 one-letter
# lines, 18 million cells, 4 GB).  Refused at the line where the parser
# passed its memory limit (md.h), which is inside those rows.
w=$T/patho/gfm-table/wide-header-short-rows.md
fails "wide header over short rows: refused" 3 \
	"$SDB" import --db "$DB" --name wide --format gfm-table "$w"
rest=$(cat "$T/err"); rest=${rest#"$w:"}; line=${rest%%:*}
eq "wide header over short rows: the message" \
	"1: by this line the Markdown parser has asked for more memory than it may (512 bytes per byte of the file, plus 64 MiB): has a table's header many more columns than its rows?" \
	"${rest#*:}"
case $line in
[0-9]*) inside=$(( line >= 3 && line <= 20002 )) ;;
*) inside=0 ;;
esac
eq "wide header over short rows: the line is one of the rows ($line)" 1 "$inside"
eq "wide header over short rows: nothing stored" 0 \
	"$(q "SELECT count(*) FROM source WHERE name = 'wide'")"
# within the limit: 900 columns of empty cells in every row (about 360
# bytes of parser memory per byte, 130 MB for a 360 KB file)
awk 'BEGIN {
	printf "|Code|Name|"; for (i = 0; i < 898; i++) printf "x|"; printf "\n|-|-|"
	for (i = 0; i < 898; i++) printf "-|"; printf "\n"
	for (r = 0; r < 400; r++) {
		printf "|%d|N%d|", 100 + r, r; for (i = 0; i < 898; i++) printf "|"; printf "\n"
	}
}' >"$T/dense.md"
check "a table of 900 columns of empty cells imports" \
	"$SDB" import --db "$DB" --name dense --format gfm-table "$T/dense.md"
eq "the table of empty cells: 400 codes, 499's name" "400 N399" \
	"$(q "SELECT count(DISTINCT code) FROM claim WHERE source = 'dense'") $(val dense 499 name)"

# nesting: each inline cmark-gfm adds walks up to the root, so a
# paragraph 20,000 block quotes down is quadratic (a fuzzer found one
# taking 11 s under ASan).  A line nesting past 256 levels is refused
# where it passes them; at 256, 500 KB of inlines cost 1.3 times what
# they cost at 100.
table='\n\nCode | Name\n---|---\n100 | Continue\n'
nest() {  # NAME PREFIX COUNT REST: writes $T/NAME.md
	awk -v p="$2" -v k="$3" -v r="$4" -v t="$table" 'BEGIN {
		for (i = 0; i < k; i++) printf "%s", p; printf "%s%s", r, t }' >"$T/$1.md"
}
nest quotes "> " 257 "a"
fails "257 nested block quotes: refused" 3 \
	"$SDB" import --db "$DB" --name quotes --format gfm-table "$T/quotes.md"
eq "257 nested block quotes: where the 257th stands" \
	"$T/quotes.md:1:513: block quotes and lists nest deeper than 256 levels here (counting a level for each column of indentation); refused" \
	"$(cat "$T/err")"
nest heading "> " 300 "# [a[a[a"
fails "a heading 300 block quotes down: refused" 3 \
	"$SDB" import --db "$DB" --name heading --format linklist "$T/heading.md"
eq "a heading 300 block quotes down: where" "$T/heading.md:1:513" "$(cut -d: -f1-3 "$T/err")"
l=$T/patho/mdn/deeply-nested-lists.md
fails "cmark's 1,000 nested lists: refused" 3 \
	"$SDB" import --db "$DB" --name lists --format mdn "$l"
eq "cmark's 1,000 nested lists: at the marker after 256 columns of indentation" \
	"$l:129:257" "$(cut -d: -f1-3 "$T/err")"
nest deep "> " 256 "a"
check "256 nested block quotes import" \
	"$SDB" import --db "$DB" --name deep --format gfm-table "$T/deep.md"
eq "256 nested block quotes: the table after them" "Continue" "$(val deep 100 name)"
nest blank " " 5000 ""
check "a line of 5,000 spaces imports" \
	"$SDB" import --db "$DB" --name blank --format gfm-table "$T/blank.md"
eq "a line of 5,000 spaces: the table after it" "Continue" "$(val blank 100 name)"
eq "none of the refused files stored anything" 0 \
	"$(q "SELECT count(*) FROM source WHERE name IN ('quotes', 'heading', 'lists')")"

# cells: a row of c cells costs c * c, so a line may have 1,000 "|" (a
# "|" escaped splits no cell)
awk 'BEGIN { printf "Code | Name"; for (i = 0; i < 999; i++) printf " | x"
	printf "\n-|-"; for (i = 0; i < 999; i++) printf "|-"; printf "|\n100 | Continue\n" }' >"$T/cells.md"
fails "a line of 1,001 \"|\": refused" 3 \
	"$SDB" import --db "$DB" --name cells --format gfm-table "$T/cells.md"
eq "a line of 1,001 \"|\": at the 1,001st" \
	"$T/cells.md:2:2002: more than 1000 \"|\" not escaped on this line (a table row's time grows with the square of its cells); refused" \
	"$(cat "$T/err")"
sed -i '2s/-|$/-/' "$T/cells.md"
check "1,000 \"|\" on each line import" \
	"$SDB" import --db "$DB" --name cells --format gfm-table "$T/cells.md"
eq "1,000 \"|\": 100's name" "Continue" "$(val cells 100 name)"
awk 'BEGIN { printf "| Code | Name | Note |\n|-|-|-|\n| 100 | Continue | "
	for (i = 0; i < 2000; i++) printf "\\|"; printf " |\n" }' >"$T/pipes.md"
check "2,000 escaped pipes in a cell import" \
	"$SDB" import --db "$DB" --name pipes --format gfm-table "$T/pipes.md"
eq "2,000 escaped pipes: the name after them" "Continue" "$(val pipes 100 name)"

# images: a link closed walks past every "![" still open in its paragraph
awk 'BEGIN { printf "Code | Name\n---|---\n100 | Continue\n\n"
	for (i = 0; i < 16000; i++) printf "![[]()"; printf "\n" }' >"$T/bang.md"
fails "16,000 \"![[]()\": refused" 3 \
	"$SDB" import --db "$DB" --name bang --format gfm-table "$T/bang.md"
eq "16,000 \"![[]()\": where the product passes 100,000,000" \
	"$T/bang.md:5:60001: 10001 image openers (\"![\") and 10000 closing brackets since line 5, with no blank line between: the time for them grows with their product, over 100000000 here; refused" \
	"$(cat "$T/err")"
awk 'BEGIN { printf "Code | Name\n---|---\n100 | Continue\n"
	for (r = 0; r < 200; r++) { printf "\n"; for (i = 0; i < 100; i++) printf "![[]()"; printf "\n" } }' >"$T/bangs.md"
check "the same openers in paragraphs of 100 import" \
	"$SDB" import --db "$DB" --name bangs --format gfm-table "$T/bangs.md"
awk 'BEGIN { printf "Code | Name\n---|---\n100 | Continue\n\n"
	for (i = 0; i < 16000; i++) printf "\\![[]()"; printf "\n" }' >"$T/escaped.md"
check "16,000 escaped \"\\![[]()\" import" \
	"$SDB" import --db "$DB" --name escaped --format gfm-table "$T/escaped.md"
eq "none of these refused files stored anything" 0 \
	"$(q "SELECT count(*) FROM source WHERE name = 'bang'")"

# out of memory inside cmark-gfm: exit 70 and a message, not abort()
case "$B" in
*sanitize*)
	echo "# skip: out of memory under ulimit -v (AddressSanitizer reserves more address space than any limit)"
	;;
*)
	awk 'BEGIN { printf "| Code | Name |\n|---|---|\n"; for (i = 0; i < 1000000; i++) printf "| 200 | OK |\n" }' >"$T/huge.md"
	( ulimit -v 250000; exec "$SDB" import --db "$T/oom.db" --name oom "$T/huge.md" ) >"$T/out" 2>"$T/err"
	eq "out of memory in cmark-gfm: exit 70" 70 "$?"
	check "out of memory in cmark-gfm: says so" \
		grep -q "^statusdb: fatal: out of memory in the Markdown parser" "$T/err"
	;;
esac
