#!/usr/bin/env bash
# Builds the solution and the benchmarks (Release, warnings as errors) and runs every test project.
# The last line is always `tests: N passed, N failed` (`, N skipped` when some were skipped).
# Non-interactive: works under CI=true with no stdin.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# 1. The .NET SDK.
if ! command -v dotnet >/dev/null 2>&1; then
    echo "error: 'dotnet' not found. Install the .NET 10 SDK: https://dotnet.microsoft.com/download (or 'apt-get install dotnet-sdk-10.0')." >&2
    echo "tests: 0 passed, 0 failed"
    exit 1
fi

# What the tests need besides the SDK: installed from Debian's packages when run as root with apt-get (a fresh CI
# machine), otherwise a warning; the tests that need it then fail with their own message.
# Usage: install_or_warn WHAT NEEDED_BY PACKAGE...
install_or_warn() {
    local what="$1" needed_by="$2"
    shift 2
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "$what not found; installing '$*'..."
        if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } </dev/null >/dev/null 2>&1; then
            echo "warning: 'apt-get install $*' failed; $needed_by will fail." >&2
        fi
    else
        echo "warning: $what not found." >&2
        echo "warning: install it (Debian/Ubuntu: 'sudo apt-get install $*'); $needed_by will fail without it." >&2
    fi
}

# 2. PostgreSQL server binaries, for the tests that run a real server.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    install_or_warn "PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb)" "the PostgreSQL-backed tests" postgresql
fi

# 3. A native linker, for the tool package test (`dotnet pack` compiles this platform's tool natively: clang or gcc).
if ! command -v clang >/dev/null 2>&1 && ! command -v gcc >/dev/null 2>&1; then
    install_or_warn "A native linker (clang or gcc)" "the tool package test (it packs the tool as native AOT)" gcc libc6-dev
fi

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

# 4. Build the solution, and the benchmarks (not in the solution: `dotnet test` must not run them, but they must
#    keep compiling against the engine they measure).
for project in Analyzer.sln bench/Analyzer.Benchmarks/Analyzer.Benchmarks.csproj; do
    if ! dotnet build "$project" -c Release -warnaserror -nologo </dev/null >"$results/build.log" 2>&1; then
        cat "$results/build.log"
        echo "build of $project failed"
        echo "tests: 0 passed, 0 failed"
        exit 1
    fi
done

# 5. Test every project; keep going when one fails so every TRX is written.
dotnet test Analyzer.sln -c Release --no-build --logger trx --results-directory "$results" </dev/null
test_exit=$?

# 6. Sum the <Counters .../> of every TRX.
passed=0 failed=0 skipped=0
shopt -s nullglob
for trx in "$results"/*.trx "$results"/*/*.trx; do
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
    attr() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    p=$(attr passed); f=$(attr failed); e=$(attr error); t=$(attr timeout); a=$(attr aborted)
    n=$(attr notExecuted); i=$(attr inconclusive); total=$(attr total); executed=$(attr executed)
    # MSTest leaves notExecuted at 0 for [Ignore]d tests: they only show as total - executed.
    unexecuted=$(( ${total:-0} - ${executed:-0} ))
    if [ "${n:-0}" -gt "$unexecuted" ]; then unexecuted=${n:-0}; fi
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
    skipped=$((skipped + unexecuted + ${i:-0}))
done

if [ "$test_exit" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "error: 'dotnet test' exited with code $test_exit but no TRX counts a failure (a test host crashed or a run aborted)." >&2
fi

summary="tests: $passed passed, $failed failed"
if [ "$skipped" -gt 0 ]; then
    summary="$summary, $skipped skipped"
fi
echo "$summary"

if [ "$failed" -gt 0 ] || [ "$test_exit" -ne 0 ]; then
    exit 1
fi
exit 0
