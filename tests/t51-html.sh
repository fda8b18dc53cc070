#!/bin/sh
# t51-html.sh - HTML and XHTML: the IANA registry's 2015 page
# (tests/data/iana-2015-02-20.xhtml), link-annotated lists, messy tables;
# each claim's span in the file; pages without codes or with bad ones.
. tests/lib.sh

X=tests/data/iana-2015-02-20.xhtml

range() { q "SELECT first || '-' || last || ' ' || value FROM code_range WHERE source = 'iana-html' AND first = $1"; }


check "import the 2015 registry page (format guessed)" \
	"$SDB" import --db "$DB" --name iana-html "$X"
eq "guessed as html" html "$(q "SELECT format FROM source WHERE name = 'iana-html'")"

rows=$(grep -c '<td align="center">' "$X")
eq "the page has 70 rows" 70 "$rows"
eq "one entry per row" "$rows" "$(q "SELECT entries FROM source WHERE name = 'iana-html'")"
eq "59 codes" 59 "$(q "SELECT count(DISTINCT code) FROM claim WHERE source = 'iana-html'")"
eq "11 ranges" 11 "$(q "SELECT count(*) FROM code_range WHERE source = 'iana-html'")"
eq "103-199 is a range" "103-199 Unassigned" "$(range 103)"
eq "418-420 is a range" "418-420 Unassigned" "$(range 418)"
eq "432-499 is a range" "432-499 Unassigned" "$(range 432)"
eq "425 Unassigned is a range of one" "425-425 Unassigned" "$(range 425)"
eq "509 Unassigned is a range of one" "509-509 Unassigned" "$(range 509)"
eq "range position" "Unassigned 78:15-78:24" \
	"$(q "SELECT raw || ' ' || line || ':' || \"column\" || '-' || end_line || ':' || end_column FROM code_range WHERE source = 'iana-html' AND first = 103")"
eq "no claims for codes in ranges" 0 \
	"$(q "SELECT count(*) FROM claim WHERE source = 'iana-html' AND (code BETWEEN 103 AND 199 OR code IN (425, 509))")"

eq "413 name from the Description column" "Payload Too Large" "$(val iana-html 413 name)"
eq "413 name position" "258:15-258:31" "$(pos iana-html 413 name)"
eq "422 name as in 2015" "Unprocessable Entity" "$(val iana-html 422 name)"
eq "306 (Unused) is a note" Unused "$(val iana-html 306 note)"
eq "306 has no name" "" "$(val iana-html 306 name)"
eq "413 class is the heading above the table" "HTTP Status Codes" "$(val iana-html 413 class)"
eq "class position: the heading's text" "30:68-30:84" "$(pos iana-html 413 class)"

eq "101 label cites RFC 7231 section 6.2.2" "RFC 7231 6.2.2" \
	"$(q "SELECT value || ' ' || section FROM claim WHERE source = 'iana-html' AND code = 101 AND field = 'reference'")"
eq "101 label raw and position" "RFC7231, Section 6.2.2 69:57-69:78" \
	"$(q "SELECT raw || ' ' || line || ':' || \"column\" || '-' || end_line || ':' || end_column FROM claim WHERE source = 'iana-html' AND code = 101 AND field = 'reference'")"
eq "101 target" "RFC 7231 http://www.iana.org/go/rfc7231 69:25" \
	"$(q "SELECT value || ' ' || url || ' ' || line || ':' || \"column\" FROM claim WHERE source = 'iana-html' AND code = 101 AND field = 'reference_target'")"
eq "101 label and target share their link" "1 2" \
	"$(q "SELECT count(DISTINCT link) || ' ' || count(*) FROM claim WHERE source = 'iana-html' AND code = 101 AND field LIKE 'reference%'")"
