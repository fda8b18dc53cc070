#!/bin/sh
# t50-iana-xml.sh - the IANA registry's own XML (sources/iana-registry/http-status-codes-2025-09-15.xml):
# codes, ranges, notes, references and the version, each claim's span in
# the file; broken, hostile and misnumbered registries refused or defused.
. tests/lib.sh

X=sources/iana-registry/http-status-codes-2025-09-15.xml

range() { q "SELECT first || '-' || last || ' ' || value FROM code_range WHERE source = 'iana-xml' AND first = $1"; }


check "import the 2025 registry (format guessed)" \
	"$SDB" import --db "$DB" --name iana-xml "$X"
eq "guessed as iana-xml" iana-xml "$(q "SELECT format FROM source WHERE name = 'iana-xml'")"
eq "version is the registry's <updated>" 2025-09-15 \
	"$(q "SELECT version FROM source WHERE name = 'iana-xml'")"

records=$(grep -c '<record' "$X")
eq "the file has 75 records" 75 "$records"
eq "one entry per record" "$records" "$(q "SELECT entries FROM source WHERE name = 'iana-xml'")"
eq "64 codes" 64 "$(q "SELECT count(DISTINCT code) FROM claim WHERE source = 'iana-xml'")"
eq "11 ranges" 11 "$(q "SELECT count(*) FROM code_range WHERE source = 'iana-xml'")"
eq "codes and ranges make the records" "$records" \
	"$(q "SELECT (SELECT count(DISTINCT code) FROM claim WHERE source = 'iana-xml') + (SELECT count(*) FROM code_range WHERE source = 'iana-xml')")"

# ranges: "105-199 Unassigned", and one code described "Unassigned"
eq "105-199 is a range" "105-199 Unassigned" "$(range 105)"
eq "419-420 is a range" "419-420 Unassigned" "$(range 419)"
eq "432-450 is a range" "432-450 Unassigned" "$(range 432)"
eq "512-599 is a range" "512-599 Unassigned" "$(range 512)"
eq "509 Unassigned is a range of one" "509-509 Unassigned" "$(range 509)"
eq "range raw and position" "Unassigned 44:20-44:29" \
	"$(q "SELECT raw || ' ' || line || ':' || \"column\" || '-' || end_line || ':' || end_column FROM code_range WHERE source = 'iana-xml' AND first = 105")"
eq "no claims for codes in ranges" 0 \
	"$(q "SELECT count(*) FROM claim WHERE source = 'iana-xml' AND (code BETWEEN 105 AND 199 OR code = 509)")"

# names and their annotations
eq "413 name" "Content Too Large" "$(val iana-xml 413 name)"
eq "413 name position" "220:20-220:36" "$(pos iana-xml 413 name)"
eq "422 name" "Unprocessable Content" "$(val iana-xml 422 name)"
eq "306 (Unused) is a note" Unused "$(val iana-xml 306 note)"
eq "306 has no name" "" "$(val iana-xml 306 name)"
eq "418 (Unused) is a note" Unused "$(val iana-xml 418 note)"
eq "418 has no name" "" "$(val iana-xml 418 name)"
eq "510 name without (OBSOLETED)" "Not Extended" "$(val iana-xml 510 name)"
eq "510 OBSOLETED is a note" OBSOLETED "$(val iana-xml 510 note)"
eq "104 name" "Upload Resumption Supported" "$(val iana-xml 104 name)"
eq "104 TEMPORARY annotation is a note" \
	"TEMPORARY - registered 2024-11-13, extension registered 2025-09-15, expires 2026-11-13" \
	"$(val iana-xml 104 note)"
eq "no class claims from the XML" 0 \
	"$(q "SELECT count(*) FROM claim WHERE source = 'iana-xml' AND field = 'class'")"
eq "no descriptions: the Description is the name" 0 \
	"$(q "SELECT count(*) FROM claim WHERE source = 'iana-xml' AND field = 'description'")"

# references
eq "413 cites RFC 9110 section 15.5.14" "RFC 9110 15.5.14" \
	"$(q "SELECT value || ' ' || section FROM claim WHERE source = 'iana-xml' AND code = 413 AND field = 'reference'")"
eq "413 reference raw is the xref text" "RFC9110, Section 15.5.14" "$(raw iana-xml 413 reference)"
eq "413 reference position" "221:39-221:62" "$(pos iana-xml 413 reference)"
eq "102 reference from the data attribute" "RFC 2518 rfc2518" \
	"$(q "SELECT value || ' ' || raw FROM claim WHERE source = 'iana-xml' AND code = 102 AND field = 'reference'")"
