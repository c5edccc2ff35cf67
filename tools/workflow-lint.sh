#!/usr/bin/env bash
# actionlint on the GitHub workflows, with the pinned shellcheck for their `run:` scripts.
#   tools/workflow-lint.sh <workflow-lint venv>
# actionlint skips shellcheck silently when it cannot run it, so the stage first lints a
# workflow with a known shellcheck finding and a known expression error, and fails unless both
# are reported: a lint that checks nothing does not pass.
set -euo pipefail

venv="$(cd "${1:?workflow-lint venv}" && pwd)"
# -pyflakes= : no python `run:` scripts here; do not depend on whatever pyflakes is on PATH.
lint=("$venv/bin/actionlint" -shellcheck="$venv/bin/shellcheck" -pyflakes= -no-color)

probe="$(mktemp -d)"
trap 'rm -rf "$probe"' EXIT
cat > "$probe/probe.yml" <<'YAML'
on: push
jobs:
  probe:
    runs-on: ubuntu-latest
    steps:
      - run: echo $1
      - run: echo "${{ matrix.no_such_key }}"
YAML
if out="$("${lint[@]}" "$probe/probe.yml" 2>&1)"; then
    echo "workflow-lint: actionlint passed a workflow with known errors: it is not checking" >&2
    exit 1
fi
for expected in 'SC2086' 'matrix.no_such_key'; do
    if ! grep -q "$expected" <<<"$out"; then
        echo "workflow-lint: actionlint did not report $expected on the probe:" >&2
        echo "$out" >&2
        exit 1
    fi
done

shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
if [[ ${#workflows[@]} -eq 0 ]]; then
    echo "workflow-lint: no workflow in .github/workflows" >&2
    exit 1
fi
"${lint[@]}" "${workflows[@]}"
echo "workflow-lint: ${#workflows[@]} workflows clean (actionlint $("$venv/bin/actionlint" -version | head -1), shellcheck on)"
