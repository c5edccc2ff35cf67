#!/usr/bin/env bash
# Molecule scenarios of the collection's roles against a Central emulator process (no containers).
#   tools/molecule.sh <venv> <build dir> [scenario, default desired_state]
# Needs the collection tree in <build dir> (make collection-tree) and molecule in <venv>.
# Starts the emulator (60 hosts, rate limit off, a fresh PSK), exports LOGMEIN_CENTRAL_* and
# ANSIBLE_COLLECTIONS_PATH=<build dir>, runs `molecule test` from <collection>/extensions,
# and stops the emulator whatever happens.
set -euo pipefail

venv="$(cd "${1:?venv}" && pwd)"
build="$(cd "${2:?build dir}" && pwd)"
scenario="${3:-desired_state}"
tree="$build/ansible_collections/logmein/central"
[[ -d "$tree/extensions/molecule/$scenario" ]] || { echo "molecule: no scenario $scenario in $tree/extensions/molecule" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/molecule-central.XXXXXX")"
emulator_pid=""
cleanup() {
    if [[ -n "$emulator_pid" ]] && kill -0 "$emulator_pid" 2>/dev/null; then
        kill "$emulator_pid" 2>/dev/null || true
        wait "$emulator_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

psk="$("$venv/bin/python" -c 'import secrets; print(secrets.token_urlsafe(96)[:128])')"
CENTRAL_EMULATOR_PSK="$psk" "$venv/bin/python" "$tree/tests/emulator/run_emulator.py" \
    --port 0 --hosts 60 --rate-limit-window 0 --quiet --ready-file "$work/ready.json" >"$work/emulator.log" 2>&1 &
emulator_pid=$!
for _ in $(seq 1 300); do
    [[ -s "$work/ready.json" ]] && break
    kill -0 "$emulator_pid" 2>/dev/null || { echo "molecule: the emulator did not start:" >&2; cat "$work/emulator.log" >&2; exit 1; }
    sleep 0.1
done
[[ -s "$work/ready.json" ]] || { echo "molecule: the emulator did not get ready in 30 s" >&2; exit 1; }
ready() { "$venv/bin/python" -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$work/ready.json" "$1"; }

# Only this run's settings: nothing from the caller's ANSIBLE_* / LOGMEIN_CENTRAL_* environment.
while IFS= read -r name; do unset "$name"; done < <(env | sed -n 's/^\(\(ANSIBLE\|LOGMEIN_CENTRAL\)_[A-Za-z0-9_]*\)=.*/\1/p')
LOGMEIN_CENTRAL_API_URL="$(ready api_url)"
LOGMEIN_CENTRAL_COMPANY_ID="$(ready company_id)"
export LOGMEIN_CENTRAL_API_URL LOGMEIN_CENTRAL_COMPANY_ID
export LOGMEIN_CENTRAL_PSK="$psk"
export LOGMEIN_CENTRAL_STATE_DIR="$work/state"
export ANSIBLE_COLLECTIONS_PATH="$build"
export ANSIBLE_LOCAL_TEMP="$work/ansible-tmp"
export ANSIBLE_HOME="$work/ansible-home"
export ANSIBLE_NOCOLOR=1
export PATH="$venv/bin:$PATH"

cd "$tree/extensions"
molecule test -s "$scenario"
