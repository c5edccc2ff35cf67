#!/usr/bin/env bash
# ansible-builder create: the execution-environment build context from meta/execution-environment.yml.
# ansible-builder resolves the dependency files beside the definition, while a collection keeps
# them at its root (where ansible-builder's introspection of installed collections looks), so the
# definition is checked from a scratch copy with the files beside it.
#   tools/ee.sh <tools venv> <build dir>
set -euo pipefail

venv="$(cd "${1:?tools venv}" && pwd)"
build="$(cd "${2:?build dir}" && pwd)"
scratch="$build/ee"
rm -rf "$scratch"
mkdir -p "$scratch"
cp meta/execution-environment.yml requirements-ee.txt bindep.txt "$scratch/"
"$venv/bin/ansible-builder" create -f "$scratch/execution-environment.yml" -c "$scratch/context"
test -f "$scratch/context/Dockerfile" -o -f "$scratch/context/Containerfile"
grep -q requests "$scratch/context/_build/requirements.txt"
# The Redis client of state_url is in the image (it is imported only when a state_url is set).
grep -q redis "$scratch/context/_build/requirements.txt"
echo "ee: build context written to $scratch/context"

# The decision environment of the EDA guide (extensions/eda/decision-environment.yml) must be one
# ansible-builder accepts too.
"$venv/bin/ansible-builder" create -f extensions/eda/decision-environment.yml -c "$scratch/de-context" >/dev/null
grep -q logmein.central "$scratch/de-context/_build/requirements.yml"
grep -q redis "$scratch/de-context/_build/requirements.txt"
echo "ee: decision-environment build context written to $scratch/de-context"
