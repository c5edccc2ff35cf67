# -*- coding: utf-8 -*-
"""Deterministic fault injection."""

import threading

import pytest
import requests

from central_emulator.testing import EmulatorAdminError


def _description(emulator, host_id):
    return {h["id"]: h["description"] for h in emulator.state_hosts()}[host_id]


def test_error_500_count(api, emulator):
    emulator.set_faults([{"kind": "error_500", "match": "GET /v2/hosts", "count": 1}])
    first = api.get("/v2/hosts")
    assert first.status_code == 500 and "An error occurred" in first.json()["message"]
    assert api.get("/v2/hosts").status_code == 200
    assert api.get("/v2/users").status_code == 200
    assert [(e["status"], e["fault"]) for e in emulator.log()] == [(500, "error_500"), (200, None), (200, None)]


def test_error_500_does_nothing(api, emulator):
    host_id = api.hosts()[0]["id"]
    emulator.set_faults([{"kind": "error_500", "match": "PUT /v1/hosts/{host-id}/description"}])
    assert api.put("/v1/hosts/%d/description" % host_id, json={"newDescription": "never"}).status_code == 500
    assert _description(emulator, host_id) != "never"


def test_status_400_refuses_the_request_and_does_nothing(api, emulator):
    host_id = api.hosts()[0]["id"]
    emulator.set_faults([{"kind": "status_400", "match": "PUT /v1/hosts/{id}/description", "count": 1}])
    refused = api.put("/v1/hosts/%d/description" % host_id, json={"newDescription": "never"})
    assert refused.status_code == 400 and "Invalid parameter" in refused.json()["message"]
    assert _description(emulator, host_id) != "never"
    assert api.put("/v1/hosts/%d/description" % host_id, json={"newDescription": "later"}).status_code == 200
    assert _description(emulator, host_id) == "later"
    assert [(e["status"], e["fault"]) for e in emulator.log()][-2:] == [(400, "status_400"), (200, None)]


def test_every_nth(api, emulator):
    emulator.set_faults([{"kind": "error_500", "match": "GET", "every": 2}])
    statuses = [api.get("/v2/hosts").status_code for dummy in range(4)]
    assert statuses == [200, 500, 200, 500]
    rule = emulator.faults()[0]
    assert (rule["seen"], rule["fired"]) == (4, 2)


def test_rule_without_match_applies_to_every_api_request(api, emulator):
    emulator.set_faults([{"kind": "error_500", "count": 2}])
    assert api.get("/v2/users").status_code == 500
    assert api.post("/v1/reports/computer-status", json={}).status_code == 500
    assert api.get("/v2/users").status_code == 200


def test_drop_before(api, emulator):
    host_id = api.hosts()[0]["id"]
    emulator.set_faults([{"kind": "drop_before", "match": "PUT /v1/hosts/{id}/description", "count": 1}])
    with pytest.raises(requests.exceptions.ConnectionError):
        api.put("/v1/hosts/%d/description" % host_id, json={"newDescription": "dropped"})
    assert _description(emulator, host_id) != "dropped"
    entry = emulator.log()[-1]
    assert (entry["status"], entry["fault"], entry["write"]) == (None, "drop_before", True)
    assert api.put("/v1/hosts/%d/description" % host_id, json={"newDescription": "second"}).status_code == 200


def test_drop_after_commit(api, emulator):
    host_id = api.hosts()[0]["id"]
    emulator.set_faults([{"kind": "drop_after_commit", "match": "PUT /v1/hosts/%d/description" % host_id, "count": 1}])
    with pytest.raises(requests.exceptions.ConnectionError):
        api.put("/v1/hosts/%d/description" % host_id, json={"newDescription": "committed"})
    assert _description(emulator, host_id) == "committed"
    assert emulator.log()[-1]["fault"] == "drop_after_commit"


def test_malformed_json(api, emulator):
    emulator.set_faults([{"kind": "malformed_json", "match": "POST /v1/hosts/custom-fields/categories", "count": 1}])
    answer = api.post("/v1/hosts/custom-fields/categories", json={"name": "Half"})
    assert answer.status_code == 200
    with pytest.raises(ValueError):
        answer.json()
    assert [c["name"] for c in emulator.state_categories()].count("Half") == 1
    emulator.set_faults([{"kind": "malformed_json", "match": "GET /v2/hosts"}])
    answer = api.get("/v2/hosts")
    assert answer.status_code == 200 and answer.text.startswith('{"hosts"')
    with pytest.raises(ValueError):
        answer.json()


def test_status_429_fault(api, emulator):
    emulator.configure(retry_after=True)
    emulator.set_faults([{"kind": "status_429", "match": "GET /v2/users", "count": 1}])
    answer = api.get("/v2/users")
    assert answer.status_code == 429 and answer.headers["Retry-After"] == "1"
    assert api.get("/v2/users").status_code == 200
    emulator.configure(retry_after=False)
    emulator.set_faults([{"kind": "status_429", "match": "GET /v2/users", "count": 1}])
    assert "Retry-After" not in api.get("/v2/users").headers


def test_latency_does_not_hold_the_lock(api, emulator):
    emulator.set_faults([{"kind": "latency", "match": "GET /v2/users", "seconds": 1.0}])
    results = []
    slow = threading.Thread(target=lambda: results.append(api.get("/v2/users", auth=emulator.auth).status_code))
    slow.start()
    try:
        other = requests.get(emulator.api_url + "/v2/hosts", auth=emulator.auth, timeout=30)
        assert other.status_code == 200
        assert slow.is_alive(), "a fast request is answered while a slow one sleeps"
    finally:
        slow.join(30)
    assert results == [200]
    assert {e["action"]: e["fault"] for e in emulator.log()}["GET /v2/users"] == "latency"


def test_global_latency_config(api, emulator):
    emulator.configure(latency=0.01)
    assert api.get("/v2/hosts").status_code == 200


@pytest.mark.parametrize("rule", [
    {"kind": "explode"},
    {"kind": "error_500", "every": 0},
    {"kind": "error_500", "count": 1, "every": 2},
    {"kind": "latency"},
    {"kind": "error_500", "match": "FETCH /v2/hosts"},
    {"kind": "error_500", "bogus": 1},
])
def test_invalid_rules_are_refused(emulator, rule):
    with pytest.raises(EmulatorAdminError) as info:
        emulator.set_faults([rule])
    assert info.value.status == 400


def test_reset_clears_faults(api, emulator):
    emulator.set_faults([{"kind": "error_500"}])
    emulator.reset(rate_limit_window=0)
    assert emulator.faults() == []
    assert api.get("/v2/hosts").status_code == 200


def test_requests_refused_by_the_rate_limit_do_not_use_up_rules(api, emulator):
    emulator.configure(rate_limit_window=30)
    assert api.get("/v2/users").status_code == 200
    emulator.set_faults([{"kind": "malformed_json", "match": "GET /v2/users", "count": 1}])
    refused = api.get("/v2/users")
    assert refused.status_code == 429 and refused.json() == {"message": "Too many requests"}
    assert (emulator.faults()[0]["seen"], emulator.faults()[0]["fired"]) == (0, 0)
    assert emulator.log()[-1]["fault"] is None
    emulator.configure(rate_limit_window=0)
    answer = api.get("/v2/users")
    with pytest.raises(ValueError):
        answer.json()
    assert emulator.log()[-1]["fault"] == "malformed_json"
