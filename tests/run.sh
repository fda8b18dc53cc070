#!/bin/sh
# run.sh - runs every test (the C unit tests, then tests/t*.sh in order)
# and ends with "N passed, M failed" (and ", K skipped" when a test could
# not run here: "skip - why" lines, never counted as passed).  Exit status
# 1 when any failed.
B=${B:-build}
export B
out=$(mktemp)
trap 'rm -f "$out"' EXIT
{
	"$B/tests/unit" || echo "not ok - unit tests exited with $?"
	echo "# tests/html_tree.c"
	"$B/tests/html_tree" || echo "not ok - html_tree tests exited with $?"
	echo "# tests/golden.c"
	"$B/tests/golden" || echo "not ok - golden tests exited with $?"
	for t in tests/t[0-9]*.sh; do
		echo "# $t"
		sh "$t" || echo "not ok - $t exited with $?"
	done
} 2>&1 | tee "$out" | grep -v '^ok - '
passed=$(grep -c '^ok - ' "$out")
failed=$(grep -c '^not ok' "$out")
skipped=$(grep -c '^skip - ' "$out")
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
