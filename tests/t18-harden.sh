#!/bin/sh
# t18-harden.sh - what an adversarial run found in the mediawiki, html,
# iana-xml and plaintext importers and in text.c: markup read into
# names, comments that desynchronized the HTML locator, empty names,
# malformed plain-text code lines, quadratic time, libxml2's own lines
# on stderr and its running out of memory.  Each case failed before.
. tests/lib.sh

# the whole text of "file:line:column: message" on stderr, one line
one_message() {
	[ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "^$1:[0-9]*:[0-9]*: " "$T/err"
}

# fast "what" CMD...: passes when CMD (an import) exits 0 within the
# budget of CPU time (user and system, so that a busy machine does not
# count): 5 s, or 20 s under the sanitizers.  Quadratic code took minutes
# (it is stopped after 2).
budget=5
case "$B" in *sanitize*) budget=20 ;; esac
fast() {
	what=$1; shift
	/usr/bin/time -f '%U %S' -o "$T/time" timeout 120 "$@" >"$T/out" 2>"$T/err"
	rc=$?
	took=$(tail -1 "$T/time" | awk '{ printf "%.1f", $1 + $2 }')
	if [ $rc = 0 ] && awk -v t="$took" -v b=$budget 'BEGIN { exit !(t <= b) }'; then
		echo "ok - $what (${took}s)"
	else
		echo "not ok - $what (exit $rc, ${took}s of CPU, budget ${budget}s)"
		head -3 "$T/err" | sed 's/^/#   /'
	fi
}

