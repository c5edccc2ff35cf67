#!/usr/bin/env bash
# Create or refresh a virtual environment from a pinned requirements file.
#   tools/mkvenv.sh <python X.Y> <venv dir> <requirements.txt>
# <venv dir>/.requirements.txt is the stamp: a copy of the requirements the
# venv was built from. When the requirements differ from the stamp (or the venv
# is missing or broken) the venv is rebuilt from scratch, so removed pins do
# not linger; otherwise nothing is installed.
set -euo pipefail

version="${1:?python version}"
venv="${2:?venv dir}"
req="${3:?requirements file}"
stamp="$venv/.requirements.txt"

if [[ -f "$stamp" ]] && cmp -s "$stamp" "$req" && "$venv/bin/python" -c '' 2>/dev/null; then
    touch "$stamp"   # newer than $req again, so make stays quiet
    exit 0
fi

python="$(tools/find-python.sh "$version")"
echo "mkvenv: building $venv with $python from $req"
rm -rf "$venv"
"$python" -m venv "$venv"

# The machine-wide pip configuration lists local index folders that may not
# exist; drop pip's warning about each of them (and nothing else).
quiet() { grep -v "^WARNING: Location 'file:" >&2 || true; }

"$venv/bin/python" -m pip install --quiet -r "$req" 2> >(quiet)
"$venv/bin/python" -m pip check
cp "$req" "$stamp"
