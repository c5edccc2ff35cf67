#!/usr/bin/env bash
# The inventory plugin logmein.central.central through ansible-inventory and ansible-playbook: a script
# target, since an inventory source is parsed when a run starts, before any task of it.
# ansible-test sets OUTPUT_DIR and INVENTORY_PATH (testhost).
set -eu
# setup_central_emulator is a role in the targets folder (copied next to this one: needs/target in aliases)
ANSIBLE_ROLES_PATH="$(cd "$(dirname "$0")/.." && pwd)"
export ANSIBLE_ROLES_PATH

run_play() {
    echo "inventory_central: ${SECONDS}s: $*"
    ansible-playbook -i "$INVENTORY_PATH" "$@"
}

# The emulator's admin API (reset, the request log): see admin.py
admin() {
    echo "inventory_central: ${SECONDS}s: admin $*"
    "${ANSIBLE_TEST_PYTHON_INTERPRETER:-python}" "$(dirname "$0")/admin.py" "$@"
}

# The emulator (started or found by setup_central_emulator); its connection as environment variables,
# the way an AWX credential injects them, in a file private to this run.
run_play setup.yml -e "inventory_central_env=$OUTPUT_DIR/central.env"
# shellcheck disable=SC1091
. "$OUTPUT_DIR/central.env"
export LOGMEIN_CENTRAL_API_URL LOGMEIN_CENTRAL_COMPANY_ID LOGMEIN_CENTRAL_PSK CENTRAL_ADMIN_URL
export ANSIBLE_INVENTORY_UNPARSED_FAILED=true ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED=true

for profile in guide variants; do
    echo "== inventory_central: $profile profile"
    export LOGMEIN_CENTRAL_STATE_DIR="$OUTPUT_DIR/state-$profile"
    admin reset "$profile"

    # The listing: hosts, names, groups, variables, compose/groups/keyed_groups, and the calls it took.
    run_play -i estate.central.yml listing.yml

    # Idempotence: without the read cache, a second listing reads the same three answers and is the same inventory.
    admin clear_log
    LOGMEIN_CENTRAL_READ_CACHE_TTL=0 ansible-inventory -i estate.central.yml --list --output "$OUTPUT_DIR/first.json"
    LOGMEIN_CENTRAL_READ_CACHE_TTL=0 ansible-inventory -i estate.central.yml --list --output "$OUTPUT_DIR/second.json"
    cmp "$OUTPUT_DIR/first.json" "$OUTPUT_DIR/second.json"
    admin expect_reads 2
done

# Bad input: a clear failure of the source, and nothing written.
admin reset guide
bad_run() {
    # $1: what the failure must say; the rest: the command
    local expected="$1" output
    shift
    if output="$("$@" 2>&1)"; then
        echo "inventory_central: expected a failure of: $*" >&2
        return 1
    fi
    # on one line: ansible-core 2.16 wraps warnings at 79 columns
    output="$(tr '\n' ' ' <<<"$output" | tr -s ' ')"
    if ! grep -qF -- "$expected" <<<"$output"; then
        echo "inventory_central: the failure does not say '$expected':" >&2
        echo "${output: -3000}" >&2
        return 1
    fi
    # the PSK, even wrapped (ansible-core 2.16 breaks lines after hyphens): looked for without white space
    if grep -q Traceback <<<"$output" || tr -d '[:space:]' <<<"$output" | grep -qF -- "$LOGMEIN_CENTRAL_PSK"; then
        echo "inventory_central: the failure shows a traceback or the PSK" >&2
        return 1
    fi
}
bad_run "hostnames" ansible-inventory -i bad_option.central.yml --list
admin expect_calls '[]'
LOGMEIN_CENTRAL_PSK="wrong-${LOGMEIN_CENTRAL_PSK:6}" bad_run "authentication to LogMeIn Central failed" \
    ansible-inventory -i estate.central.yml --list
admin expect_calls '[["GET /v2/hostswithgroups", 409]]'
echo "inventory_central: passed"