# --- mediawiki: markup inside names, comments, templates
cat >"$T/markup.wiki" <<'EOF'
{|
! Code !! Status !! Description !! Reference
|-
| 200 || Fine<ref name="a">a note with '''bold''' and [[a link]]</ref> Thing || A <!-- hidden --> description || [http://example.org/rfc9110 RFC 9110]
|-
| 201 || {{abbr|Created|made}} and ''{{nowrap|done}}'' || [[Target|Label]] text || {{rfc|9110}}
|-
| 202 || <nowiki>''Accepted''</nowiki>&#160;Now || &nbsp; || 
|-
| 203 || &nbsp; || &#160; || &nbsp;
|}
<!-- a table in a comment is no table
{|
! Code !! Status
|-
| 499 || Hidden
|}
-->
EOF
check "mediawiki markup: imported" "$SDB" import --db "$DB" --name wiki "$T/markup.wiki"
eq "mediawiki: <ref> dropped with its content" "Fine Thing" "$(val wiki 200 name)"
eq "mediawiki: its raw text is the cell's" "Fine<ref name=\"a\">a note with '''bold''' and [[a link]]</ref> Thing" "$(raw wiki 200 name)"
eq "mediawiki: a comment in a description is no text" "A description" "$(val wiki 200 description)"
eq "mediawiki: templates and italics" "Created and done" "$(val wiki 201 name)"
eq "mediawiki: a link is its label" "Label text" "$(val wiki 201 description)"
eq "mediawiki: {{rfc|9110}}" "RFC 9110" "$(val wiki 201 reference)"
eq "mediawiki: <nowiki> is literal, &#160; a space" "''Accepted'' Now" "$(val wiki 202 name)"
eq "mediawiki: no empty value anywhere" 0 \
	"$(q "SELECT count(*) FROM claim WHERE source = 'wiki' AND trim(value) = ''")"
eq "mediawiki: '&nbsp;' cells state nothing" 0 \
	"$(q "SELECT count(*) FROM claim WHERE source = 'wiki' AND code = 203")"
eq "mediawiki: the commented-out table is not read" 0 \
	"$(q "SELECT count(*) FROM claim WHERE source = 'wiki' AND code = 499")"
eq "mediawiki: every claim's raw text stands at its position" "" "$(spans wiki "$T/markup.wiki")"

printf '{|\n! Code !! Status\n|-\n| 200 || {{Some template|x}}\n|}\n' >"$T/tpl.wiki"
fails "mediawiki: an unknown template in a name: exit 3" 3 "$SDB" import --db "$DB" "$T/tpl.wiki"
eq "mediawiki: unknown template: message" \
	"$T/tpl.wiki:4:10: template '{{Some template}}' shows text statusdb cannot tell (it reads abbr, lang, nowrap, code, rfc and the like, and drops footnotes)" \
	"$(cat "$T/err")"

# --- html: comments as libxml2 reads them, names, nested tables
cat >"$T/comments.html" <<'EOF'
<html><body>
<table>
<tr><th>Code</th><th>Name</th><th>Description</th></tr>
<!-- closed the way libxml2 2.9 closes it --!>
<tr><td>400</td><td>Bad <!-- a note --> Request</td><td>The request is <!-- x --!> malformed</td></tr>
<tr><td>401</td><td>Unauthorized</td><td>No credentials</td></tr>
<tr><td>402</td><td>&nbsp;</td><td>&#160;</td></tr>
</table>
</body></html>
EOF
check "html comments: imported" "$SDB" import --db "$DB" --name comments "$T/comments.html"
eq "html: three entries" 3 "$(q "SELECT entries FROM source WHERE name = 'comments'")"
eq "html: a comment does not cut a name short" "Bad Request" "$(val comments 400 name)"
eq "html: its raw text holds the comment" "Bad <!-- a note --> Request" "$(raw comments 400 name)"
eq "html: a comment closed by --!> in a description" "The request is malformed" "$(val comments 400 description)"
eq "html: names after the comments" "Unauthorized" "$(val comments 401 name)"
eq "html: '&nbsp;' names and descriptions state nothing" 0 \
	"$(q "SELECT count(*) FROM claim WHERE source = 'comments' AND code = 402")"
eq "html: every claim's raw text stands at its position" "" "$(spans comments "$T/comments.html")"

cat >"$T/nested.html" <<'EOF'
<table><tr><th>Code</th><th>Name</th></tr>
<tr><td>402</td><td><table><tr><th>Code</th><th>Name</th></tr><tr><td>499</td><td>Client Closed Request</td></tr></table>Payment Required</td></tr>
</table>
EOF
check "html nested status table: imported" "$SDB" import --db "$DB" --name nested "$T/nested.html"
eq "html: the outer name is not the inner header" "Payment Required" "$(val nested 402 name)"
eq "html: the inner rows are read" "Client Closed Request" "$(val nested 499 name)"

# --- iana-xml: libxml2's text of <description>, nothing else
cat >"$T/markup.xml" <<'EOF'
<?xml version="1.0"?>
<registry xmlns="http://www.iana.org/assignments">
  <record><value>200</value><description>O<!-- comment -->K</description></record>
  <record><value>201</value><description>Cre<?pi x?>ated</description></record>
  <record><value>202</value><description>Acc<![CDATA[ep]]>ted</description></record>
  <record><value>203</value><description>Non-<b>Authoritative</b> Information</description></record>
  <record><value>204</value><description>&#160;</description></record>
</registry>
EOF
check "iana-xml markup: imported" "$SDB" import --db "$DB" --name xml "$T/markup.xml"
eq "iana-xml: a comment is no part of a name" OK "$(val xml 200 name)"
eq "iana-xml: nor a processing instruction" Created "$(val xml 201 name)"
eq "iana-xml: CDATA is text" Accepted "$(val xml 202 name)"
eq "iana-xml: a child element does not cut a name short" "Non-Authoritative Information" "$(val xml 203 name)"
eq "iana-xml: the raw text is the description's" "Non-<b>Authoritative</b> Information" "$(raw xml 203 name)"
eq "iana-xml: &#160; is an empty name" 0 "$(q "SELECT count(*) FROM claim WHERE source = 'xml' AND code = 204")"
printf '<table><tr><th>Code<th>Name<th>Description<tr><td>200<td>&zwnj;&shy;<td>&#x200B;</table>\n' >"$T/invisible.html"
check "html: names of invisible characters only: imported" "$SDB" import --db "$DB" --name inv "$T/invisible.html"
eq "html: invisible characters only: an empty cell" 0 "$(q "SELECT count(*) FROM claim WHERE source = 'inv'")"

# --- plaintext: malformed code lines are refused, not descriptions
for l in "404: Not Found" "40404 Not Found" "+404 Not Found" "404.0 Not Found" \
	 "４０４ Not Found" "404 – Not Found" "404—Not Found" "- 404 Not Found" \
	 "(404) Not Found" "404"; do
	printf '100 Continue\nA description.\n200 OK\n201 Created\n%s\n' "$l" >"$T/bad.txt"
	fails "plaintext '$l': exit 3" 3 "$SDB" import --db "$DB" --name bad "$T/bad.txt"
	check "plaintext '$l': refused at its line" grep -q "^$T/bad.txt:5:1: " "$T/err"
done
printf '100 Continue\n101 Switching Protocols\n427 Unassigned\n' >"$T/unassigned.txt"
check "plaintext: 427 Unassigned imports" "$SDB" import --db "$DB" --name unassigned "$T/unassigned.txt"
eq "plaintext: 427 Unassigned is a range" "427-427 Unassigned" \
	"$(q "SELECT first || '-' || last || ' ' || value FROM code_range WHERE source = 'unassigned'")"
eq "plaintext: not a code" 0 "$(q "SELECT count(*) FROM claim WHERE source = 'unassigned' AND code = 427")"

# --- linear time: 2 MB cells, labels and lines
awk 'BEGIN { printf "{|\n! Code !! Status !! Description\n|-\n| 200 || OK || "; for (i = 0; i < 1048576; i++) printf "[["; printf "\n|}\n" }' >"$T/brackets.wiki"
fast "mediawiki: a 2 MB description of '[['" "$SDB" import --db "$T/t.db" --name t "$T/brackets.wiki"
awk 'BEGIN { printf "{|\n! Code !! Status\n|-\n| 200 || "; for (i = 0; i < 1048576; i++) printf "[["; printf "\n|}\n" }' >"$T/brackets2.wiki"
fast "mediawiki: a 2 MB name of '[['" "$SDB" import --db "$T/t.db" --name t "$T/brackets2.wiki"
awk 'BEGIN { printf "{|\n! Code !! Status !! Reference\n|-\n| 200 || OK || "; for (i = 0; i < 60000; i++) printf "RFC  1 "; printf "\n|}\n" }' >"$T/refs.wiki"
fast "mediawiki: 400 KB of 'RFC  1 ' in a reference" "$SDB" import --db "$T/t.db" --name t "$T/refs.wiki"
eq "mediawiki: each citation its own claim" 60000 \
	"$(sqlite3 "$T/t.db" "SELECT count(*) FROM claim WHERE source = 't' AND field = 'reference'")"
awk 'BEGIN { printf "Code | Name | Reference\n---|---|---\n200 | OK | "; for (i = 0; i < 60000; i++) printf "RFC  1 "; printf "\n" }' >"$T/refs.md"
fast "gfm-table (text.c): 400 KB of 'RFC  1 '" "$SDB" import --db "$T/t.db" --name t "$T/refs.md"
awk 'BEGIN { printf "{|\n! Code !! Status\n|-\n| 200 || "; for (i = 0; i < 300000; i++) printf "{{abbr|"; printf "\n|}\n" }' >"$T/braces.wiki"
fast "mediawiki: 2 MB of unclosed templates" "$SDB" import --db "$T/t.db" --name t "$T/braces.wiki"
awk 'BEGIN { printf "{|\n! Code !! Status\n|-\n| 200 || "; for (i = 0; i < 200000; i++) printf "[http://x "; printf "\n|}\n" }' >"$T/xlinks.wiki"
fast "mediawiki: 2 MB of unclosed external links" "$SDB" import --db "$T/t.db" --name t "$T/xlinks.wiki"
awk 'BEGIN { printf "{|\n! Code !! Status\n|-\n| 200 || "; for (i = 0; i < 400000; i++) printf "<ref>"; printf "\n|}\n" }' >"$T/refs2.wiki"
fast "mediawiki: 2 MB of unclosed <ref>" "$SDB" import --db "$T/t.db" --name t "$T/refs2.wiki"
awk 'BEGIN { printf "<table><tr><th>Code<th>Name</tr><tr><td>200<td>"; for (i = 0; i < 200000; i++) printf "<!-- x --!>"; print "OK</table>" }' >"$T/comments2.html"
fast "html: 2 MB of comments closed by --!>" "$SDB" import --db "$T/t.db" --name t "$T/comments2.html"
eq "html: the name after them" OK "$(sqlite3 "$T/t.db" "SELECT value FROM claim WHERE source = 't' AND field = 'name'")"
awk 'BEGIN { printf "<table><tr><th>Code<th>Name<th>Reference</tr><tr><td>200<td>"; for (i = 0; i < 400000; i++) printf "a&amp;"; printf "<td>"; for (i = 0; i < 60000; i++) printf "RFC  1 "; print "</table>" }' >"$T/cells.html"
fast "html: a 2 MB name and 400 KB of citations" "$SDB" import --db "$T/t.db" --name t "$T/cells.html"
awk 'BEGIN { printf "<table><tr><th>Code<th>Name</tr><tr><td>200<td>"; for (i = 0; i < 400000; i++) printf "</b>x"; print "</table>" }' >"$T/stray.html"
fast "html: 2 MB of stray end tags in a name" "$SDB" import --db "$T/t.db" --name t "$T/stray.html"
awk 'BEGIN { printf "<html><body>"; for (i = 0; i < 100000; i++) printf "<body title=\"x\" "; print "><table><tr><th>Code<th>Name<tr><td>200<td>OK</table>" }' >"$T/bodies.html"
fast "html: a 1.7 MB second <body> tag, passed over by libxml2" "$SDB" import --db "$T/t.db" --name t "$T/bodies.html"
awk 'BEGIN { print "<registry xmlns=\"http://www.iana.org/assignments\"><record><value>200</value><description>";
	for (i = 0; i < 200000; i++) printf "a<!-- -->b"; print "</description></record></registry>" }' >"$T/big.xml"
