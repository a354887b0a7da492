#!/usr/bin/env bash
# What the ReplicaGuard MSBuild task adds to a no-change incremental build (issue 7: at most 50 ms).
# Packs the ReplicaGuard package into a temporary feed, copies a sample project, builds it once, then runs no-change
# builds interleaved in three variants and prints the minimum and median of MSBuild's own timings
# (-clp:PerformanceSummary: the ReplicaGuardCheck target and task, _ReplicaGuardWriteInputs) and of the whole build:
#   cached    the normal no-change build: the task re-logs the last run's results (obj/.../replicaguard.results.txt)
#   uncached  the results file deleted first: the task analyses again (what every no-change build did before the cache)
#   disabled  -p:ReplicaGuardEnableDefaultMigrations=false: no migrations, the targets do nothing
#
# Usage: scripts/measure-msbuild-task.sh [-n RUNS] [SAMPLE]   (default: 7 runs, samples/migrations-only, which has errors)
# Builds run with --no-restore after the first, so restore's own noise stays out; MSBUILDDISABLENODEREUSE=1 as in CI.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDDISABLENODEREUSE=1

runs=7
if [ "${1:-}" = "-n" ]; then
    runs="$2"
    shift 2
fi
sample="${1:-samples/migrations-only}"
[ -d "$sample" ] || { echo "error: no such sample: $sample" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
version="0.1.0-measure$(date +%Y%m%d%H%M%S)"
echo "packing ReplicaGuard $version..." >&2
dotnet pack src/Package/ReplicaGuard.csproj -c Release -o "$work/feed" -p:PackageVersion="$version" -nologo -v q </dev/null >"$work/pack.log" 2>&1 \
    || { cat "$work/pack.log" >&2; exit 2; }

project="$work/project"
mkdir -p "$project"
(cd "$sample" && tar --exclude=bin --exclude=obj -cf - .) | tar -xf - -C "$project"
cat >"$project/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
EOF
common=(-nologo -p:ReplicaGuardVersion="$version" -p:RestorePackagesPath="$work/packages")
dotnet build "$project" "${common[@]}" </dev/null >"$work/first.log" 2>&1 || true
[ -n "$(find "$project/obj" -name replicaguard.inputs.txt 2>/dev/null)" ] \
    || { cat "$work/first.log" >&2; echo "error: the first build did not run the ReplicaGuard targets" >&2; exit 2; }

build() { # variant: appends "wall_ms target_ms task_ms inputs_ms exit" to $work/<variant>.times
    local variant="$1" extra=() rc=0
    case "$variant" in
        uncached) find "$project/obj" -name replicaguard.results.txt -delete ;;
        disabled) extra=(-p:ReplicaGuardEnableDefaultMigrations=false) ;;
    esac
    local start end
    start=$(date +%s%N)
    dotnet build "$project" --no-restore "${common[@]}" "${extra[@]}" -clp:PerformanceSummary </dev/null >"$work/out" 2>&1 || rc=$?
    end=$(date +%s%N)
    # In the summary the target line comes first, then the task line with the same name.
    local target task inputs
    target=$(awk '$2 == "ms" && $3 == "ReplicaGuardCheck" { print $1; exit }' "$work/out")
    task=$(awk '$2 == "ms" && $3 == "ReplicaGuardCheck" { n++; if (n == 2) { print $1; exit } }' "$work/out")
    inputs=$(awk '$2 == "ms" && $3 == "_ReplicaGuardWriteInputs" { print $1; exit }' "$work/out")
    echo "$(( (end - start) / 1000000 )) ${target:-0} ${task:-0} ${inputs:-0} $rc" >>"$work/$variant.times"
}

echo "sample: $sample; runs: $runs (interleaved); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((i = 0; i < runs; i++)); do
    for variant in cached uncached disabled; do build "$variant"; done
done

stat() { # file column -> "min median"
    sort -g -k"$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { printf "%d %g", v[1], (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
for variant in cached uncached disabled; do
    f="$work/$variant.times"
    read -r wmin wmed <<<"$(stat "$f" 1)"
    read -r tmin tmed <<<"$(stat "$f" 2)"
    read -r kmin kmed <<<"$(stat "$f" 3)"
    read -r imin imed <<<"$(stat "$f" 4)"
    printf "%-9s build: min %5d ms, median %6.0f ms | ReplicaGuardCheck target: min %4d, median %5.0f ms | task: min %4d, median %5.0f ms | _ReplicaGuardWriteInputs: min %3d, median %4.0f ms | exit %s\n" \
        "$variant" "$wmin" "$wmed" "$tmin" "$tmed" "$kmin" "$kmed" "$imin" "$imed" "$(head -n 1 "$f" | awk '{ print $5 }')"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
