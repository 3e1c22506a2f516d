#!/usr/bin/env bash
# Builds the fuzz targets and runs each one for a bounded time; fails on any finding.
#
#     FuzzTesting/run.sh [SECONDS_PER_TARGET] [TARGET...]
#
# For each target (all of them by default), one after another:
#   1. replays its regression inputs, FailCases/<Target>/*, which must all pass;
#   2. fuzzes for SECONDS_PER_TARGET (default 30) from a scratch copy of Corpus/<Target>/,
#      so nothing is written into the repository. New inputs stay in
#      .build-fuzz/work/<Target>/corpus, findings in .build-fuzz/work/<Target>/artifacts.
# Exits non-zero if any target crashed, hung (-timeout), leaked, ran out of memory or broke
# an invariant. Needs a Swift toolchain from swift.org (its clang runtime ships libFuzzer).
#
# FUZZ_BUILD=release builds optimized (with the same sanitizers): several times the
# executions per second, for long campaigns; the default, debug, builds faster for CI.
# FUZZ_PERSISTENT_CORPUS=1 keeps the corpus in .build-fuzz/corpus/<Target> across runs
# (the seeds are added each time), so successive long runs build on each other.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

seconds=${1:-30}
shift || true
if (($# > 0)); then
    targets=("$@")
else
    targets=(FuzzRecordParser FuzzReassembler FuzzHandshakeMessages FuzzServerFirstDatagram FuzzServerSession)
fi

build_flags=(-c "${FUZZ_BUILD:-debug}" -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing -Xswiftc -use-ld=lld --scratch-path .build-fuzz)
swift build "${build_flags[@]}"
bin=$(swift build "${build_flags[@]}" --show-bin-path)

# The Swift runtime's own crash backtracer gets in the way of AddressSanitizer and libFuzzer,
# which report crashes themselves.
export SWIFT_BACKTRACE=enable=no
libfuzzer_flags=(-timeout=10 -rss_limit_mb=2048)

failed=()
for target in "${targets[@]}"; do
    work=".build-fuzz/work/$target"
    rm -rf "$work"
    mkdir -p "$work/artifacts"
    if [[ -n "${FUZZ_PERSISTENT_CORPUS:-}" ]]; then
        corpus=".build-fuzz/corpus/$target"
    else
        corpus="$work/corpus"
    fi
    mkdir -p "$corpus"

    regressions=()
    if [[ -d "FailCases/$target" ]]; then
        while IFS= read -r -d '' file; do regressions+=("$file"); done < <(find "FailCases/$target" -type f ! -name '.*' -print0 | sort -z)
    fi
    if ((${#regressions[@]} > 0)); then
        echo "== $target: replaying ${#regressions[@]} regression inputs"
        if ! "$bin/$target" "${libfuzzer_flags[@]}" "${regressions[@]}" >"$work/regressions.log" 2>&1; then
            tail -n 40 "$work/regressions.log"
            echo "== $target: a regression input fails (log: FuzzTesting/$work/regressions.log)"
            failed+=("$target")
            continue
        fi
    fi

    cp Corpus/"$target"/* "$corpus/"
    echo "== $target: fuzzing for ${seconds}s"
    if "$bin/$target" "${libfuzzer_flags[@]}" -max_total_time="$seconds" -print_final_stats=1 \
        -artifact_prefix="$work/artifacts/" "$corpus" >"$work/fuzz.log" 2>&1
    then
        grep -E '^#[0-9]+[[:space:]]+DONE' "$work/fuzz.log" | tail -n 1 || true
        grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$work/fuzz.log" | tr '\n' ' '
        echo
    else
        tail -n 60 "$work/fuzz.log"
        echo "== $target: FAILED (log: FuzzTesting/$work/fuzz.log, input: FuzzTesting/$work/artifacts/)"
        failed+=("$target")
    fi
done

if ((${#failed[@]} > 0)); then
    echo "run.sh: findings in ${failed[*]}" >&2
    exit 1
fi
echo "run.sh: ${#targets[@]} targets, ${seconds}s each, no findings"
