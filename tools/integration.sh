#!/usr/bin/env bash
# Integration tests: pytest drives real ansible-playbook / ansible-inventory
# processes (from the venv) against an emulator process, using the collection
# from the copied tree.
#   tools/integration.sh <venv> <build dir> [extra pytest args...]
set -euo pipefail

venv="$(cd "${1:?venv}" && pwd)"
build="$(cd "${2:?build dir}" && pwd)"
shift 2
cd "$build/ansible_collections/logmein/central"

rc=0
PATH="$venv/bin:$PATH" PYTHONPATH="$build${PYTHONPATH:+:$PYTHONPATH}" \
    "$venv/bin/python" -m pytest -p no:pytest-ansible -p no:cacheprovider tests/integration "$@" || rc=$?
if [[ $rc -eq 5 ]]; then
    echo "integration: no tests were collected: that is a failure" >&2
fi
exit $rc