eq "308 points to a draft" draft-ietf-httpbis-rfc7238bis-03 "$(val iana-html 308 reference_target)"
eq "308 label RFC-ietf-... names the same draft" draft-ietf-httpbis-rfc7238bis-03 "$(val iana-html 308 reference)"
eq "421 label with section" "draft-ietf-httpbis-http2-17 9.1.2" \
	"$(q "SELECT value || ' ' || section FROM claim WHERE source = 'iana-html' AND code = 421 AND field = 'reference'")"
eq "no link finding on the 2015 page" 0 "$(q "SELECT count(*) FROM finding WHERE kind = 'link'")"
eq "421 points to a draft" draft-ietf-httpbis-http2-17 "$(val iana-html 421 reference_target)"
eq "421 target url" http://www.iana.org/go/draft-ietf-httpbis-http2-17 \
	"$(q "SELECT url FROM claim WHERE source = 'iana-html' AND code = 421 AND field = 'reference_target'")"
eq "510 cites RFC 2774" "RFC 2774" "$(val iana-html 510 reference)"
eq "links outside the table give no claims" 0 \
	"$(q "SELECT count(*) FROM claim WHERE source = 'iana-html' AND field <> 'class' AND line < 52")"
eq "every claim's raw text stands at its position" "" "$(spans iana-html "$X")"

# a link-annotated page: "NNN: Name" links, titles, spec links after them
cat >"$T/links.html" <<'EOF'
<!DOCTYPE html>
<html><head><title>Status codes</title>
<script>var x = "<a href='/100'>100: Fake</a>";</script>
</head><body>
<ul>
  <li><a href="/413" title="The 413 (Payload Too Large) status code &amp; &quot;more&quot;
     over two lines">413: Payload Too Large</a> | <a href="/specs/rfc7231#section-6.5.11">RFC 7231</a></li>
  <li><a href='/418' title='teapot'><code>418: I&#39;m a teapot</code></a> <a href=/specs/rfc2324>RFC 2324</a></li>
  <!-- <li><a href="/499">499: Commented Out</a></li> -->
  <li><a href="/451" title="legal">451: Unavailable For Legal Reasons (Experimental)</a><br><a href="/x">After a break</a></li>
</ul>
<p><a href="/other">Not a code</a> <a href="/spec">RFC 1</a></p>
<p><A HREF="/404" TITLE="Not here">404: Caf&eacute; Not Found</A></p>
</body></html>
EOF
check "link-annotated page" "$SDB" import --db "$DB" --name links "$T/links.html"
eq "links: four entries, in file order" "413 418 451 404" \
	"$(q "SELECT group_concat(code, ' ') FROM (SELECT DISTINCT entry, code FROM claim WHERE source = 'links' ORDER BY entry)")"
eq "links: 413 name" "Payload Too Large" "$(val links 413 name)"
eq "links: 413 name position" "7:27-7:43" "$(pos links 413 name)"
eq "links: 413 title is the description, entities decoded" \
	'The 413 (Payload Too Large) status code & "more" over two lines' "$(val links 413 description)"
eq "links: 413 description spans the title's two lines" "6:29-7:19" "$(pos links 413 description)"
eq "links: 413 spec link label" "RFC 7231" "$(val links 413 reference)"
eq "links: 413 spec link target and section" "RFC 7231 6.5.11 /specs/rfc7231#section-6.5.11" \
	"$(q "SELECT value || ' ' || section || ' ' || url FROM claim WHERE source = 'links' AND code = 413 AND field = 'reference_target'")"
eq "links: 418 name, &#39; decoded" "I'm a teapot" "$(val links 418 name)"
eq "links: 418 name raw" "I&#39;m a teapot" "$(raw links 418 name)"
eq "links: 418 unquoted href" /specs/rfc2324 \
	"$(q "SELECT url FROM claim WHERE source = 'links' AND code = 418 AND field = 'reference_target'")"
eq "links: 451 (Experimental) is a note" Experimental "$(val links 451 note)"
eq "links: 451 link after <br> is not its reference" 0 \
	"$(q "SELECT count(*) FROM claim WHERE source = 'links' AND code = 451 AND field LIKE 'reference%'")"
