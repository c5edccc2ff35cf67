#!/usr/bin/env bash
# The report pages in a real browser: tests/browser with Selenium, headless Chromium and chromedriver.
#   tools/browser.sh <browser venv> <dev venv> <build dir> [extra pytest args...]
# Chromium and chromedriver are Debian's chromium and chromium-driver packages: installed here when missing
# (as root, with apt-get); when they cannot be, the stage fails saying what to install. It never skips.
set -euo pipefail

venv="$(cd "${1:?browser venv}" && pwd)"
dev="$(cd "${2:?dev venv}" && pwd)"
build="$(cd "${3:?build dir}" && pwd)"
shift 3

# A font too: the pages are measured (overflow, cell widths) as text is laid out, and a minimal
# container may have none.
have_browser() {
    command -v chromium >/dev/null && command -v chromedriver >/dev/null && [[ -n "$(fc-list 2>/dev/null | head -n 1)" ]]
}
if ! have_browser; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        echo "browser: installing chromium, chromium-driver and fonts-dejavu-core with apt-get"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-dejavu-core >/dev/null
    fi
    if ! have_browser; then
        echo "browser: Chromium, chromedriver or a font is missing; install them: apt-get install chromium chromium-driver fonts-dejavu-core" \
             "(Debian packages; run this stage as root to have it done)" >&2
        exit 1
    fi
fi

cd "$build/ansible_collections/logmein/central"
rc=0
REPORTS_ANSIBLE_BIN="$dev/bin" PYTHONPATH="$build${PYTHONPATH:+:$PYTHONPATH}" \
    "$venv/bin/python" -m pytest -p no:cacheprovider tests/browser "$@" || rc=$?
if [[ $rc -eq 5 ]]; then
    echo "browser: no tests were collected: that is a failure" >&2
fi
exit $rc
