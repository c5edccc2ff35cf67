#!/usr/bin/env bash
# ansible-test sanity, offline, from the copied collection tree.
#   tools/sanity.sh <venv> <collection dir> [extra ansible-test args...]
set -euo pipefail

venv="$(cd "${1:?venv}" && pwd)"
tree="${2:?collection dir}"
shift 2
python_version="$("$venv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"

# ci-files.testing.ansible.com is unreachable: put the offline pip bootstrap
# where ansible-test looks for its cached copy.
"$venv/bin/python" tools/install_pip_bootstrap.py

cd "$tree"
# The copy lives under the repository's (git-ignored) .build folder. Left to
# itself ansible-test walks up to the enclosing .git, asks git for the file
# list, gets nothing (all ignored) and skips every test. Naming the content
# root stops the walk, so it lists the copy's files itself.
export ANSIBLE_TEST_CONTENT_ROOT="$PWD"
# ansible-test finds "python3.12" on PATH; the venv's comes before pyenv shims
# (a shim for a version that is not enabled fails).
PATH="$venv/bin:$PATH" exec ansible-test sanity --python "$python_version" --venv "$@"