eq "links: 404 upper-case tags, &eacute; decoded" "Café Not Found" "$(val links 404 name)"
eq "links: no code from the script or the comment" 0 \
	"$(q "SELECT count(*) FROM claim WHERE source = 'links' AND code IN (100, 499)")"
eq "links: every claim's raw text stands at its position" "" "$(spans links "$T/links.html")"

# a messy table on one line: no header cells, a column to skip, a nested
# table, a caption row, a class row, implied end tags, a comment
printf '<table><tr><td>Code<td>Notes<td>Name<td>Description</tr><tr><td>200<td><table><tr><td>nested</td><td>999</td></tr></table><td>OK<td>All &amp; fine</tr><tr><td colspan=4>3xx: Redirection</td></tr><tr><td>4xx<td><td>Client Error<td></tr><TR><TD title="a>b">202<TD>skip<!-- <td>299</td> --><TD>Accepted (Experimental)<TD>Later</TR></table>\n' >"$T/messy.html"
check "messy table" "$SDB" import --db "$DB" --format html --name messy "$T/messy.html"
eq "messy: codes" "200 202" "$(q "SELECT group_concat(code, ' ') FROM (SELECT DISTINCT code FROM claim WHERE source = 'messy' ORDER BY code)")"
eq "messy: 200 name" "OK" "$(val messy 200 name)"
eq "messy: 200 name position, after the nested table" "1:127-1:128" "$(pos messy 200 name)"
eq "messy: 200 description" "All & fine" "$(val messy 200 description)"
eq "messy: 202 name" "Accepted" "$(val messy 202 name)"
eq "messy: 202 note" "Experimental" "$(val messy 202 note)"
eq "messy: every claim's raw text stands at its position" "" "$(spans messy "$T/messy.html")"

# pages that state no codes, or bad ones: exit 3, "file:line:column: ..."
printf '<html><body>\n<table>\n<tr><th>Code</th><th>Name</th></tr>\n<tr><td>200</td><td>OK</td></tr>\n<tr><td>\n  4O4</td><td>Not Found</td></tr>\n</table>\n' >"$T/badcode.html"
fails "table code 4O4: exit 3" 3 "$SDB" import --db "$DB" --name badcode "$T/badcode.html"
eq "table code 4O4: message at the cell's text" \
	"$T/badcode.html:6:3: invalid status code '4O4': want three digits, 100 to 599" "$(cat "$T/err")"
eq "table code 4O4: nothing imported" 0 "$(q "SELECT count(*) FROM source WHERE name = 'badcode'")"
printf '<ul>\n<li><a href="/x" title="t">4O4: Not Found</a></li>\n</ul>\n' >"$T/badlink.html"
fails "link code 4O4: exit 3" 3 "$SDB" import --db "$DB" --format html "$T/badlink.html"
eq "link code 4O4: message" "$T/badlink.html:2:28: invalid status code '4O4': want three digits, 100 to 599" \
	"$(cat "$T/err")"
printf '<html><body><p>No codes here.</p><table><tr><th>Fruit</th></tr><tr><td>200</td></tr></table></body></html>\n' >"$T/none.html"
fails "no status table, no code links: exit 3" 3 "$SDB" import --db "$DB" "$T/none.html"
eq "no status table, no code links: message" \
	"$T/none.html:1:1: no status codes found (want a table with a Code column, or links such as <a>404: Not Found</a>)" \
	"$(cat "$T/err")"
awk 'BEGIN { printf "<html><body>"; for (i = 0; i < 100000; i++) printf "<div>"
	print "<table><tr><th>Code<th>Name<tr><td>200<td>OK</table>" }' >"$T/deep.html"
fails "100,000 nested elements: exit 3" 3 "$SDB" import --db "$DB" --name deep "$T/deep.html"
eq "100,000 nested elements: libxml2's depth limit, with a position" 1 \
	"$(grep -c "^$T/deep.html:1:[0-9]*: malformed html: Excessive depth" "$T/err")"
