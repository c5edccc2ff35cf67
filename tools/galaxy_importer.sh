#!/usr/bin/env bash
# Build the collection tarball and run galaxy-importer on it, as Galaxy / Automation Hub would.
#   tools/galaxy_importer.sh <importer venv> <dev venv> <build dir>
set -euo pipefail

importer="$(cd "${1:?importer venv}" && pwd)"
venv="$(cd "${2:?dev venv}" && pwd)"
build="$(cd "${3:?build dir}" && pwd)"
dist="$build/dist"
rm -rf "$dist"
"$venv/bin/ansible-galaxy" collection build --force --output-path "$dist" "$build/ansible_collections/logmein/central" >/dev/null
tarball="$(ls "$dist"/logmein-central-*.tar.gz)"

config="$build/galaxy-importer.cfg"
cat > "$config" <<'CFG'
[galaxy-importer]
RUN_ANSIBLE_TEST = False
RUN_ANSIBLE_LINT = True
CFG
# The importer's own ansible-lint must be first on PATH, or it silently skips linting.
log="$build/galaxy-importer.log"
# It writes importer_result.json into the current folder: keep that in the build folder.
(cd "$build" && PATH="$importer/bin:$PATH" GALAXY_IMPORTER_CONFIG="$config" \
    "$importer/bin/python" -m galaxy_importer.main "$tarball") 2>&1 | tee "$log"
if grep -q "^ERROR" "$log" || ! grep -q "Importer processing completed successfully" "$log"; then
    echo "galaxy-importer: the import reported errors" >&2
    exit 1
fi
grep -q "Linting collection via ansible-lint" "$log" || { echo "galaxy-importer: ansible-lint did not run" >&2; exit 1; }
