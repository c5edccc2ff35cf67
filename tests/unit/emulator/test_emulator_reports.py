# -*- coding: utf-8 -*-
"""Users, remote access (with groups), computer status and deleted hosts."""

import re

import pytest

SESSION = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
LOGIN = re.compile(r"^\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2} [AP]M$")
ISO_Z = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def test_users(api):
    answer = api.ok("GET", "/v2/users")
    assert set(answer) == {"mahData", "usersData"}
    assert LOGIN.match(answer["mahData"]["lastLoginDate"])
    users = answer["usersData"]
    for user in users:
        assert set(user) == {"isPending", "id", "email", "firstName", "lastName", "isEnabled", "lastLoginDate"}
        assert user["lastLoginDate"] is None or LOGIN.match(user["lastLoginDate"])
    names = [user["firstName"] for user in users] + [user["lastName"] for user in users]
    assert "{{ lookup('pipe', 'id') }}" in names and "{% raw %}x{% endraw %}" in names
    assert any(user["isPending"] for user in users)


@pytest.mark.parametrize("path", ["/v1/reports/remote-access", "/v1/reports/remote-access-with-groups"])
def test_remote_access(api, path):
    sessions = api.ok("POST", path, json={"startDate": "2025-04-01", "endDate": "2025-06-30"})
    assert sessions
    keys = {"sessionId", "hostId", "sessionStart", "sessionEnd", "userIp"}
    if path.endswith("groups"):
        keys.add("groupId")
    for session in sessions:
        assert set(session) == keys
        assert SESSION.match(session["sessionStart"]) and SESSION.match(session["sessionEnd"])
        assert "2025-04-01" <= session["sessionStart"][:10] <= "2025-06-30"
    assert len({s["sessionId"] for s in sessions}) == len(sessions)


def test_remote_access_accepts_capitalised_keys_and_is_inclusive(api):
    lower = api.ok("POST", "/v1/reports/remote-access", json={"startDate": "2025-05-01", "endDate": "2025-05-31"})
    upper = api.ok("POST", "/v1/reports/remote-access", json={"StartDate": "2025-05-01", "EndDate": "2025-05-31"})
    assert lower == upper
    day = lower[0]["sessionStart"][:10]
    single = api.ok("POST", "/v1/reports/remote-access", json={"startDate": day, "endDate": day})
    assert single and all(s["sessionStart"].startswith(day) for s in single)


def test_sessions_spread_over_twelve_months(api):
    starts = set()
    for window in (("2024-07-01", "2024-09-30"), ("2024-10-01", "2024-12-31"), ("2025-01-01", "2025-03-31"), ("2025-04-01", "2025-06-30")):
        sessions = api.ok("POST", "/v1/reports/remote-access", json={"startDate": window[0], "endDate": window[1]})
        assert sessions, window
        starts.update(s["sessionStart"][:7] for s in sessions)
    assert len(starts) >= 10


@pytest.mark.parametrize("start,end,accepted", [
    ("2019-03-01", "2019-05-31", True),
    ("2019-03-01", "2019-06-01", False),
    ("2019-03-15", "2019-06-14", True),
    ("2019-03-15", "2019-06-15", False),
    ("2019-11-30", "2020-02-28", True),
    ("2019-11-30", "2020-02-29", False),
    ("2019-03-01", "2019-03-01", True),
    ("2019-03-02", "2019-03-01", False),
])
def test_three_month_bound(api, start, end, accepted):
    for path in ("/v1/reports/remote-access", "/v1/reports/remote-access-with-groups"):
        answer = api.post(path, json={"startDate": start, "endDate": end})
        assert answer.status_code == (200 if accepted else 400), (path, start, end)
        if not accepted:
            assert "endDate" in answer.json()["message"]


@pytest.mark.parametrize("body,word", [
    ({}, "startDate"),
    ({"startDate": "2019-03-01"}, "endDate"),
    ({"startDate": "2019-02-30", "endDate": "2019-03-01"}, "startDate"),
    ({"startDate": "yesterday", "endDate": "2019-03-01"}, "startDate"),
    ({"startDate": "2019-03-01", "endDate": 20190301}, "endDate"),
])
def test_remote_access_parameter_errors(api, body, word):
    answer = api.post("/v1/reports/remote-access", json=body)
    assert answer.status_code == 400
    assert word in answer.json()["message"]


