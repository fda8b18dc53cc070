#!/bin/sh
# t10-seeds.sh - each seed's codes and the exact values of every kind of
# field, quirks included, as stored by "statusdb build".
. tests/lib.sh

check "build imports every source" "$SDB" build --db "$DB"

codes() { q "SELECT count(DISTINCT code) FROM claim WHERE source = '$1'"; }

eq "iana-wiki (000) lists 58 codes" 58 "$(codes iana-wiki)"
eq "community (001) lists 64 codes" 64 "$(codes community)"
eq "wikipedia (002) lists 56 codes" 56 "$(codes wikipedia)"
eq "webconcepts (003) lists 61 codes" 61 "$(codes webconcepts)"
eq "rfc7231 (004) lists 41 codes" 41 "$(codes rfc7231)"

# 000: MediaWiki copy of the IANA registry
eq "000 413 name" "Request Entity Too Large" "$(val iana-wiki 413 name)"
eq "000 413 class is its section heading" "4xx: Client Error" "$(val iana-wiki 413 class)"
eq "000 413 reference with section" "RFC 7231 6.5.11" \
	"$(q "SELECT value || ' ' || section FROM claim WHERE source='iana-wiki' AND code=413 AND field='reference'")"
eq "000 413 reference raw label" "RFC7231, Section 6.5.11" "$(raw iana-wiki 413 reference)"
eq "000 101 label cites RFC 7231" "RFC 7231" "$(val iana-wiki 101 reference)"
eq "000 101 link points to RFC 2616" "RFC 2616" "$(val iana-wiki 101 reference_target)"
eq "000 101 target url" "http://www.iana.org/go/rfc2616" \
	"$(q "SELECT url FROM claim WHERE source='iana-wiki' AND code=101 AND field='reference_target'")"
eq "000 101 label and target share their link" 1 \
	"$(q "SELECT count(DISTINCT link) FROM claim WHERE source='iana-wiki' AND code=101 AND field LIKE 'reference%'")"
eq "000 308 cites RFC 7238" "RFC 7238" "$(val iana-wiki 308 reference)"
eq "000 506 name without its annotation" "Variant Also Negotiates" "$(val iana-wiki 506 name)"
eq "000 506 (Experimental) is a note" "Experimental" "$(val iana-wiki 506 note)"
eq "000 510 description (Experimental) is a note" "Experimental" "$(val iana-wiki 510 note)"
eq "000 306 (Unused) description is a note" "Unused" "$(val iana-wiki 306 note)"
eq "000 305 (deprecated) in a description is a note" "deprecated" "$(val iana-wiki 305 note)"
eq "000 511 description keeps its quotes" 'For use by "captive portals"' "$(val iana-wiki 511 description)"
eq "000 100 empty description cell stores nothing" "" "$(val iana-wiki 100 description)"
eq "000 413 name position" "221:3-221:26" "$(pos iana-wiki 413 name)"

# 001: GFM table with <br/> in every cell, after a non-breaking space
eq "001 first row is 100 (the NBSP paragraph is no row)" 100 \
	"$(q "SELECT code FROM claim WHERE source='community' AND entry=1 LIMIT 1")"
eq "001 413 name without <br/>" "Payload Too Large" "$(val community 413 name)"
eq "001 413 name raw" "Payload Too Large" "$(raw community 413 name)"
eq "001 413 description" "Request entity is larger than limits defined by server." "$(val community 413 description)"
eq "001 305 (discontinued) is a note" "discontinued" "$(val community 305 note)"
eq "001 444 unofficial code listed" "Connection Closed Without Response" "$(val community 444 name)"
eq "001 418 name" "I'm a teapot" "$(val community 418 name)"
eq "001 has no references" 0 "$(q "SELECT count(*) FROM claim WHERE source='community' AND field LIKE 'reference%'")"

