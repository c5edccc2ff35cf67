# -*- coding: utf-8 -*-
"""Admin API, request log, dataset generation and loading."""

import json

import pytest
import requests

from central_emulator import dataset
from central_emulator.testing import EmulatorAdminError, start_emulator


def test_request_log_entries(api, emulator):
    host_id = api.hosts()[0]["id"]
    api.put("/v1/hosts/%d/description?x=1" % host_id, json={"newDescription": "logged"})
    api.get("/v2/hosts", auth=("1", "2"))
    api.put("/v1/hosts/%d/description" % host_id, data="x", headers={"Content-Type": "text/plain"})
    api.get("/v2/none")
    api.post("/v1/reports/computer-status", json={})
    api.post("/v1/inventory/system/reports", json={"hostIds": [host_id], "fields": ["OsType"]})
    api.post("/v1/hosts/custom-fields/categories", json={"name": "W"})
    entries = emulator.log()
    assert [e["seq"] for e in entries] == sorted(e["seq"] for e in entries)
    summary = [(e["method"], e["action"], e["status"], e["write"]) for e in entries]
    assert summary == [
        ("GET", "GET /v2/hostswithgroups", 200, False),
        ("PUT", "PUT /v1/hosts/{id}/description", 200, True),
        ("GET", "GET /v2/hosts", 409, False),
        ("PUT", "PUT /v1/hosts/{id}/description", 415, True),
        ("GET", None, 404, False),
        ("POST", "POST /v1/reports/computer-status", 200, False),
        ("POST", "POST /v1/inventory/system/reports", 200, False),
        ("POST", "POST /v1/hosts/custom-fields/categories", 200, True),
    ]
    assert entries[1]["path"] == "/public-api/v1/hosts/%d/description" % host_id
    for entry in entries:
        assert set(entry) == {"seq", "time", "method", "path", "action", "status", "fault", "write"}
        assert isinstance(entry["time"], float)
    since = entries[-2]["seq"]
    assert [e["seq"] for e in emulator.log(since=since)] == [entries[-1]["seq"]]
    emulator.clear_log()
    assert emulator.log() == []


def test_secrets_never_in_log(api, emulator):
    host_id = api.hosts()[0]["id"]
    url = api.ok("POST", "/v1/hosts/%d/connection" % emulator.state_hosts()[0]["id"], json={})["connectionUrl"]
    api.get("/v2/hosts/" + emulator.psk)
    api.get("/v2/hosts", auth=(emulator.company_id, emulator.psk + "x"))
    text = json.dumps(emulator.log())
    assert emulator.psk not in text
    assert url not in text and url.split("token=")[1] not in text
    assert "Basic" not in text
    assert emulator.psk not in json.dumps(emulator.config())
    assert host_id


def test_request_log_file(tmp_path):
    path = tmp_path / "requests.jsonl"
    running = start_emulator(rate_limit_window=0, request_log=str(path))
    try:
        requests.get(running.api_url + "/v2/hosts", auth=running.auth, timeout=30)
        requests.get(running.api_url + "/v2/hosts", auth=(running.company_id, "bad"), timeout=30)
        requests.get(running.url + "/_emulator/config", timeout=30)
    finally:
        running.stop()
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [(line["action"], line["status"]) for line in lines] == [("GET /v2/hosts", 200), ("GET /v2/hosts", 409)]
    assert running.psk not in path.read_text(encoding="utf-8")


def test_config_get_update_and_errors(emulator):
    config = emulator.config()
    assert config["rate_limit_window"] == 0 and config["psk"] == "********"
    assert emulator.configure(page_size=10, av_details_style="example")["page_size"] == 10
    for bad in ({"page_size": 0}, {"nope": 1}, {"rate_limit_mode": "host"}, {"retry_after": "yes"}, {"av_unsent_host_ids": ["1"]},
                {"auth_failure_status": 200}, {"company_id": "a:b"}, {"psk": ""}):
        with pytest.raises(EmulatorAdminError) as info:
            emulator.configure(**bad)
        assert info.value.status == 400
    assert emulator.config()["page_size"] == 10


def test_reset_restores_startup_config(emulator):
    emulator.configure(page_size=3, latency=0.0, psk="q" * 128)
    emulator.reset()
    config = emulator.config()
    assert config["page_size"] == 50 and config["rate_limit_window"] == 0
    assert emulator.psk != "q" * 128
    emulator.reset(rate_limit_window=0, hosts=7, seed=3, retry_after=True)
    assert len(emulator.state_hosts()) == 7 and emulator.config()["retry_after"] is True
    with pytest.raises(EmulatorAdminError):
        emulator.reset(hosts=-1)


def test_same_seed_same_state(emulator):
    emulator.reset(rate_limit_window=0, seed=11, hosts=30)
    first = emulator.state()
    emulator.reset(rate_limit_window=0, seed=11, hosts=30)
    assert emulator.state() == first
    emulator.reset(rate_limit_window=0, seed=12, hosts=30)
    assert emulator.state() != first
    assert dataset.generate(5, 40) == dataset.generate(5, 40)


