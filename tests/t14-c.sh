#!/bin/sh
# t14-c.sh - C headers and sources: Node's http_parser.h (the status map
# beside method and errno maps), enums with aliases, phrase tables and
# switches; guessed and imported with their places; bad values refused
# with a position and exit 3, the database unchanged; nothing in the
# file is preprocessed (no #include is read); libclang missing is said.
. tests/lib.sh

G=tests/data/golden/c
H=$G/nodejs-http-parser.in

check "import http_parser.h (format guessed)" "$SDB" import --db "$DB" --name node "$H"
eq "guessed as c" c "$(q "SELECT format FROM source WHERE name = 'node'")"
eq "59 entries: the status map's" 59 "$(q "SELECT entries FROM source WHERE name = 'node'")"
eq "413 identifier" PAYLOAD_TOO_LARGE "$(val node 413 identifier)"
eq "413 name: the bare tokens" "Payload Too Large" "$(val node 413 name)"
eq "413 name spans its first to last token" "130:44-130:60" "$(pos node 413 name)"
eq "203 name with a hyphen" "Non-Authoritative Information" "$(val node 203 name)"
eq "200 name OK" OK "$(val node 200 name)"
eq "no method map entry (XX(0, DELETE, DELETE))" 0 \
	"$(q "SELECT count(*) FROM claim WHERE source = 'node' AND value IN ('DELETE', 'GET', 'M-SEARCH')")"
eq "no errno map entry" 0 \
	"$(q "SELECT count(*) FROM claim WHERE source = 'node' AND value LIKE '%callback%'")"
eq "a name and an identifier for every code" "59 59" \
	"$(q "SELECT sum(field = 'name') || ' ' || sum(field = 'identifier') FROM claim WHERE source = 'node'")"
eq "node: every claim's raw text stands at its position" "" "$(spans node "$H")"

# an enum: aliases are one entry; values below 100 are not codes
check "import an enum (format guessed)" "$SDB" import --db "$DB" --name enum "$G/enum-aliases.in"
eq "302: two identifiers, one entry" "STATUS_FOUND 4|STATUS_MOVED_TEMPORARILY 4" \
	"$(q "SELECT group_concat(value || ' ' || entry, '|') FROM claim WHERE source = 'enum' AND code = 302")"
eq "407 alias written as the other enumerator" "STATUS_PROXY_AUTHENTICATION_REQUIRED|STATUS_PROXY_UNAUTHORIZED" \
	"$(q "SELECT group_concat(value, '|') FROM claim WHERE source = 'enum' AND code = 407")"
eq "0x1A2 is 418" STATUS_IM_A_TEAPOT "$(val enum 418 identifier)"
eq "a //!< comment is a description" "Request succeeded" "$(val enum 200 description)"
eq "transport errors and sizes are no codes" 7 "$(q "SELECT entries FROM source WHERE name = 'enum'")"
eq "enum: every claim's raw text stands at its position" "" "$(spans enum "$G/enum-aliases.in")"

# phrase tables and a switch, constants resolved through the enum
check "import phrase tables and a switch" "$SDB" import --db "$DB" --name tables "$G/phrase-tables.in"
eq "table row { HTTP_STATUS_NOT_FOUND, \"Not \" \"Found\" }" "Not Found" \
	"$(q "SELECT value FROM claim WHERE source = 'tables' AND code = 404 AND field = 'name'")"
eq "[306] = \"Switch Proxy (Unused)\": name and note" "Switch Proxy|Unused" \
	"$(q "SELECT group_concat(value, '|') FROM (SELECT value FROM claim WHERE source = 'tables' AND code = 306 ORDER BY field)")"
eq "case 301: case 302: return \"Found\"" "Found|Found" \
	"$(q "SELECT group_concat(value, '|') FROM claim WHERE source = 'tables' AND code IN (301, 302)")"
eq "case HTTP_STATUS_GONE: an escaped string" 'Gone "for good"' \
	"$(q "SELECT value FROM claim WHERE source = 'tables' AND code = 410 AND field = 'name'")"
eq "case 204: return NULL gives nothing" 0 \
	"$(q "SELECT count(*) FROM claim WHERE source = 'tables' AND code = 204")"

# bad values in status constructs: exit 3, file:line:column, nothing imported
before=$(q "SELECT count(*) || ' ' || total(id) FROM claim")
bad() {  # NAME WANT-MESSAGE (after "file:") TEXT
	printf '%s\n' "$3" >"$T/$1.h"
	refused "$1" "$T/$1.h" "$2"
}
bad enum4o4 "3:54: invalid status code '4O4': want three digits, 100 to 599" \
	'enum http_status {
	HTTP_STATUS_OK = 200, HTTP_STATUS_CREATED = 201,
	HTTP_STATUS_ACCEPTED = 202, HTTP_STATUS_NOT_FOUND = 4O4
};'
bad enum600 "2:66: invalid status code '600': want three digits, 100 to 599" \
	'typedef enum {
	HttpStatus_Ok = 200, HttpStatus_Created = 201, HttpStatus_Big = 600
} HttpStatus;'
bad octal "2:48: '0404' is an octal number in C (260), not a status code" \
	'enum http_status {
	HTTP_STATUS_OK = 200, HTTP_STATUS_NOT_FOUND = 0404, HTTP_STATUS_GONE = 410 };'
bad map99 "4:6: invalid status code '99': want three digits, 100 to 599" \
	'#define HTTP_STATUS_MAP(XX) \
  XX(200, OK, OK) \
  XX(201, CREATED, Created) \
  XX(99, BAD, Bad)'
