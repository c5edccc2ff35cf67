#!/usr/bin/env bash
# Unit tests with plain pytest, from the copied collection tree, so that
# ansible_collections.logmein.central.* imports resolve to the same files
# ansible-test would test.
#   tools/units.sh <venv> <build dir> [extra pytest args...]
set -euo pipefail

venv="$(cd "${1:?venv}" && pwd)"
build="$(cd "${2:?build dir}" && pwd)"
shift 2
tree="$build/ansible_collections/logmein/central"

cd "$tree"
if [[ ! -d tests/unit ]]; then
    echo "units: no tests/unit folder yet, nothing to run"
    exit 0
fi

rc=0
PYTHONPATH="$build${PYTHONPATH:+:$PYTHONPATH}" \
    "$venv/bin/python" -m pytest -p no:pytest-ansible -p no:cacheprovider tests/unit "$@" || rc=$?
if [[ $rc -eq 5 ]]; then
    echo "units: no tests were collected: that is a failure" >&2
fi
exit $rc
