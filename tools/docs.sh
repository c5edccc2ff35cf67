#!/usr/bin/env bash
# Reference docs generated from the plugins' own documentation (antsibull-docs).
#   tools/docs.sh generate <venv> <build dir>   rewrite docs/reference
#   tools/docs.sh check <venv> <build dir>      lint the docs and fail if docs/reference is stale
# Only docs/reference is compared byte for byte: the report screenshots that `make docs` also writes
# (docs/docsite/rst/images, by tools/browser.sh) depend on the machine's fonts and are never compared.
set -euo pipefail

mode="${1:?generate or check}"
venv="$(cd "${2:?venv}" && pwd)"
build="$(cd "${3:?build dir}" && pwd)"
tree="$build/ansible_collections/logmein/central"
export ANSIBLE_COLLECTIONS_PATH="$build" PATH="$venv/bin:$PATH"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
antsibull-docs collection --use-current --squash-hierarchy --dest-dir "$scratch" logmein.central >/dev/null

case "$mode" in
    generate)
        rm -rf docs/reference
        mkdir -p docs/reference
        cp -r "$scratch"/. docs/reference/
        echo "docs/reference regenerated"
        ;;
    check)
        antsibull-docs lint-collection-docs --plugin-docs "$tree"
        if ! diff -r -q "$scratch" docs/reference >/dev/null 2>&1; then
            diff -r "$scratch" docs/reference | head -40 || true
            echo "docs/reference is out of date: run 'make docs' and commit the result" >&2
            exit 1
        fi
        echo "docs/reference is up to date"
        ;;
    *)
        echo "unknown mode $mode" >&2
        exit 2
        ;;
esac