def test_generated_dataset_properties():
    state = dataset.generate(1, 10000)
    hosts = state["hosts"]
    assert len(hosts) == 10000 and len({h["id"] for h in hosts}) == 10000
    ungrouped = sum(1 for h in hosts if h["groupId"] == -1)
    assert 700 <= ungrouped <= 1300
    names = [g["name"] for g in state["groups"]]
    assert "Büro München" in names and "Finance & Legal" in names and "sales-team" in names
    for hostile in (dataset.HOSTILE_TEMPLATE, dataset.HOSTILE_RAW, dataset.HOSTILE_CONTROL, dataset.HOSTILE_LONG):
        assert any(hostile in name for name in names)
    assert any("," in name and ":" in name and "[" in name for name in names)
    used = {h["groupId"] for h in hosts}
    assert [g for g in state["groups"] if g["id"] not in used]
    texts = json.dumps(state, ensure_ascii=False)
    for hostile in dataset.HOSTILE_STRINGS:
        assert json.dumps(hostile, ensure_ascii=False)[1:-1] in texts
    reference = state["referenceDate"][:10]
    starts = [s["sessionStart"] for s in state["remoteAccessSessions"]]
    assert min(starts) >= "2024-06-29" and max(starts)[:10] <= reference
    assert state["deletedHosts"]


def test_state_round_trip(api, emulator):
    state = emulator.state()
    host = state["hosts"][0]
    assert set(host["inventory"]) == {"system", "hardware"}
    host["description"] = "Round trip"
    emulator.put_state(state)
    assert api.hosts()[0]["description"] == "Round trip"
    assert emulator.state() == state
    light = emulator.state(inventory=False)
    assert "inventory" not in light["hosts"][0]


def test_put_state_refuses_invalid(emulator):
    for bad in ({"hosts": "x"}, {"hosts": [{"id": "1"}]}, {"hosts": [{"id": 1}, {"id": 1}]},
                {"groups": [{"id": 5, "name": "a"}], "hosts": [{"id": 1, "groupId": 6}]}):
        with pytest.raises(EmulatorAdminError) as info:
            emulator.put_state(bad)
        assert info.value.status == 400


def test_minimal_custom_dataset_file(tmp_path):
    custom = {
        "groups": [{"id": 10, "name": "Lab"}],
        "hosts": [
            {"id": 1, "description": "one", "groupId": 10, "customFields": {"Site": "Paris"},
             "inventory": {"system": {"osType": "Plan 9"}}},
            {"id": 2, "description": "two", "isHostOnline": False, "customFields": {"Site": "Paris"},
             "antiVirus": {"antiVirusName": "Defender", "isVirusDefinitionUpToDate": True, "isRealTimeProtectionOn": True,
                           "canReportRealTimeProtectionStatus": True}},
        ],
        "customFieldCategories": [{"name": "Site"}],
    }
    path = tmp_path / "estate.json"
    path.write_text(json.dumps(custom), encoding="utf-8")
    running = start_emulator(rate_limit_window=0, dataset=str(path))
    try:
        session = requests.Session()
        session.auth = running.auth
        groups = session.get(running.api_url + "/v2/hostswithgroups", timeout=30).json()
        assert groups["groups"] == [{"id": 10, "name": "Lab"}, {"id": -1, "name": None}]
        assert [(h["id"], h["groupid"]) for h in groups["hosts"]] == [(1, 10), (2, -1)]
        categories = session.get(running.api_url + "/v1/hosts/custom-fields/categories", timeout=30).json()["metadataCategories"]
        assert [(c["name"], [v["name"] for v in c["values"]]) for c in categories] == [("Site", ["Paris"])]
        token = session.post(running.api_url + "/v1/inventory/system/reports", json={"hostIds": [1], "fields": ["OsType"]}, timeout=30).json()
        page = session.get(running.api_url + "/v1/inventory/system/reports/" + token["token"], timeout=30).json()
        assert page["hosts"]["1"] == {"hostId": 1, "osType": "Plan 9"}
        details = session.get(running.api_url + "/v1/hosts/anti-virus/details", timeout=30).json()["hosts"]
        assert [h["antiVirusStatus"] for h in details] == [2, 3]
        # reset without seed/hosts reloads the file's dataset
        session.delete(running.api_url + "/v1/hosts", json={"hostIds": [2]}, timeout=30)
        running.reset()
        assert [h["id"] for h in running.state_hosts()] == [1, 2]
    finally:
        running.stop()


def test_admin_unknown_endpoint_and_bad_json(emulator):
    with pytest.raises(EmulatorAdminError) as info:
        emulator.admin("GET", "/nothing")
    assert info.value.status == 404
    with pytest.raises(EmulatorAdminError) as info:
        emulator.admin("GET", "/log?since=abc")
    assert info.value.status == 400


def test_admin_calls_are_not_logged(emulator):
    emulator.config()
    emulator.state(inventory=False)
    emulator.faults()
    assert emulator.log() == []


def test_health(emulator):
    health = emulator.admin("GET", "/health")
    assert health["ok"] is True and health["hosts"] == 50