eq "102 reference has no section" 1 \
	"$(q "SELECT section IS NULL FROM claim WHERE source = 'iana-xml' AND code = 102 AND field = 'reference'")"
eq "104 cites its draft" draft-ietf-httpbis-resumable-upload-05 "$(val iana-xml 104 reference)"
eq "510 references in file order: a uri xref is its label" "RFC 2774
Status change of HTTP experiments to Historic" "$(val iana-xml 510 reference)"
eq "510 uri xref label: raw and position of the element's text" \
	"Status change of HTTP experiments to Historic 371:107-371:151" \
	"$(q "SELECT raw || ' ' || line || ':' || \"column\" || '-' || end_line || ':' || end_column FROM claim WHERE source = 'iana-xml' AND code = 510 AND field = 'reference' AND link > 0")"
eq "510 uri xref is a target" https://datatracker.ietf.org/doc/status-change-http-experiments-to-historic \
	"$(q "SELECT url FROM claim WHERE source = 'iana-xml' AND code = 510 AND field = 'reference_target'")"
eq "510 canonical reference: the label, with the URL of its link" \
	"Status change of HTTP experiments to Historic https://datatracker.ietf.org/doc/status-change-http-experiments-to-historic" \
	"$(q "SELECT document || ' ' || url FROM canonical_reference WHERE code = 510 AND ord = 2")"
eq "510 label and a URL naming no document: no link finding" 0 \
	"$(q "SELECT count(*) FROM finding WHERE code = 510")"
eq "510 uri reference and target share a link" "reference reference_target" \
	"$(q "SELECT group_concat(field, ' ') FROM claim WHERE source = 'iana-xml' AND code = 510 AND link = (SELECT link FROM claim WHERE source = 'iana-xml' AND code = 510 AND field = 'reference_target')")"
eq "every claim's raw text stands at its position" "" "$(spans iana-xml "$X")"
eq "every claim is on one line" 0 \
	"$(q "SELECT count(*) FROM claim WHERE source = 'iana-xml' AND line <> end_line")"

# broken registries: exit 3, "file:line:column: ...", nothing imported
printf '<?xml version="1.0"?>\n<registry xmlns="http://www.iana.org/assignments">\n  <registry id="http-status-codes-1">\n    <record><value>200</value><description>OK</descriptio>\n    </record>\n  </registry>\n</registry>\n' >"$T/broken.xml"
fails "malformed XML: exit 3" 3 "$SDB" import --db "$DB" --name broken "$T/broken.xml"
eq "malformed XML: libxml2's message at its line" "$T/broken.xml:4" \
	"$(sed -n 's/^\(.*\):[0-9]*: malformed xml: Opening and ending tag mismatch: .*/\1/p' "$T/err")"
eq "malformed XML: nothing imported" 0 "$(q "SELECT count(*) FROM source WHERE name = 'broken'")"

printf '<registry xmlns="http://www.iana.org/assignments">\n  <record>\n    <value>200</value>\n  </record>\n  <record>\n    <value>4O4</value>\n  </record>\n</registry>\n' >"$T/badcode.xml"
fails "code 4O4: exit 3" 3 "$SDB" import --db "$DB" --name badcode "$T/badcode.xml"
eq "code 4O4: message at the value" \
	"$T/badcode.xml:6:12: invalid status code '4O4': want three digits, 100 to 599 or a range such as 105-199" \
	"$(cat "$T/err")"
eq "code 4O4: nothing imported" 0 "$(q "SELECT count(*) FROM source WHERE name = 'badcode'")"
printf '<registry xmlns="http://www.iana.org/assignments">\n<record><value>99</value></record>\n</registry>\n' >"$T/code99.xml"
fails "code 99: exit 3" 3 "$SDB" import --db "$DB" "$T/code99.xml"
eq "code 99: message" "$T/code99.xml:2:16: invalid status code '99': want three digits, 100 to 599 or a range such as 105-199" "$(cat "$T/err")"
printf '<registry xmlns="http://www.iana.org/assignments">\n<record><value>600</value></record>\n</registry>\n' >"$T/code600.xml"
fails "code 600: exit 3" 3 "$SDB" import --db "$DB" "$T/code600.xml"
printf '<registry xmlns="http://www.iana.org/assignments">\n<record><value>199-105</value></record>\n</registry>\n' >"$T/backwards.xml"
fails "range 199-105: exit 3" 3 "$SDB" import --db "$DB" "$T/backwards.xml"
printf '<registry xmlns="http://www.iana.org/assignments" id="x">\n  <registry id="http-status-codes-1"/>\n</registry>\n' >"$T/norecord.xml"
fails "no record: exit 3" 3 "$SDB" import --db "$DB" "$T/norecord.xml"
eq "no record: message" "$T/norecord.xml:1:1: no status codes found (no <record> in the registry)" "$(cat "$T/err")"

