#!/usr/bin/env bash
# Run make targets in order, stop at the first failure, and print how long
# each stage took.   MAKE=make tools/stages.sh target...
set -uo pipefail

make_cmd="${MAKE:-make}"
stages=("$@")
times=()
results=()
rc=0

for stage in "${stages[@]}"; do
    echo
    echo "==== $stage ===="
    start=$SECONDS
    $make_cmd --no-print-directory "$stage"
    rc=$?
    times+=($((SECONDS - start)))
    if [[ $rc -ne 0 ]]; then
        results+=("FAILED (exit $rc)")
        break
    fi
    results+=("ok")
done

echo
echo "==== stage timings ===="
total=0
for i in "${!stages[@]}"; do
    if [[ $i -lt ${#times[@]} ]]; then
        printf '  %-16s %6ss  %s\n' "${stages[$i]}" "${times[$i]}" "${results[$i]}"
        total=$((total + times[i]))
    else
        printf '  %-16s %7s  %s\n' "${stages[$i]}" "-" "not run"
    fi
done
printf '  %-16s %6ss\n' "total" "$total"
exit $rc