def test_remote_access_with_groups_uses_current_group(api):
    sessions = api.ok("POST", "/v1/reports/remote-access-with-groups", json={"startDate": "2025-04-01", "endDate": "2025-06-30"})
    host_id = sessions[0]["hostId"]
    api.ok("PUT", "/v1/host-groups/-1/hosts", json={"hostIds": [host_id]})
    again = api.ok("POST", "/v1/reports/remote-access-with-groups", json={"startDate": "2025-04-01", "endDate": "2025-06-30"})
    assert {s["groupId"] for s in again if s["hostId"] == host_id} == {None}


def test_computer_status(api):
    every = api.ok("POST", "/v1/reports/computer-status", json={"groupIdList": [], "hostIdList": []})
    assert len(every) == 50
    assert api.ok("POST", "/v1/reports/computer-status", json={}) == every
    for entry in every:
        assert set(entry) == {"hostId", "groupId", "computerDescription", "productType", "subscriptionType", "startDate", "renewalDate",
                              "status", "lastOnline", "lastRemoteSession", "lastKnownIpAddress", "installDate", "softwareVersion"}
        assert entry["productType"] == "i"
        assert entry["subscriptionType"] in (0, 2, 4, 6)
        assert entry["status"] in (0, 1, 2, 3, 99)
        assert ISO_Z.match(entry["installDate"])
    assert any(entry["groupId"] is None for entry in every)


def test_computer_status_filters(api):
    hosts = api.ok("GET", "/v2/hostswithgroups")["hosts"]
    group = hosts[0]["groupid"]
    in_group = {h["id"] for h in hosts if h["groupid"] == group}
    answer = api.ok("POST", "/v1/reports/computer-status", json={"groupIdList": [group], "hostIdList": []})
    assert {entry["hostId"] for entry in answer} == in_group
    other = [h["id"] for h in hosts if h["groupid"] != group][0]
    answer = api.ok("POST", "/v1/reports/computer-status", json={"groupIdList": [group], "hostIdList": [other]})
    assert {entry["hostId"] for entry in answer} == in_group | {other}
    answer = api.ok("POST", "/v1/reports/computer-status", json={"hostIdList": [other]})
    assert [entry["hostId"] for entry in answer] == [other]
    bad = api.post("/v1/reports/computer-status", json={"hostIdList": [3]})
    assert bad.status_code == 400 and "hostIdList" in bad.json()["message"]
    bad = api.post("/v1/reports/computer-status", json={"groupIdList": "all"})
    assert bad.status_code == 400 and "groupIdList" in bad.json()["message"]


def test_deleted_hosts(api):
    deleted = api.ok("POST", "/v1/reports/deleted-hosts/", json={"startDate": "2018-03-01"})
    assert deleted
    reasons = {entry["deleteReason"] for entry in deleted}
    assert reasons <= {"Host deleted from website / API", "Host software uninstall", "Invalid Subscription", "Account Cancel"}
    for entry in deleted:
        assert set(entry) == {"hostId", "status", "hostName", "deleteReason", "deletedAt", "installedAt"}
        assert entry["status"] == "Deleted"
        assert ISO_Z.match(entry["deletedAt"]) and ISO_Z.match(entry["installedAt"])
    assert api.ok("POST", "/v1/reports/deleted-hosts", json={"startDate": "2018-03-01"}) == deleted
    latest = max(entry["deletedAt"][:10] for entry in deleted)
    assert {e["deletedAt"][:10] for e in api.ok("POST", "/v1/reports/deleted-hosts/", json={"startDate": latest})} == {latest}
    assert api.ok("POST", "/v1/reports/deleted-hosts/", json={"startDate": "2099-01-01"}) == []


def test_deleted_hosts_reason_key_option_and_errors(api, emulator):
    emulator.configure(deleted_reason_key="deletedReason")
    deleted = api.ok("POST", "/v1/reports/deleted-hosts/", json={"startDate": "2018-03-01"})
    assert all("deletedReason" in entry and "deleteReason" not in entry for entry in deleted)
    for body in ({}, {"startDate": "March"}):
        answer = api.post("/v1/reports/deleted-hosts/", json=body)
        assert answer.status_code == 400 and "startDate" in answer.json()["message"]