# 002: plain text, annotations and the HTTP Extensions section
eq "002 203 name" "Non-Authoritative Information" "$(val wikipedia 203 name)"
eq "002 203 (since HTTP/1.1) is a note" "since HTTP/1.1" "$(val wikipedia 203 note)"
eq "002 509 annotation is a note" "apache bw/limited extension" "$(val wikipedia 509 note)"
eq "002 509 name" "Bandwidth Limit Exceeded" "$(val wikipedia 509 name)"
eq "002 102 is under HTTP Extensions" "HTTP Extensions" "$(val wikipedia 102 class)"
eq "002 404 class" "4xx Client Error" "$(val wikipedia 404 class)"
eq "002 404 name (trailing space dropped)" "Not Found" "$(val wikipedia 404 name)"
eq "002 425 Unordered Collection" "Unordered Collection" "$(val wikipedia 425 name)"
eq "002 418 I'm a Teapot" "I'm a Teapot" "$(val wikipedia 418 name)"
eq "002 201 description after blank lines" "The request has been fulfilled and resulted in a new resource being created." "$(val wikipedia 201 description)"
eq "002 101 has no description" "" "$(val wikipedia 101 description)"
eq "002 418 description on the next line" "HTCPCP response header" "$(val wikipedia 418 description)"
eq "002 class intro paragraphs are no description" "" "$(val wikipedia 500 description)"

# 003: link-annotated Jekyll page
eq "003 413 name" "Payload Too Large" "$(val webconcepts 413 name)"
eq "003 306 two-line title folded" "The 306 status code was defined in a previous version of HTTP/1.1, is no longer used, and the code is reserved." "$(val webconcepts 306 description)"
eq "003 306 title, its line break and indent trimmed" "31:22-31:132" "$(pos webconcepts 306 description)"
eq "003 306 reference after the two-line title" "RFC 7231" "$(val webconcepts 306 reference)"
eq "003 306 reference position" "32:17-32:24" "$(pos webconcepts 306 reference)"
eq "003 307 is on line 33" "33:8-33:25" "$(pos webconcepts 307 name)"
eq "003 205 &#34; decoded" 'The 205 (Reset Content) status code indicates that the server has fulfilled the request and desires that the user agent reset the "document view", which caused the request to be sent, to its original state as received from the origin server.' "$(val webconcepts 205 description)"
eq "003 205 raw keeps &#34;" 1 "$(q "SELECT raw LIKE '%&#34;document view&#34;%' FROM claim WHERE source='webconcepts' AND code=205 AND field='description'")"
eq "003 308 cites RFC 7538" "RFC 7538" "$(val webconcepts 308 reference)"
eq "003 308 target" "/specs/IETF/RFC/7538" \
	"$(q "SELECT url FROM claim WHERE source='webconcepts' AND code=308 AND field='reference_target'")"
eq "003 418 name" "I'm a teapot" "$(val webconcepts 418 name)"
eq "003 front matter gives no claim" 0 "$(q "SELECT count(*) FROM claim WHERE source='webconcepts' AND line < 10")"

# 004: RFC 7231 table, reference links and emphasis
eq "004 100 target from its reference definition" "RFC 7231 6.2.1 47:8" \
	"$(q "SELECT value || ' ' || section || ' ' || line || ':' || \"column\" FROM claim WHERE source='rfc7231' AND code=100 AND field='reference_target'")"
eq "004 206 cites RFC 7233 section 4.1" "RFC 7233 4.1" \
	"$(q "SELECT value || ' ' || section FROM claim WHERE source='rfc7231' AND code=206 AND field='reference_target'")"
eq "004 305 *deprecated* description" "deprecated" "$(val rfc7231 305 description)"
eq "004 305 *deprecated* raw" "*deprecated*" "$(raw rfc7231 305 description)"
eq "004 305 deprecated note" "deprecated" "$(val rfc7231 305 note)"
eq "004 413 name" "Payload Too Large" "$(val rfc7231 413 name)"
eq "004 414 name" "URI Too Long" "$(val rfc7231 414 name)"
eq "004 416 name" "Range Not Satisfiable" "$(val rfc7231 416 name)"

# re-importing replaces, never duplicates
before=$(q "SELECT count(*) FROM claim")
check "re-import one source" "$SDB" import --db "$DB" sources/rfc7231-table.md
eq "re-import keeps the claim count" "$before" "$(q "SELECT count(*) FROM claim")"
eq "schema version in user_version" 2 "$(q "PRAGMA user_version")"

# build mirrors the manifest: a source imported by hand is dropped
printf 'Code | Name\n---|---\n299 | Extra\n' >"$T/extra.md"
check "import an extra source" "$SDB" import --db "$DB" "$T/extra.md"
check "build again" "$SDB" build --db "$DB"
eq "build keeps only the manifest's sources" \
	"$(awk -F '\t' '!/^#/ { print $1 }' sources/manifest.tsv | sort | tr '\n' ' ')" \
	"$(q "SELECT name FROM source ORDER BY name" | tr '\n' ' ')"
