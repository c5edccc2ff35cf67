# -*- coding: utf-8 -*-
"""Host actions: hosts, hosts with groups, description, group move, connection, delete."""

import re

ISO_Z = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
EXPIRES = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$")


def _state_hosts(emulator):
    return {host["id"]: host for host in emulator.state_hosts()}


def test_get_hosts_shape(api):
    hosts = api.ok("GET", "/v2/hosts")["hosts"]
    assert len(hosts) == 50
    for host in hosts:
        assert set(host) == {"description", "hostStateChangeDate", "id", "isHostOnline", "hostName"}
        assert isinstance(host["id"], int) and host["id"] >= 1000000000
        assert isinstance(host["isHostOnline"], bool)
        assert ISO_Z.match(host["hostStateChangeDate"])
    assert len({host["id"] for host in hosts}) == 50


def test_hosts_with_groups_shape(api):
    answer = api.ok("GET", "/v2/hostswithgroups")
    groups = answer["groups"]
    assert groups[-1] == {"id": -1, "name": None}
    assert all(set(group) == {"id", "name"} for group in groups)
    group_ids = {group["id"] for group in groups}
    used = {host["groupid"] for host in answer["hosts"]}
    assert used <= group_ids
    assert -1 in used, "about 10% of the hosts are in no group"
    assert group_ids - used, "an empty group is listed too"
    for host in answer["hosts"]:
        assert set(host) == {"description", "groupid", "hostStateChangeDate", "id", "isHostOnline"}
        assert isinstance(host["groupid"], int)


def test_descriptions_are_duplicated_and_hostile(api):
    descriptions = [host["description"] for host in api.hosts()]
    assert len(set(descriptions)) < len(descriptions)
    assert "{{ lookup('pipe', 'id') }}" in descriptions
    assert "{% raw %}x{% endraw %}" in descriptions
    assert any(len(text) == 1000 for text in descriptions)
    assert any(any(ord(char) < 32 for char in text) for text in descriptions)
    assert any(any(ord(char) > 127 for char in text) for text in descriptions)


def test_set_description(api):
    host_id = api.hosts()[3]["id"]
    assert api.ok("PUT", "/v1/hosts/%d/description" % host_id, json={"newDescription": "Office Computer ü"}) is None
    assert {h["id"]: h["description"] for h in api.hosts()}[host_id] == "Office Computer ü"
    assert {h["id"]: h["description"] for h in api.ok("GET", "/v2/hosts")["hosts"]}[host_id] == "Office Computer ü"


def test_set_description_errors(api):
    host_id = api.hosts()[0]["id"]
    for body, word in (({}, "newDescription"), ({"newDescription": ""}, "newDescription"), ({"newDescription": 5}, "newDescription"),
                       ({"newDescription": "   "}, "newDescription")):
        answer = api.put("/v1/hosts/%d/description" % host_id, json=body)
        assert answer.status_code == 400
        assert word in answer.json()["message"]
    answer = api.put("/v1/hosts/%d/description" % host_id)
    assert answer.status_code == 400 and "newDescription" in answer.json()["message"]
    assert api.put("/v1/hosts/1/description", json={"newDescription": "x"}).status_code == 404


def test_move_hosts_into_group_and_out_of_groups(api):
    answer = api.ok("GET", "/v2/hostswithgroups")
    target = [group["id"] for group in answer["groups"] if group["id"] != -1][-1]
    ids = [host["id"] for host in answer["hosts"][:3]]
    assert api.ok("PUT", "/v1/host-groups/%d/hosts" % target, json={"hostIds": ids}) is None
    moved = {host["id"]: host["groupid"] for host in api.hosts()}
    assert [moved[host_id] for host_id in ids] == [target] * 3
    api.ok("PUT", "/v1/host-groups/-1/hosts", json={"hostIds": ids[:1]})
    assert {host["id"]: host["groupid"] for host in api.hosts()}[ids[0]] == -1


def test_move_hosts_errors(api):
    hosts = api.hosts()
    before = {host["id"]: host["groupid"] for host in hosts}
    group = [g["id"] for g in api.ok("GET", "/v2/hostswithgroups")["groups"] if g["id"] != -1][0]
    assert api.put("/v1/host-groups/123/hosts", json={"hostIds": [hosts[0]["id"]]}).status_code == 404
    answer = api.put("/v1/host-groups/%d/hosts" % group, json={"hostIds": [hosts[0]["id"], 42, 43]})
    assert answer.status_code == 400
    assert "42" in answer.json()["message"] and "43" in answer.json()["message"]
    assert {host["id"]: host["groupid"] for host in api.hosts()} == before, "the whole call is refused"
    for body in ({}, {"hostIds": []}, {"hostIds": "1"}, {"hostIds": [True]}, {"hostIds": ["1000000001"]}):
        answer = api.put("/v1/host-groups/%d/hosts" % group, json=body)
        assert answer.status_code == 400 and "hostIds" in answer.json()["message"]


