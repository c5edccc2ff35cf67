#!/usr/bin/env bash
# Benchmarks against the emulator (not tests): each tools/bench_*.py prints its table.
#   tools/bench.sh <venv> <build dir>
set -euo pipefail

venv="$(cd "${1:?venv}" && pwd)"
build="$(cd "${2:?build dir}" && pwd)"
shopt -s nullglob
benches=(tools/bench_*.py)
if [[ ${#benches[@]} -eq 0 ]]; then
    echo "bench: no benchmarks yet"
    exit 0
fi
for bench in "${benches[@]}"; do
    echo "==== $bench ===="
    COLLECTIONS_PATH="$build" PATH="$venv/bin:$PATH" PYTHONPATH="$build" "$venv/bin/python" "$bench"
done
