#!/usr/bin/env bash
# What a release would publish: build the tarball from the repository root, as a release does
# (not from the clean copy in .build, which would hide what build_ignore misses), and fail if it
# holds a venv, build or test output, a cache, .git, .github or a private key. The checker's own
# tests run first, so a checker that cannot fail does not pass the stage.
#   tools/build-check.sh <venv> <build dir>
set -euo pipefail

venv="$(cd "${1:?venv}" && pwd)"
build="${2:?build dir}"
out="$build/build-check"

# -p no:cacheprovider: no .pytest_cache in the repository root.
"$venv/bin/python" -m pytest -p no:pytest-ansible -p no:cacheprovider -q tools/test_check_build.py

rm -rf "$out"
mkdir -p "$out"
"$venv/bin/ansible-galaxy" collection build --force --output-path "$out" . >/dev/null
"$venv/bin/python" tools/check_build.py "$out"/logmein-central-*.tar.gz
