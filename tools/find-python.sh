#!/usr/bin/env bash
# Print the path of a working Python interpreter for version X.Y.
#   tools/find-python.sh 3.12
# Order: $PYTHON<XY> (e.g. PYTHON312=/usr/bin/python3.12), the newest
# $(pyenv root)/versions/X.Y.*, then pythonX.Y on PATH (a pyenv shim for a
# version that is not enabled fails the check and is skipped).
set -euo pipefail

want="${1:?usage: $0 X.Y}"
override_var="PYTHON${want/./}"

works() {
    [[ -x "$1" ]] && "$1" -c "import sys, venv, ensurepip; sys.exit(0 if '%d.%d' % sys.version_info[:2] == '$want' else 1)" 2>/dev/null
}

if [[ -n "${!override_var:-}" ]]; then
    if works "${!override_var}"; then echo "${!override_var}"; exit 0; fi
    echo "find-python: $override_var=${!override_var} is not a working Python $want" >&2
    exit 1
fi

if command -v pyenv >/dev/null 2>&1; then
    root="$(pyenv root)"
    while IFS= read -r candidate; do
        if works "$candidate"; then echo "$candidate"; exit 0; fi
    done < <(printf '%s\n' "$root"/versions/"$want".*/bin/python3 | sort -rV)
fi

if candidate="$(command -v "python$want")" && works "$candidate"; then
    echo "$candidate"
    exit 0
fi

echo "find-python: no working Python $want (install it, e.g. 'pyenv install $want', or set $override_var)" >&2
exit 1
