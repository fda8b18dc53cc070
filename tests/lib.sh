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

check() {
	what=$1; shift
	if "$@" >"$T/out" 2>"$T/err"; then
		echo "ok - $what"
	else
		echo "not ok - $what (exit $?: $*)"
		sed 's/^/#   /' "$T/err" | head -5
	fi
}

fails() {
	what=$1; want=$2; shift 2
	"$@" >"$T/out" 2>"$T/err"
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
