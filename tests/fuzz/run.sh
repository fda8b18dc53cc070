#!/bin/sh
# run.sh BUILD FORMAT SECONDS - fuzzes one importer (or, for FORMAT
# "export", the whole pipeline from a GFM table to every export) for
# SECONDS, starting from the sources of that format, its golden inputs
# (tests/data/golden/FORMAT/*.in) and the regression inputs in
# tests/fuzz/regress/FORMAT/.  A crash leaves its input in
# BUILD/fuzz/ and fails; copy it into tests/fuzz/regress/FORMAT/ once fixed.
set -eu
b=$1 f=$2 s=$3
fmt=$f
[ "$f" = export ] && fmt=gfm-table
corpus=$b/fuzz/corpus-$f
mkdir -p "$corpus"
awk -F '\t' -v f="$fmt" '!/^#/ && $3 == f { print "sources/" $2 }' sources/manifest.tsv |
	while read -r src; do cp "$src" "$corpus/"; done
if [ "$f" = export ]; then
	cp tests/data/hostile.md "$corpus/"
fi
for g in tests/data/golden/"$fmt"/*.in; do
	[ -f "$g" ] && cp "$g" "$corpus/golden-$(basename "$g")"
done
if [ -d "tests/fuzz/regress/$f" ]; then
	cp tests/fuzz/regress/"$f"/* "$corpus/" 2>/dev/null || true
fi
echo "fuzzing $f for ${s}s"
"$b/fuzz/fuzz-$f" -max_total_time="$s" -dict="tests/fuzz/$fmt.dict" \
	-max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	-artifact_prefix="$b/fuzz/crash-$f-" "$corpus" 2>"$b/fuzz/$f.log" || {
	tail -40 "$b/fuzz/$f.log"
	echo "fuzz-$f found a crash: see $b/fuzz/crash-$f-*" >&2
	exit 1
}
grep -E '^stat::number_of_executed_units|^stat::new_units_added' "$b/fuzz/$f.log" |
	sed "s/^/  $f: /"
