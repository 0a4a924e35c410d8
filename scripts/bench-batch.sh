#!/usr/bin/env bash
# Batch timing: `fislint check` over a generated corpus against the floor of reading the same
# files (`rg -c 万元`), its peak memory, and the single-report targets (the seed, ≤ 5 ms median;
# its text form, ≤ 8 ms median).
#
#   bash scripts/bench-batch.sh [N] [--jobs J]
#
# N reports (default 1000) are made by examples/corpus.rs into a temporary folder, removed at the
# end. --jobs J (or JOBS=J in the environment) is passed to `fislint check` as `--jobs J`; without
# it, check runs with its default. Needs hyperfine, rg, jq and GNU time (/usr/bin/time).
set -euo pipefail

usage() {
    echo "usage: bash scripts/bench-batch.sh [N] [--jobs J]" >&2
    exit 2
}

N=1000
JOBS="${JOBS:-}"
while [ $# -gt 0 ]; do
    case "$1" in
        --jobs)
            [ $# -ge 2 ] || usage
            JOBS="$2"
            shift 2
            ;;
        --jobs=*)
            JOBS="${1#--jobs=}"
            shift
            ;;
        [0-9]*)
            N="$1"
            shift
            ;;
        *) usage ;;
    esac
done

for tool in hyperfine rg jq; do
    command -v "$tool" >/dev/null || { echo "bench-batch: $tool is needed" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "bench-batch: GNU time is needed (apt-get install -y time)" >&2; exit 2; }

cd "$(dirname "$0")/.."
nice -n 5 cargo build --release --quiet --bin fislint --example corpus
TARGET="${CARGO_TARGET_DIR:-target}/release"
FISLINT="$TARGET/fislint"
SEED=fixtures/reports/hetang-2021.fis
SEED_TEXT=../shared/reports/000_1f0f530592110c3b.txt

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
CORPUS="$WORK/corpus"
"$TARGET/examples/corpus" "$CORPUS" "$N"
BYTES="$(cat "$CORPUS"/*.fis | wc -c)"

CHECK=("$FISLINT" check --no-config)
if [ -n "$JOBS" ]; then
    CHECK+=(--jobs "$JOBS")
fi

# The median of the one command a hyperfine JSON export holds, in seconds.
median() {
    jq -r '.results[0].median' "$1"
}

# Peak memory of one batch run, first, as it also shows the command works: exit 1 (findings)
# is expected, 2 or more is a failure.
status=0
/usr/bin/time -v -o "$WORK/time.txt" "${CHECK[@]}" "$CORPUS" >/dev/null 2>"$WORK/stderr.txt" || status=$?
if [ "$status" -gt 1 ]; then
    echo "bench-batch: fislint check exited $status:" >&2
    head -20 "$WORK/stderr.txt" >&2
    exit 1
fi
RSS_KB="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/time.txt")"

# hyperfine -N runs commands without a shell: the paths here hold no spaces.
echo "== $N reports ($BYTES bytes): fislint check against rg -c 万元"
hyperfine -N --style basic --warmup 1 --min-runs 5 -i \
    --export-json "$WORK/check.json" "${CHECK[*]} $CORPUS"
hyperfine -N --style basic --warmup 1 --min-runs 5 \
    --export-json "$WORK/rg.json" "rg -c 万元 $CORPUS"

echo "== single report: the seed, and its text form"
hyperfine -N --style basic --warmup 10 -i \
    --export-json "$WORK/seed.json" "${CHECK[*]} $SEED"
if [ -f "$SEED_TEXT" ]; then
    hyperfine -N --style basic --warmup 10 -i \
        --export-json "$WORK/text.json" "${CHECK[*]} $SEED_TEXT"
fi

CHECK_S="$(median "$WORK/check.json")"
RG_S="$(median "$WORK/rg.json")"
SEED_S="$(median "$WORK/seed.json")"
echo
echo "== summary (${JOBS:+--jobs $JOBS, }$(nproc) cores)"
awk -v n="$N" -v bytes="$BYTES" -v check="$CHECK_S" -v rg="$RG_S" -v rss="$RSS_KB" -v seed="$SEED_S" 'BEGIN {
    printf "reports:               %d (%.1f MB)\n", n, bytes / 1e6
    printf "fislint check median:  %.3f s\n", check
    printf "rg -c 万元 median:     %.3f s\n", rg
    printf "ratio fislint/rg:      %.1f\n", check / rg
    printf "reports per second:    %.0f\n", n / check
    printf "peak RSS:              %.1f MiB\n", rss / 1024
    printf "seed check median:     %.2f ms (target <= 5 ms)\n", seed * 1000
}'
if [ -f "$SEED_TEXT" ]; then
    awk -v t="$(median "$WORK/text.json")" 'BEGIN {
        printf "seed text median:      %.2f ms (target <= 8 ms)\n", t * 1000
    }'
else
    echo "seed text median:      skipped ($SEED_TEXT not found)"
fi
