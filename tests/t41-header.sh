#!/bin/sh
# t41-header.sh - the C header from sources/, in every mode it promises:
# compiled and run under C89, C99, C11, C17 and C2x and C++98, C++11,
# C++17 and C++20 with gcc and clang (-Wall -Wextra -Wpedantic -Werror,
# -O2), its maps equal to the JSON export and its functions giving known
# answers; deprecated aliases warn where used, and only there; with
# another --prefix or --style it compiles beside llhttp's names and
# beside the default header; names it would declare twice are refused.
. tests/lib.sh

X="python3 tests/export_check.py"
C_MODES="gcc:c89 gcc:c99 gcc:c11 gcc:c17 gcc:c2x clang:c89 clang:c99 \
clang:c11 clang:c17 clang:c2x"
CXX_MODES="g++:c++98 g++:c++11 g++:c++17 g++:c++20 clang++:c++98 \
clang++:c++11 clang++:c++17 clang++:c++20"

# build_c MODE SRC [FLAG]...: builds $T/prog from SRC, warnings as errors
build_c() {
	mode=$1 src=$2
	shift 2
	comp=${mode%%:*} std=${mode#*:} lang=
	case $std in c++*) lang="-x c++" ;; esac
	rm -f "$T/prog"
	$comp -std=$std $lang -Wall -Wextra -Wpedantic -Werror -O2 "$@" \
		-o "$T/prog" "$src"
}

# every compiler must be there: a missing one is a skip, said as one
for c in gcc clang g++ clang++; do
	if ! command -v $c >/dev/null 2>&1; then
		echo "skip - $c is not installed: its modes are not tested"
		C_MODES=$(echo $C_MODES | tr ' ' '\n' | grep -v "^$c:" | tr '\n' ' ')
		CXX_MODES=$(echo $CXX_MODES | tr ' ' '\n' | grep -v "^$c:" | tr '\n' ' ')
	fi
done

check "build a fresh database from sources/" "$SDB" build --db "$DB"
mkdir -p "$T/d" "$T/camel" "$T/lls"
check "export the header" "$SDB" export --db "$DB" --format c \
	-o "$T/d/http_status.h"
check "export the json" "$SDB" export --db "$DB" --format json \
	-o "$T/d/http_status.json"
check "export the header with --style camel" "$SDB" export --db "$DB" \
	--format c --style camel -o "$T/camel/http_status.h"
check "export the header with --prefix LLS_" "$SDB" export --db "$DB" \
	--format c --prefix LLS_ -o "$T/lls/lls.h"

# --- what the program must print: the maps as the json has them, then
# answers known from sources/
$X facts "$T/d/http_status.json" >"$T/want"
cat >>"$T/want" <<EOF
redirect 300 301 302 303 307 308
empty 204 205 304
retry 429 503
registered 100 101 102 103 104 200 201 202 203 204 205 206 207 208 226 300 301 302 303 304 305 306 307 308 400 401 402 403 404 405 406 407 408 409 410 411 412 413 414 415 416 417 418 421 422 423 424 425 426 428 429 431 451 500 501 502 503 504 505 506 507 508 510 511
phrase 'Not Found' 404
phrase 'not found' 404
phrase 'Payload Too Large' 413
phrase 'Request-URI Too Long' 414
phrase 'request-uri too long' 122
phrase 'Unavailable for Legal Reasons' 451
phrase 'I'M A TEAPOT' 418
phrase 'Nope' 0
phrase '' 0
phrase NULL 0
identifier 'NOT_FOUND' 404
identifier 'HTTP_STATUS_TOO_EARLY' 425
identifier 'PAYLOAD_TOO_LARGE' 413
identifier 'HTTP_STATUS_PAYLOAD_TOO_LARGE' 413
identifier '306' 306
identifier 'HTTP_STATUS_306' 306
identifier 'HTTP_VERSION_NOT_SUPPORTED' 505
identifier 'HTTP_STATUS_HTTP_VERSION_NOT_SUPPORTED' 505
identifier 'not_found' 0
identifier 'HTTP_STATUS_' 0
identifier '' 0
identifier NULL 0
class -1 (null)
class 99 (null)
class 100 Informational
class 199 Informational
class 226 Success
class 308 Redirection
class 418 Client Error
class 599 Server Error
class 600 (null)
EOF
# the versions: the newest registry in sources/ and this statusdb
sed -i "1i statusdb $("$SDB" --version | sed 's/^statusdb //')" "$T/want"
sed -i "1i registry $(ls sources/iana-registry | sed -n \
	's/^http-status-codes-\(.*\)\.xml$/\1/p' | sort | tail -1)" "$T/want"
