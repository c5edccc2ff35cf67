#!/usr/bin/env bash
# ansible-test integration, offline, from a copied collection tree: the targets under
# tests/integration/targets, each against the Central emulator (started by the
# setup_central_emulator target, stopped by itself when idle).
#   tools/targets.sh <venv> <build dir> [extra ansible-test integration args, e.g. target names...]
set -euo pipefail

venv="$(cd "${1:?venv}" && pwd)"
build="${2:?build dir}"
shift 2
python_version="$("$venv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"

# make targets-all copies both trees first, one after the other: tar fails ("file changed as we read
# it") when the other run creates its folder in the repository while this one reads it.
if [[ "${TARGETS_TREE_READY:-}" != 1 ]]; then
    tools/collection-tree.sh "$build"
fi
# ci-files.testing.ansible.com is unreachable: the offline pip bootstrap, as for sanity.
"$venv/bin/python" tools/install_pip_bootstrap.py

# ansible-test makes ~/.ansible/test/id_rsa on first use; two runs starting together (make targets-all)
# would both make it. Make it here first, one run at a time.
if ! command -v ssh-keygen >/dev/null; then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
        echo "targets: ssh-keygen not found (ansible-test needs it); installing Debian's openssh-client with apt-get" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openssh-client >/dev/null
    fi
    command -v ssh-keygen >/dev/null || {
        echo "targets: ssh-keygen was not found: install the package openssh-client (ansible-test makes a key with it)" >&2
        exit 1
    }
fi
mkdir -p "$HOME/.ansible/test"
(
    flock 9
    if [[ ! -f "$HOME/.ansible/test/id_rsa" ]]; then
        ssh-keygen -m PEM -q -t rsa -N '' -f "$HOME/.ansible/test/id_rsa"
    fi
) 9>"$HOME/.ansible/test/.logmein-central-keygen.lock"

cd "$build/ansible_collections/logmein/central"
# See tools/sanity.sh: stop ansible-test walking up to the repository's .git.
export ANSIBLE_TEST_CONTENT_ROOT="$PWD"
# --local: the venv's own Python and ansible-core (it has requests, which the modules need);
# no per-test venv to build from PyPI.
PATH="$venv/bin:$PATH" exec ansible-test integration --local --python "$python_version" --color no "$@"
