#!/usr/bin/env bash
# The Event-Driven Ansible tests: the shipped rulebooks run by the real ansible-rulebook against the emulator.
#   tools/eda.sh <venv with ansible-rulebook> <build dir> [extra pytest args...]
# ansible-rulebook runs its rules in drools through jpy and needs a Java runtime, 17 or later. When none is
# found (JAVA_HOME, then java on PATH, then /usr/lib/jvm), Debian's openjdk-17-jre-headless is installed with
# apt-get where this runs as root; otherwise the stage fails saying what to install. It never skips.
set -euo pipefail

venv="$(cd "${1:?venv}" && pwd)"
build="${2:?build dir}"
shift 2

java_major() {  # the major version of the java binary $1, or nothing
    "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\)[."].*/\1/p' | head -n 1
}

find_java_home() {
    local candidate java
    for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java || echo /nonexistent)")")")" /usr/lib/jvm/*; do
        java="$candidate/bin/java"
        if [[ -n "$candidate" && -x "$java" ]] && (( $(java_major "$java" || echo 0) >= 17 )); then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

if ! java_home="$(find_java_home)"; then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
        echo "eda: no Java 17 or later found; installing openjdk-17-jre-headless" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
    fi
    java_home="$(find_java_home)" || {
        echo "eda: ansible-rulebook needs Java 17 or later and none was found: install openjdk-17-jre-headless" \
             "(Debian/Ubuntu) or set JAVA_HOME" >&2
        exit 1
    }
fi
export JAVA_HOME="$java_home"
"$venv/bin/ansible-rulebook" --version >/dev/null || { echo "eda: ansible-rulebook does not start (see above)" >&2; exit 1; }

exec tools/integration.sh "$venv" "$build" -m eda "$@"
