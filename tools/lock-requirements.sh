#!/usr/bin/env bash
# Regenerate a full lock (<name>.txt) from its top-level pins (<name>.in) in a
# throw-away venv:  tools/lock-requirements.sh <python X.Y> tests/requirements/dev.in
set -euo pipefail

version="${1:?python version}"
src="${2:?requirements .in file}"
out="${src%.in}.txt"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

python="$(tools/find-python.sh "$version")"
"$python" -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install --quiet -r "$src" 2> >(grep -v "^WARNING: Location 'file:" >&2 || true)
"$tmp/venv/bin/python" -m pip check
{
    echo "# Full lock for Python $version, generated from $(basename "$src") by tools/lock-requirements.sh."
    echo "# Do not edit by hand: change $(basename "$src") and run 'make lock'."
    "$tmp/venv/bin/python" -m pip freeze --all --exclude pip --exclude setuptools --exclude wheel | LC_ALL=C sort -f -t= -k1,1
} > "$out"
echo "lock: wrote $out"
