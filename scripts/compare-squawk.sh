#!/usr/bin/env bash
# Times the whole `replicaguard check` process against `squawk --reporter json` on the same inputs, interleaved
# (rg, squawk, rg, squawk, ...) so that both see the same machine load, and prints medians and minimums (wall and
# CPU), peak memory, the ratios, and issue 7's process targets (<= 0.12 s, >= 5x faster, <= 100 MiB).
# On a loaded machine the minimums and the CPU ratio are the figures to trust; the medians need an idle one.
#
# Usage: scripts/compare-squawk.sh [-n RUNS] [FILE.sql ...]
#   default input: ../shared/corpus/gitlab/db/structure.sql (beside the repository), default RUNS: 11.
# Environment:
#   REPLICAGUARD  command to run instead of publishing the CLI (e.g. "dotnet src/Cli/bin/Release/net10.0/replicaguard.dll")
#   BUILD         what to publish when REPLICAGUARD is not set: "aot" (default; what the tool package for this platform
#                 holds) or "readytorun" (the framework-dependent build of the other platforms' packages)
#   SQUAWK        squawk executable to use instead of the one found on PATH or installed below
# The CLI is published once to a temporary folder (dotnet publish src/Cli -c Release -r <rid>, native AOT or ReadyToRun).
# squawk-cli 2.66.0 is installed from npm into a temporary prefix when no squawk is on PATH (never globally).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

runs=11
if [ "${1:-}" = "-n" ]; then
    runs="$2"
    shift 2
fi
inputs=("$@")
if [ ${#inputs[@]} -eq 0 ]; then
    inputs=("../shared/corpus/gitlab/db/structure.sql")
fi
for f in "${inputs[@]}"; do
    if [ ! -f "$f" ]; then
        echo "error: input not found: $f (the default needs ../shared/corpus beside the repository)" >&2
        exit 2
    fi
done
if [ ! -x /usr/bin/time ]; then
    echo "error: /usr/bin/time (GNU time) is needed for peak memory: apt-get install time" >&2
    exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 1. replicaguard: published (native AOT unless BUILD=readytorun) unless told which command to run.
if [ -n "${REPLICAGUARD:-}" ]; then
    read -r -a rg <<<"$REPLICAGUARD"
else
    rid="$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)"
    case "${BUILD:-aot}" in
        aot) build=(-p:ReplicaGuardNativeAot=true) ;;
        readytorun) build=(--self-contained false) ;;
        *) echo "error: BUILD must be aot or readytorun, not '${BUILD}'" >&2; exit 2 ;;
    esac
    echo "publishing the CLI (${BUILD:-aot}, $rid)..." >&2
    if ! dotnet publish src/Cli -c Release -r "$rid" "${build[@]}" -o "$work/rg" -nologo -v q </dev/null >"$work/publish.log" 2>&1; then
        cat "$work/publish.log" >&2
        echo "error: publishing the CLI (${BUILD:-aot}) failed, see above." >&2
        if [ "${BUILD:-aot}" = "aot" ]; then
            echo "       Native AOT needs a native linker (apt-get install gcc libc6-dev, or clang); BUILD=readytorun measures the other build." >&2
        fi
        exit 2
    fi
    rg=("$work/rg/replicaguard")
fi

# 2. squawk: from PATH, or npm into a temporary prefix.
squawk="${SQUAWK:-$(command -v squawk || true)}"
if [ -z "$squawk" ]; then
    echo "installing squawk-cli@2.66.0 from npm into $work/squawk (temporary, not global)..." >&2
    npm install --silent --no-audit --no-fund --prefix "$work/squawk" squawk-cli@2.66.0 </dev/null >"$work/npm.log" 2>&1 \
        || { cat "$work/npm.log" >&2; exit 2; }
    squawk="$work/squawk/node_modules/.bin/squawk"
fi
# The npm package's `squawk` is a Node.js shim that spawns the native binary; time the native binary itself so
# that Node's start-up is not counted against squawk.
native="$(dirname "$(readlink -f "$squawk")")/../../../@squawk-cli/linux-x64/bin/squawk"
if [ -x "$native" ]; then
    squawk="$(readlink -f "$native")"
