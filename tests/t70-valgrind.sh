#!/bin/sh
# t70-valgrind.sh - the CLI over every source under valgrind: no invalid
# read or write, no leak.  Skipped under SANITIZE=1 (ASan checks those
# runs instead, and the two do not mix).
. tests/lib.sh

case "$B" in
*sanitize*)
	echo "skip - valgrind: not under the sanitizers (ASan checks this run)"
	exit 0
	;;
esac
vg() {
	what=$1; shift
	valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect,possible \
		--show-leak-kinds=definite,indirect,possible "$@" >"$T/vg.out" 2>"$T/vg.err"
	rc=$?
	if [ $rc = 0 ] && ! grep -q '^==[0-9]*==' "$T/vg.err"; then
		echo "ok - valgrind: $what"
	else
		echo "not ok - valgrind: $what (exit $rc)"
		grep '^==' "$T/vg.err" | head -20 | sed 's/^/#   /'
	fi
}

vg "build every source" "$SDB" build --db "$DB"
for f in $(awk -F '\t' '!/^#/ { print $2 }' sources/manifest.tsv); do
	vg "import $f" "$SDB" import --db "$T/one.db" "sources/$f"
done
# the golden cases that import, each with its own importer
for f in tests/data/golden/*/*.in; do
	c=${f%.in}
	[ -f "$c.claims" ] && [ ! -f "$c.args" ] || continue
	fmt=$(basename "$(dirname "$f")")
	kind=community
	[ "$fmt" = rfc-index ] && kind=documents
	vg "import golden $fmt/$(basename "$c")" \
		"$SDB" import --db "$T/golden.db" --format "$fmt" --kind $kind --name "golden-$fmt" "$f"
done
vg "claims --format json" "$SDB" claims --db "$DB" --format json
vg "conflicts --format json" "$SDB" conflicts --db "$DB" --format json
vg "conflicts --summary" "$SDB" conflicts --db "$DB" --summary
vg "show 413" "$SDB" show --db "$DB" 413
vg "coverage" "$SDB" coverage --db "$DB"
for fmt in c json csv html; do
	vg "export $fmt" "$SDB" export --db "$DB" --format $fmt
done
vg "report" "$SDB" report --db "$DB" -o "$T/report.html"
printf 'Code | Name\n---|---\n4O4 | Bad\n' >"$T/bad.md"
valgrind -q --error-exitcode=99 --leak-check=full "$SDB" import --db "$DB" "$T/bad.md" >/dev/null 2>"$T/vg.err"
eq "valgrind: a refused import is clean too (exit 3)" 3 "$?"
