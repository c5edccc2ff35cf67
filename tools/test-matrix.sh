#!/usr/bin/env bash
# The unit tests on every ansible-core minor the collection supports (meta/runtime.yml
# requires_ansible >=2.16.0), one cached venv each, from one copy of the collection.
#   tools/test-matrix.sh <build dir> [extra pytest args...]
#   MATRIX_CORES="2.17 2.20" tools/test-matrix.sh .build     # a subset
# Every core runs even when one fails (the point is to see which ones do); the exit status is
# non-zero if any failed. A venv is rebuilt only when its lock changes (tools/mkvenv.sh), so a
# warm run costs the tests alone.
set -euo pipefail

build="${1:?build dir}"
shift

# core  python  venv  lock. 2.16 and 2.21 reuse the venvs of `make test` (same pins); ansible-core
# 2.20 and later need Python 3.12, the older ones run on 3.11, the oldest Python each supports
# among the two controller versions the project builds with.
matrix=(
    "2.16 3.11 ${VENV_CORE216:-.venv-core216} tests/requirements/core216.txt"
    "2.17 3.11 .venv-core217 tests/requirements/core217.txt"
    "2.18 3.11 .venv-core218 tests/requirements/core218.txt"
    "2.19 3.11 .venv-core219 tests/requirements/core219.txt"
    "2.20 3.12 .venv-core220 tests/requirements/core220.txt"
    "2.21 3.12 ${VENV:-.venv} tests/requirements/dev.txt"
)
wanted="${MATRIX_CORES:-}"

rows=()
failed=0
start_all=$SECONDS
for entry in "${matrix[@]}"; do
    read -r core python venv lock <<<"$entry"
    if [[ -n "$wanted" && " $wanted " != *" $core "* ]]; then
        continue
    fi
    echo
    echo "==== ansible-core $core (Python $python, $venv) ===="
    start=$SECONDS
    log="$build/test-matrix-$core.log"
    status=ok
    if ! tools/mkvenv.sh "$python" "$venv" "$lock"; then
        status="FAILED (venv)"
    else
        # A venv whose core is not the one of its row would make the table lie.
        actual="$("$venv/bin/python" -c 'from ansible.release import __version__; print(__version__)')"
        if [[ "$actual" != "$core".* ]]; then
            echo "test-matrix: $venv has ansible-core $actual, expected $core.x" >&2
            status="FAILED (venv has $actual)"
        elif ! tools/units.sh "$venv" "$build" "$@" 2>&1 | tee "$log"; then
            status=FAILED
        fi
    fi
    summary="$(grep -E '^=+ .*(passed|failed|error).* in ' "$log" 2>/dev/null | tail -1 | tr -d '=' | sed 's/^ *//; s/ *$//' || true)"
    [[ "$status" == ok ]] || failed=1
    rows+=("$(printf '  %-6s %-7s %5ss  %-8s %s' "$core" "${actual:-?}" "$((SECONDS - start))" "$status" "$summary")")
    unset actual
done

if [[ ${#rows[@]} -eq 0 ]]; then
    echo "test-matrix: MATRIX_CORES='$wanted' names no core of the matrix" >&2
    exit 2
fi
echo
echo "==== test-matrix: unit tests per ansible-core ===="
printf '  %-6s %-7s %6s  %-8s %s\n' core version time result pytest
printf '%s\n' "${rows[@]}"
echo "  total $((SECONDS - start_all))s"
exit $failed