# hostile: 100,000 nested elements, an external entity, entity bombs
awk 'BEGIN { printf "<registry xmlns=\"http://www.iana.org/assignments\">"
	for (i = 0; i < 100000; i++) printf "<a>"; for (i = 0; i < 100000; i++) printf "</a>"
	print "</registry>" }' >"$T/deep.xml"
fails "100,000 nested elements: exit 3" 3 "$SDB" import --db "$DB" --format iana-xml "$T/deep.xml"
eq "100,000 nested elements: libxml2's depth limit, with a position" 1 \
	"$(grep -c "^$T/deep.xml:1:[0-9]*: malformed xml: Excessive depth" "$T/err")"

cat >"$T/xxe.xml" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE registry SYSTEM "http://127.0.0.1:9/registry.dtd" [
  <!ENTITY x SYSTEM "file:///etc/passwd">
  <!ENTITY % p SYSTEM "file:///etc/passwd">
  %p;
]>
<registry xmlns="http://www.iana.org/assignments">
  <record><value>418</value><description>Teapot &x;</description></record>
</registry>
EOF
check "external entity: imported" "$SDB" import --db "$DB" --name xxe "$T/xxe.xml"
eq "external entity: left as written, not expanded" "Teapot &x;" \
	"$(q "SELECT value FROM claim WHERE source = 'xxe' AND field = 'name'")"
eq "external entity: no file content in any claim" 0 \
	"$(q "SELECT count(*) FROM claim WHERE source = 'xxe' AND (value LIKE '%root:%' OR raw LIKE '%root:%')")"

{
	echo '<?xml version="1.0"?>'
	echo '<!DOCTYPE registry ['
	echo '<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
	p=a
	for n in b c d e f g h i j k; do
		echo "<!ENTITY $n \"&$p;&$p;&$p;&$p;&$p;&$p;&$p;&$p;&$p;&$p;\">"
		p=$n
	done
	echo ']>'
	echo '<registry xmlns="http://www.iana.org/assignments"><record><value>200</value><description>&k;</description></record></registry>'
} >"$T/bomb.xml"
fails "entity bomb: refused" 3 "$SDB" import --db "$DB" --name bomb "$T/bomb.xml"
eq "entity bomb: nothing imported" 0 "$(q "SELECT count(*) FROM source WHERE name = 'bomb'")"

# namespace prefixes, CDATA, comments and '>' in attributes
cat >"$T/prefixed.xml" <<'EOF'
<?xml version="1.0"?>
<!-- <record><value>299</value></record> -->
<iana:registry xmlns:iana="http://www.iana.org/assignments">
  <iana:updated>2024-01-02</iana:updated>
  <iana:record updated="a>b"
      date="2021">
    <iana:value> 200 </iana:value>
    <!-- <iana:description>Fake</iana:description> -->
    <iana:description>OK &amp; Fine</iana:description>
  </iana:record>
  <iana:record><iana:value>201</iana:value><iana:description><![CDATA[Created <now>]]></iana:description></iana:record>
</iana:registry>
EOF
check "prefixed registry: imported (format guessed)" "$SDB" import --db "$DB" --name prefixed "$T/prefixed.xml"
eq "prefixed registry: names" "200 OK & Fine|201 Created <now>" \
	"$(q "SELECT group_concat(code || ' ' || value, '|') FROM claim WHERE source = 'prefixed' AND field = 'name'")"
eq "prefixed registry: raw after the comment" "OK &amp; Fine 9:23" \
	"$(q "SELECT raw || ' ' || line || ':' || \"column\" FROM claim WHERE source = 'prefixed' AND code = 200")"
eq "prefixed registry: CDATA raw is its inside" "Created <now>" \
	"$(q "SELECT raw FROM claim WHERE source = 'prefixed' AND code = 201")"
eq "prefixed registry: every claim's raw text stands at its position" "" "$(spans prefixed "$T/prefixed.xml")"