def test_connection(api, emulator):
    state = _state_hosts(emulator)
    online = [h for h in state.values() if h["isHostOnline"] and not h["raSessionInProgress"]][0]
    answer = api.ok("POST", "/v1/hosts/%d/connection" % online["id"], json={"directLink": False, "failWhenRaSessionInProgress": True})
    assert answer["connectionUrl"].startswith("https://secure.logmein.com/")
    assert "token=" in answer["connectionUrl"]
    assert EXPIRES.match(answer["expires"])
    again = api.ok("POST", "/v1/hosts/%d/connection" % online["id"], json={"directLink": True, "failWhenRaSessionInProgress": False})
    assert again["connectionUrl"] != answer["connectionUrl"]


def test_connection_errors(api, emulator):
    state = _state_hosts(emulator)
    offline = [h for h in state.values() if not h["isHostOnline"]][0]
    busy = [h for h in state.values() if h["raSessionInProgress"]][0]
    body = {"directLink": False, "failWhenRaSessionInProgress": True}
    assert api.post("/v1/hosts/%d/connection" % offline["id"], json=body).status_code == 400
    assert api.post("/v1/hosts/%d/connection" % busy["id"], json=body).status_code == 400
    assert api.post("/v1/hosts/%d/connection" % busy["id"], json={"failWhenRaSessionInProgress": False}).status_code == 200
    answer = api.post("/v1/hosts/%d/connection" % busy["id"], json={"directLink": "yes"})
    assert answer.status_code == 400 and "directLink" in answer.json()["message"]
    assert api.post("/v1/hosts/7/connection", json=body).status_code == 404


def test_delete_hosts_and_effects(api, emulator):
    state = _state_hosts(emulator)
    victim = [h for h in state.values() if h["customFields"] and h["antiVirus"]["antiVirusName"]][0]
    victim_id = victim["id"]
    assert api.ok("DELETE", "/v1/hosts", json={"hostIds": [victim_id]}) is None
    assert victim_id not in {h["id"] for h in api.ok("GET", "/v2/hosts")["hosts"]}
    assert victim_id not in {h["id"] for h in api.hosts()}
    assert victim_id not in {h["id"] for h in api.ok("GET", "/v1/hosts/custom-fields")["hosts"]}
    assert victim_id not in {h["hostId"] for h in api.ok("GET", "/v1/hosts/anti-virus/details")["hosts"]}
    assert victim_id not in {h["hostId"] for h in api.ok("POST", "/v1/reports/computer-status", json={})}
    sessions = api.ok("POST", "/v1/reports/remote-access", json={"startDate": "2025-04-01", "endDate": "2025-06-30"})
    assert victim_id not in {s["hostId"] for s in sessions}
    deleted = api.ok("POST", "/v1/reports/deleted-hosts/", json={"startDate": "2018-01-01"})
    entry = [d for d in deleted if d["hostId"] == victim_id]
    assert len(entry) == 1
    assert entry[0]["deleteReason"] == "Host deleted from website / API"
    assert entry[0]["status"] == "Deleted" and entry[0]["hostName"] == victim["description"]
    assert ISO_Z.match(entry[0]["deletedAt"])
    # unused custom field values disappear from the categories list
    used = {(cat, value) for h in api.ok("GET", "/v1/hosts/custom-fields")["hosts"] for cat, value in
            ((m["categoryId"], m["valueId"]) for m in h["metadata"])}
    listed = {(c["id"], v["id"]) for c in api.ok("GET", "/v1/hosts/custom-fields/categories")["metadataCategories"] for v in c["values"]}
    assert used == listed
    # a deleted host is unknown afterwards
    assert api.delete("/v1/hosts", json={"hostIds": [victim_id]}).status_code == 400
    assert api.post("/v1/inventory/system/reports", json={"hostIds": [victim_id], "fields": ["OsType"]}).status_code == 400


def test_delete_hosts_unknown_id_rejects_the_whole_call(api):
    ids = [host["id"] for host in api.hosts()[:2]]
    answer = api.delete("/v1/hosts", json={"hostIds": ids + [99]})
    assert answer.status_code == 400 and "99" in answer.json()["message"]
    assert set(ids) <= {host["id"] for host in api.hosts()}
    assert api.delete("/v1/hosts", json={}).status_code == 400
