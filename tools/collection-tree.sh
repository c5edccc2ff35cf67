#!/usr/bin/env bash
# Copy the working tree to <build>/ansible_collections/logmein/central, fresh
# each time (ansible-test refuses a symlinked collection root).
#   tools/collection-tree.sh [build dir, default .build]
# Excludes what .gitignore excludes plus .git, so untracked-but-not-ignored
# files (new work not yet added) are tested as well.
set -euo pipefail

build="${1:-.build}"
dest="$build/ansible_collections/logmein/central"

rm -rf "$dest"
mkdir -p "$dest"
tar -C . -cf - \
    --exclude=./.git \
    --exclude='./.venv*' \
    --exclude="./${build#./}" \
    --exclude='./.build*' \
    --exclude=./.ansible \
    --exclude=./tests/output \
    --exclude=./tests/integration/inventory \
    --exclude=__pycache__ \
    --exclude='*.pyc' \
    --exclude=.pytest_cache \
    --exclude=.hypothesis \
    --exclude='./*.tar.gz' \
    --exclude=./changelogs/.plugin-cache.yaml \
    . | tar -C "$dest" -xf -