fast "iana-xml: a 2 MB description with comments" "$SDB" import --db "$T/t.db" --name t "$T/big.xml"
awk 'BEGIN { for (i = 0; i < 30000; i++) printf "%d Name %d\nA description.\n", 200 + i % 300, i }' >"$T/lines.txt"
fast "plaintext: 30,000 code lines" "$SDB" import --db "$T/t.db" --format plaintext --name t "$T/lines.txt"
awk 'BEGIN { printf "100 Continue\n101 Switching\n200 "; for (i = 0; i < 100000; i++) printf "Name (x) "; printf "(Experimental)\n" }' >"$T/longline.txt"
fast "plaintext: a 900 KB name" "$SDB" import --db "$T/t.db" --format plaintext --name t "$T/longline.txt"

# --- libxml2 prints nothing of its own; its running out of memory
printf '<?xml version="1.0" encoding="EBCDIC-US"?>\n<registry xmlns="http://www.iana.org/assignments"><record><value>200</value></record></registry>\n' >"$T/ebcdic.xml"
fails "iana-xml declared EBCDIC: exit 3" 3 "$SDB" import --db "$DB" --format iana-xml "$T/ebcdic.xml"
check "iana-xml declared EBCDIC: statusdb's message alone on stderr" one_message "$T/ebcdic.xml"
printf '<?xml version="1.0" encoding="UTF-16"?>\n<registry xmlns="http://www.iana.org/assignments"><record><value>200</value></record></registry>\n' >"$T/utf16.xml"
fails "iana-xml declared UTF-16: exit 3" 3 "$SDB" import --db "$DB" --format iana-xml "$T/utf16.xml"
check "iana-xml declared UTF-16: statusdb's message alone on stderr" one_message "$T/utf16.xml"

