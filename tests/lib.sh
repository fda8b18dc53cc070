# lib.sh - sourced by the tests/t*.sh scripts.
#
#   check "what" CMD...        passes when CMD exits 0
#   fails "what" STATUS CMD... passes when CMD exits with STATUS
#   eq "what" EXPECTED ACTUAL  passes when the strings are equal
#   q "SQL"                    runs SQL on $DB with the sqlite3 shell
#
#   skip "what" "why"          a test that cannot run here: never a pass
#
# Each prints "ok - what" or "not ok - what" (with the difference), or
# "skip - what: why"; tests/run.sh counts them.
set -u
B=${B:-build}
SDB=${SDB:-$B/statusdb}
T=$(mktemp -d "${TMPDIR:-/tmp}/statusdb-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
DB=${DB:-$T/status.db}

# The command's output lands in $T/out and $T/err once it has run, so a
# check may read the previous command's: check "..." grep x "$T/out".
run() {
	"$@" >"$T/.out" 2>"$T/.err"
	rc=$?
	mv "$T/.out" "$T/out"
	mv "$T/.err" "$T/err"
	return $rc
}

check() {
	what=$1; shift
	if run "$@"; then
		echo "ok - $what"
	else
		echo "not ok - $what (exit $?: $*)"
		sed 's/^/#   /' "$T/err" | head -5
	fi
}

fails() {
	what=$1; want=$2; shift 2
	run "$@"
	got=$?
	if [ "$got" = "$want" ]; then
		echo "ok - $what"
	else
		echo "not ok - $what (exit $got, want $want: $*)"
		sed 's/^/#   /' "$T/err" | head -5
	fi
}

eq() {
	if [ "$2" = "$3" ]; then
		echo "ok - $1"
	else
		echo "not ok - $1"
		printf '#   want: %s\n#   got:  %s\n' "$2" "$3" | head -20
	fi
}

skip() {
	echo "skip - $1: $2"
}

q() {
	sqlite3 -batch -bail "$DB" "$1"
}

# What the database says of a source's code: values, raw texts, places.
val() {  # SOURCE CODE FIELD -> values, one a line, in file order
	q "SELECT value FROM claim WHERE source = '$1' AND code = $2 AND field = '$3' ORDER BY id"
}
raw() { q "SELECT raw FROM claim WHERE source = '$1' AND code = $2 AND field = '$3' ORDER BY id"; }
pos() { q "SELECT line || ':' || \"column\" || '-' || end_line || ':' || end_column FROM claim WHERE source = '$1' AND code = $2 AND field = '$3' ORDER BY id"; }

# Every claim of source $1 whose raw text is on one line: the bytes of
# file $2 at line:column..end_column are raw.  Prints the mismatches.
spans() {
	q "SELECT line, \"column\", end_column, raw FROM claim WHERE source = '$1' AND line = end_line" |
	LC_ALL=C awk -F '|' -v f="$2" '
		BEGIN { while ((getline l < f) > 0) text[++n] = l }
		{ r = substr($0, length($1 $2 $3) + 4)
		  if (substr(text[$1], $2, $3 - $2 + 1) != r) print $0 }'
}
