# lib.sh - sourced by the tests/t*.sh scripts.
#
#   check "what" CMD...        passes when CMD exits 0
#   fails "what" STATUS CMD... passes when CMD exits with STATUS
#   eq "what" EXPECTED ACTUAL  passes when the strings are equal
#   q "SQL"                    runs SQL on $DB with the sqlite3 shell
#
# Each prints "ok - what" or "not ok - what" (with the difference);
# tests/run.sh counts them.
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

q() {
	sqlite3 -batch -bail "$DB" "$1"
}
