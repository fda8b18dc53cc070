#!/bin/sh
# t60-fuzz-regress.sh - every input a fuzzer once crashed an importer
# with (tests/fuzz/regress/FORMAT/) is read again: it must import or be
# refused with a message (exit 0 or 3), never crash.  Under
# "make check SANITIZE=1" ASan and UBSan watch each run.
. tests/lib.sh

for f in tests/fuzz/regress/*/*; do
	[ -f "$f" ] || continue
	format=$(basename "$(dirname "$f")")
	rm -f "$DB"
	if [ "$format" = export ]; then
		# the pipeline: a GFM table in, every format out
		"$SDB" import --db "$DB" --format gfm-table --name regress "$f" >"$T/out" 2>"$T/err"
		rc=$?
		for x in c json csv html; do
			[ $rc = 0 ] || break
			"$SDB" export --db "$DB" --format $x >"$T/x.out" 2>"$T/err"
			rc=$?
		done
	else
		"$SDB" import --db "$DB" --format "$format" --name regress "$f" >"$T/out" 2>"$T/err"
		rc=$?
	fi
	if [ $rc = 0 ] || { [ $rc = 3 ] && grep -q ':[0-9]*:[0-9]*: ' "$T/err"; }; then
		echo "ok - fuzz regression $format/$(basename "$f") (exit $rc)"
	else
		echo "not ok - fuzz regression $format/$(basename "$f") (exit $rc)"
		head -5 "$T/err" | sed 's/^/#   /'
	fi
done