bad table4o4 "4:4: invalid status code '4O4': want three digits, 100 to 599" \
	'static const struct { int code; const char *phrase; } phrases[] = {
	{ 100, "Continue" },
	{ 200, "OK" },
	{ 4O4, "Not Found" },
};'
printf '#include <stdio.h>\nenum color { RED = 100, GREEN = 200, BLUE = 300 };\nint main(void) { return 0; }\n' >"$T/none.h"
fails "C without status codes: not guessed as c" 3 "$SDB" import --db "$DB" --name none "$T/none.h"
check "C without status codes: says it cannot tell" grep -q "cannot tell the format" "$T/err"
fails "C without status codes, --format c: exit 3" 3 "$SDB" import --db "$DB" --format c --name none "$T/none.h"
eq "C without status codes, --format c: message" \
	"$T/none.h:1:1: no status codes found (no status map, enum, define, phrase table or switch)" \
	"$(cat "$T/err")"
eq "refusals changed no claim" "$before" "$(q "SELECT count(*) || ' ' || total(id) FROM claim")"

# nothing is preprocessed: no #include is read, a self-include cannot loop
cat >"$T/inc.h" <<'EOF'
#include "/etc/passwd"
#include __FILE__
#define HTTP_STATUS_MAP(XX) \
  XX(200, OK, OK) \
  XX(404, NOT_FOUND, Not Found) \
  XX(410, GONE, Gone)
EOF
check "includes: imported" "$SDB" import --db "$DB" --name inc "$T/inc.h"
eq "includes: the map read" 3 "$(q "SELECT entries FROM source WHERE name = 'inc'")"
eq "includes: nothing from /etc/passwd" 0 \
	"$(q "SELECT count(*) FROM claim WHERE source = 'inc' AND (value LIKE '%root%' OR raw LIKE '%root%')")"
{
	echo '#include __FILE__'
	echo 'enum http_status { HTTP_STATUS_OK = 200, HTTP_STATUS_CREATED = 201, HTTP_STATUS_GONE = 410 };'
	awk 'BEGIN { for (i = 0; i < 50000; i++) print "int a;" }'
} >"$T/self.h"
check "a self-include and 50,000 redeclarations: imported in time" \
	timeout 60 "$SDB" import --db "$DB" --name self "$T/self.h"
eq "self-include: the enum read" 3 "$(q "SELECT entries FROM source WHERE name = 'self'")"
printf '%%:endif\n#endif\n??=endif\nenum http_status { HTTP_STATUS_OK = 200, HTTP_STATUS_CREATED = 201, HTTP_STATUS_GONE = 410 };\n' >"$T/endif.h"
check "stray #endif, %:endif, ??=endif: imported" "$SDB" import --db "$DB" --name endif "$T/endif.h"
eq "stray #endif: the enum read" 3 "$(q "SELECT entries FROM source WHERE name = 'endif'")"

# hostile sizes: 100,000 map entries, a 2 MB phrase, deep brackets
awk 'BEGIN { print "#define HTTP_STATUS_MAP(XX) \\"; for (i = 0; i < 100000; i++) printf "  XX(%d, N%d, Name %d) \\\n", 100 + i % 500, i, i; print "" }' >"$T/big.h"
check "100,000 map entries import" "$SDB" import --db "$DB" --name big "$T/big.h"
eq "100,000 entries" 100000 "$(q "SELECT entries FROM source WHERE name = 'big'")"
awk 'BEGIN { printf "#define HTTP_STATUS_MAP(XX) XX(100, CONTINUE, \""; for (i = 0; i < 2097152 / 64; i++) printf "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"; print "\")" }' >"$T/cell.h"
check "a 2 MB phrase imports" "$SDB" import --db "$DB" --name cell "$T/cell.h"
eq "the 2 MB name is whole" 2097152 "$(q "SELECT length(value) FROM claim WHERE source = 'cell' AND field = 'name'")"
{
	echo 'enum http_status { HTTP_STATUS_OK = 200, HTTP_STATUS_CREATED = 201, HTTP_STATUS_GONE = 410 };'
	awk 'BEGIN { printf "int x[] = "; for (i = 0; i < 100000; i++) printf "{"; printf "1"; for (i = 0; i < 100000; i++) printf "}"; print ";" }'
} >"$T/deep.h"
check "100,000 nested braces: imported" "$SDB" import --db "$DB" --name deep "$T/deep.h"

# libclang missing: a clear message, exit 3
STATUSDB_LIBCLANG=/nonexistent/libclang.so.1 "$SDB" import --db "$DB" --name nolib "$H" >"$T/out" 2>"$T/err"
eq "no libclang: exit 3" 3 "$?"
eq "no libclang: says which package" \
	"$H:1:1: the c importer needs libclang (Debian package libclang1-14), which cannot be loaded" \
	"$(cat "$T/err")"

# valgrind over the C importer and the dlopened libclang (tests/valgrind.supp:
# glibc's loader, not ours); one run, libclang is slow under valgrind
case "$B" in
*sanitize*) skip "c under valgrind" "not under the sanitizers (ASan checks this run)" ;;
*)
	valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect,possible \
		--suppressions=tests/valgrind.supp \
		"$SDB" import --db "$T/vg.db" --name vg "$G/phrase-tables.in" >/dev/null 2>"$T/vg.err"
	rc=$?
	if [ $rc = 0 ] && ! grep -q '^==' "$T/vg.err"; then
		echo "ok - c under valgrind: phrase-tables.in"
	else
		echo "not ok - c under valgrind: phrase-tables.in (exit $rc)"
		grep '^==' "$T/vg.err" | head -10 | sed 's/^/#   /'
	fi
	;;
esac