eq "the newest registry is 2025-09-15" "registry 2025-09-15" \
	"$(head -1 "$T/want")"

runs_as_wanted() {  # WANT: $T/prog's output is WANT
	"$T/prog" >"$T/got" && cmp -s "$1" "$T/got"
}

for m in $C_MODES $CXX_MODES; do
	check "header compiles as $m, -Wall -Wextra -Wpedantic -Werror" \
		build_c "$m" tests/c/header_api.c -I"$T/d"
	check "$m: maps as the json, lookups, sets and classes as known" \
		runs_as_wanted "$T/want"
done
if ! cmp -s "$T/want" "$T/got"; then
	diff "$T/want" "$T/got" | head -10 | sed 's/^/#   /'
fi

# --- deprecated aliases warn where used, and only there
cat >"$T/dep.c" <<'EOF'
#include "http_status.h"

int main(void)
{
	return HTTP_STATUS_PAYLOAD_TOO_LARGE == 413 ? 0 : 1;
}
EOF
warns() {  # MODE: the build fails on the warning that names the way out
	! build_c "$1" "$T/dep.c" -I"$T/d" 2>"$T/werr" &&
		grep -q "PAYLOAD_TOO_LARGE.* is deprecated: use HTTP_STATUS_CONTENT_TOO_LARGE" \
			"$T/werr"
}
for m in $C_MODES $CXX_MODES; do
	check "$m: using a deprecated alias warns, naming its successor" \
		warns "$m"
	check "$m: HTTP_STATUS_DEPRECATED defined empty silences it" \
		build_c "$m" "$T/dep.c" -I"$T/d" "-DHTTP_STATUS_DEPRECATED(m)="
done

# --- beside llhttp's names: the default header clashes, another prefix
# does not.  The program is the same with the names the prefix gives.
printf '#include "llhttp-names.h"\n#include "http_status.h"\nint main(void) { return 0; }\n' \
	>"$T/clash.c"
check "the default header cannot sit beside llhttp's (the issue)" \
	sh -c '! gcc -std=c99 -Itests/data -I"$1" -c -o /dev/null "$2" 2>/dev/null' \
	sh "$T/d" "$T/clash.c"
{
	echo '#include "llhttp-names.h"'
	sed 's/HTTP_STATUS_/LLS_/g; s/http_status/lls/g' tests/c/header_api.c
} >"$T/lls.c"
sed 's/HTTP_STATUS_/LLS_/g' "$T/want" >"$T/want-lls"
for m in gcc:c89 clang:c2x g++:c++98 clang++:c++20; do
	check "--prefix LLS_ beside llhttp's names compiles as $m" \
		build_c "$m" "$T/lls.c" -I"$T/lls" -Itests/data
	check "$m: --prefix LLS_ answers as the default header" \
		runs_as_wanted "$T/want-lls"
done
# the real http_parser.h (C99: its enum ends in a comma)
{
	echo '#include "http_parser.h"'
	sed 's/HTTP_STATUS_/LLS_/g; s/http_status/lls/g' tests/c/header_api.c
} >"$T/parser.c"
for m in gcc:c99 clang++:c++11; do
	check "--prefix LLS_ beside Node's http_parser.h compiles as $m" \
		build_c "$m" "$T/parser.c" -I"$T/lls" -Itests/data
done

# --- CamelCase: j-ulrich's names, beside llhttp's and the default header
cat >"$T/camel.c" <<'EOF'
#include "llhttp-names.h"
#include "camel/http_status.h"
#include "d/http_status.h"

#include <stdio.h>

