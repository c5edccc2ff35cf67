#!/usr/bin/env bash
# The shared state on a real Redis server: tests/redis start Debian's redis-server on a loopback port (no
# persistence) and run processes, and ansible-playbook runs, that share nothing but its URL.
#   tools/redis.sh <venv> <build dir> [extra pytest args...]
# When redis-server is missing, Debian's package redis-server is installed with apt-get where this runs as root;
# otherwise the stage fails saying what to install. It never skips.
set -euo pipefail

venv="$(cd "${1:?venv}" && pwd)"
build="$(cd "${2:?build dir}" && pwd)"
shift 2

find_redis_server() {
    command -v redis-server || { [[ -x /usr/bin/redis-server ]] && echo /usr/bin/redis-server; }
}

if ! server="$(find_redis_server)"; then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
        echo "redis: redis-server not found; installing Debian's redis-server with apt-get" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
    fi
    server="$(find_redis_server)" || {
        echo "redis: redis-server was not found: install the package redis-server (Debian/Ubuntu: apt-get install" \
             "redis-server), or put redis-server on PATH" >&2
        exit 1
    }
fi
"$server" --version
"$venv/bin/python" -c 'import redis' 2>/dev/null || {
    echo "redis: the Python library redis is not installed in $venv: run make venv" >&2
    exit 1
}

cd "$build/ansible_collections/logmein/central"
rc=0
REDIS_SERVER="$server" PATH="$venv/bin:$PATH" PYTHONPATH="$build${PYTHONPATH:+:$PYTHONPATH}" \
    "$venv/bin/python" -m pytest -p no:pytest-ansible -p no:cacheprovider tests/redis "$@" || rc=$?
if [[ $rc -eq 5 ]]; then
    echo "redis: no tests were collected: that is a failure" >&2
fi
exit $rc