fi
echo "squawk: $squawk ($("$squawk" --version))" >&2

# 3. Interleaved runs; each line of a times file is "wall_seconds max_rss_kib cpu_seconds" (user + system).
#    Exit codes 0/1 both mean "checked".
measure() { # name, command...
    local name="$1"
    shift
    local rc=0
    /usr/bin/time -f "%e %M %U %S" -o "$work/t" "$@" </dev/null >"$work/out.$name" 2>"$work/err.$name" || rc=$?
    if [ "$rc" -gt 1 ]; then
        echo "error: $name exited with $rc:" >&2
        cat "$work/err.$name" >&2
        exit 2
    fi
    # GNU time writes "Command exited with non-zero status 1" before the figures when the command exits 1 (squawk does
    # whenever it reports anything): keep only the last line.
    tail -n 1 "$work/t" | awk '{ print $1, $2, $3 + $4 }' >>"$work/$name.times"
}

echo "inputs: ${inputs[*]}" >&2
echo "runs: $runs (interleaved, after one warm-up each); load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
measure warm "${rg[@]}" check "${inputs[@]}" --format json --output "$work/rg.json"
measure warm "$squawk" --reporter json "${inputs[@]}"
: >"$work/rg.times"
: >"$work/squawk.times"
for ((i = 0; i < runs; i++)); do
    measure rg "${rg[@]}" check "${inputs[@]}" --format json --output "$work/rg.json"
    measure squawk "$squawk" --reporter json "${inputs[@]}"
done

median() { # column of a times file
    sort -g -k"$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
minimum() { # column of a times file
    sort -g -k"$2" "$1" | awk -v c="$2" 'NR == 1 { print $c }'
}
rg_s="$(median "$work/rg.times" 1)"
sq_s="$(median "$work/squawk.times" 1)"
rg_kib="$(median "$work/rg.times" 2)"
sq_kib="$(median "$work/squawk.times" 2)"
rg_cpu="$(median "$work/rg.times" 3)"
sq_cpu="$(median "$work/squawk.times" 3)"
rg_min="$(minimum "$work/rg.times" 1)"
sq_min="$(minimum "$work/squawk.times" 1)"
rg_cpu_min="$(minimum "$work/rg.times" 3)"
sq_cpu_min="$(minimum "$work/squawk.times" 3)"
rg_kib_max="$(sort -g -k2 "$work/rg.times" | tail -n 1 | awk '{ print $2 }')"
awk -v rs="$rg_s" -v ss="$sq_s" -v rk="$rg_kib" -v sk="$sq_kib" -v rc="$rg_cpu" -v sc="$sq_cpu" -v n="$runs" \
    -v rm="$rg_min" -v sm="$sq_min" -v rcm="$rg_cpu_min" -v scm="$sq_cpu_min" -v rkx="$rg_kib_max" 'BEGIN {
    printf "replicaguard check: median %.3f s wall, %.3f s CPU; min %.3f s wall, %.3f s CPU; %.1f MiB peak RSS (median; max %.1f) (%d runs)\n", rs, rc, rm, rcm, rk / 1024, rkx / 1024, n
    printf "squawk --reporter json: median %.3f s wall, %.3f s CPU; min %.3f s wall, %.3f s CPU; %.1f MiB peak RSS (%d runs)\n", ss, sc, sm, scm, sk / 1024, n
    printf "ratio (wall): replicaguard is %.1fx faster than squawk (medians), %.1fx (minimums)\n", (rs > 0 ? ss / rs : 0), (rm > 0 ? sm / rm : 0)
    printf "ratio (CPU):  replicaguard is %.1fx faster than squawk (medians), %.1fx (minimums)\n", (rc > 0 ? sc / rc : 0), (rcm > 0 ? scm / rcm : 0)
    printf "issue 7 targets (median wall and ratio, largest RSS): wall <= 0.12 s: %s; >= 5x faster: %s; peak RSS <= 100 MiB: %s\n", \
        (rs <= 0.12 ? "met" : "not met"), (rs > 0 && ss / rs >= 5 ? "met" : "not met"), (rkx <= 100 * 1024 ? "met" : "not met")
}'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