int main(void)
{
	printf("%d %d %d %d %d %s %d %d %s\n", (int)HttpStatus_NotFound,
	       (int)HttpStatus_ImATeapot, (int)HttpStatus_RequestURITooLong_122,
	       (int)HttpStatus_306, (int)HTTP_STATUS_NOT_FOUND,
	       httpstatus_reason(HttpStatus_URITooLong),
	       httpstatus_from_identifier("HttpStatus_TooEarly"),
	       httpstatus_from_identifier("ContentTooLarge"),
	       HTTPSTATUS_REGISTRY_VERSION);
	return 0;
}
EOF
# the default header and llhttp's do not mix: one at a time
sed '/llhttp-names/d' "$T/camel.c" >"$T/camel-default.c"
sed '/d\/http_status.h/d' "$T/camel.c" >"$T/camel-llhttp.c"
for m in gcc:c89 clang:c11 g++:c++98 clang++:c++17; do
	check "--style camel beside the default header compiles as $m" \
		build_c "$m" "$T/camel-default.c" -I"$T"
	eq "$m: HttpStatus_NotFound, _ImATeapot, _RequestURITooLong_122, _306" \
		"404 418 122 306 404 URI Too Long 425 413 2025-09-15" \
		"$("$T/prog" 2>&1)"
	check "--style camel beside llhttp's names compiles as $m" \
		build_c "$m" "$T/camel-llhttp.c" -I"$T" -Itests/data
	eq "$m: the same beside llhttp's names" \
		"404 418 122 306 404 URI Too Long 425 413 2025-09-15" \
		"$("$T/prog" 2>&1)"
done
printf '#include "http_status.h"\nint main(void) { return HttpStatus_PayloadTooLarge == 413 ? 0 : 1; }\n' \
	>"$T/camel-dep.c"
check "--style camel: a deprecated alias warns" \
	sh -c '! gcc -std=c11 -Werror -I"$1" -o /dev/null "$2" 2>"$3" &&
		grep -q "is deprecated: use HttpStatus_ContentTooLarge" "$3"' \
	sh "$T/camel" "$T/camel-dep.c" "$T/cerr"

# --- every name the header declares takes the prefix
for f in "$T/lls/lls.h" "$T/camel/http_status.h"; do
	eq "$(basename "$(dirname "$f")"): no name without the prefix" "" \
		"$(sed -n 's/^# *\(define\|ifndef\|undef\) *\([A-Za-z_0-9]*\).*/\2/p;
			   s/^[A-Z_]*INLINE [a-z ]*[ *]\([a-z_]*\)(.*/\1/p;
			   s/^enum \([a-z_]*\).*/\1/p' "$f" |
		   grep -v -i '^\(LLS_\|HTTPSTATUS_\)' |
		   grep -v -x 'lls\|httpstatus' | sort -u | tr '\n' ' ')"
done
eq "--prefix LLS_: enum lls, lls_reason(), LLS_MAP, LLS_H_" \
	"4" "$(grep -c -e '^enum lls {' -e 'lls_reason(int code)' \
		-e '^#define LLS_MAP(XX)' -e '^#ifndef LLS_H_' "$T/lls/lls.h")"

# --- names the header would declare twice are refused
cp "$DB" "$T/map.db"
sqlite3 -batch -bail "$T/map.db" "UPDATE canonical SET ident = 'MAP' WHERE code = 404"
fails "a code whose identifier is the map's macro is refused (exit 3)" 3 \
	"$SDB" export --db "$T/map.db" --format c
check "the refusal names the identifier and the code" \
	grep -q "HTTP_STATUS_MAP would be declared twice in the header (code 404)" \
	"$T/err"
check "--style camel gives it another name, and exports" \
	"$SDB" export --db "$T/map.db" --format c --style camel

# --- the options
fails "--prefix must start with a letter" 2 \
	"$SDB" export --db "$DB" --format c --prefix 1X_
fails "--prefix holds letters, digits and underscores only" 2 \
	"$SDB" export --db "$DB" --format c --prefix 'A-B'
fails "--prefix of 13 characters is refused" 2 \
	"$SDB" export --db "$DB" --format c --prefix ABCDEFGHIJKL_
check "--prefix of 12 characters is taken" \
	"$SDB" export --db "$DB" --format c --prefix ABCDEFGHIJK_
fails "--prefix cannot be empty" 2 \
	"$SDB" export --db "$DB" --format c --prefix ''
fails "--style is snake or camel" 2 \
	"$SDB" export --db "$DB" --format c --style kebab
fails "--prefix is for the header only" 2 \
	"$SDB" export --db "$DB" --format json --prefix X_
fails "--style is for the header only" 2 \
	"$SDB" export --db "$DB" --format csv --style camel
check "the banner gives the command that regenerates the header" \
	grep -q '^ \* Regenerate it with: statusdb export --format c --prefix LLS_$' \
	"$T/lls/lls.h"