# libxml2 running out of memory on a 27 MB registry (statusdb's own
# allocations are far smaller): exit 70, never "malformed" or partial
if ldd "$SDB" 2>/dev/null | grep -q 'libasan'; then
	echo "skip - libxml2 out of memory: ulimit -v and ASan do not mix"
else
	awk 'BEGIN { print "<registry xmlns=\"http://www.iana.org/assignments\"><registry id=\"http-status-codes-1\">"
		for (i = 0; i < 250000; i++)
			printf "<record><value>%d</value><description>Name %d</description><xref type=\"rfc\" data=\"rfc%d\"/></record>\n", 200 + i % 300, i, i
		print "</registry></registry>" }' >"$T/huge.xml"
	fails "iana-xml, libxml2 out of memory: exit 70" 70 \
		sh -c 'ulimit -v 200000 && exec "$@"' sh "$SDB" import --db "$T/oom.db" --format iana-xml "$T/huge.xml"
	eq "iana-xml, libxml2 out of memory: message" \
		"statusdb: fatal: out of memory (libxml2, reading $T/huge.xml)" "$(cat "$T/err")"
	awk 'BEGIN { print "<table><tr><th>Code<th>Name"
		for (i = 0; i < 300000; i++) printf "<tr><td>%d<td>Name %d<td>x<td>y<td>z\n", 200 + i % 300, i
		print "</table>" }' >"$T/huge.html"
	fails "html, libxml2 out of memory: exit 70" 70 \
		sh -c 'ulimit -v 200000 && exec "$@"' sh "$SDB" import --db "$T/oom.db" --format html "$T/huge.html"
	eq "html, libxml2 out of memory: message" \
		"statusdb: fatal: out of memory (libxml2, reading $T/huge.html)" "$(cat "$T/err")"
fi
