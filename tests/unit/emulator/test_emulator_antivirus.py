# -*- coding: utf-8 -*-
"""Anti-virus details and actions."""

import pytest

ACTIONS = ["enable-realtimetypeprotection", "start-fullscan", "refresh-status", "update-definition"]
HOST_KEYS = {"hostDescription", "groupId", "isOnline", "buildNumber", "isMac", "hostId", "antiVirusStatus", "antiVirusName",
             "isRealTimeProtectionOn", "isVirusDefinitionUpToDate", "virusDefinitionVersion", "lastFullScanTime", "numberOfThreats",
             "isMultipleAntiVirusDetected", "kasperskyInstallSupported", "hasKasperskyInstalled"}
CAPABILITIES = {"canReportThreatLog", "canReportRealTimeProtectionStatus"}


def _details(api):
    return api.ok("GET", "/v1/hosts/anti-virus/details")


def test_details_table_style(api):
    answer = _details(api)
    assert set(answer) == {"hostsGroups", "hosts"}
    assert all(set(group) == {"groupId", "groupName", "isCollapsed"} for group in answer["hostsGroups"])
    assert len(answer["hosts"]) == 50
    for host in answer["hosts"]:
        assert set(host) == HOST_KEYS | {"capabilities"}
        assert set(host["capabilities"]) == CAPABILITIES


def test_details_example_style(api, emulator):
    emulator.configure(av_details_style="example")
    answer = _details(api)
    assert set(answer) == {"hostGroups", "hosts"}
    for host in answer["hosts"]:
        assert set(host) == HOST_KEYS | CAPABILITIES


def test_dataset_covers_every_status_and_no_av(api):
    hosts = _details(api)["hosts"]
    assert {host["antiVirusStatus"] for host in hosts} == {0, 1, 2, 3, 4, 5}
    assert any(host["antiVirusName"] is None for host in hosts)
    assert any(host["antiVirusName"] and not host["capabilities"]["canReportRealTimeProtectionStatus"] for host in hosts)


@pytest.mark.parametrize("action", ACTIONS)
def test_action_statuses(api, emulator, action):
    hosts = _details(api)["hosts"]
    online_av = [h["hostId"] for h in hosts if h["isOnline"] and h["antiVirusName"]]
    offline_av = [h["hostId"] for h in hosts if not h["isOnline"] and h["antiVirusName"]]
    no_av = [h["hostId"] for h in hosts if h["isOnline"] and not h["antiVirusName"]]
    targets = online_av[:2] + offline_av[:1] + no_av[:1]
    answer = api.ok("POST", "/v1/anti-virus/actions/" + action, json={"targetHostIds": targets})
    assert answer == {"commandStatuses": [{"targetHostId": target, "sentSuccessfully": target in online_av} for target in targets]}


def test_unsent_host_ids_config(api, emulator):
    hosts = _details(api)["hosts"]
    online_av = [h["hostId"] for h in hosts if h["isOnline"] and h["antiVirusName"]][:2]
    emulator.configure(av_unsent_host_ids=online_av[:1])
    answer = api.ok("POST", "/v1/anti-virus/actions/refresh-status", json={"targetHostIds": online_av})
    assert [s["sentSuccessfully"] for s in answer["commandStatuses"]] == [False, True]


def test_action_effects(api):
    hosts = _details(api)["hosts"]
    outdated = [h for h in hosts if h["isOnline"] and h["antiVirusName"] and not h["isVirusDefinitionUpToDate"]
                and not h["numberOfThreats"]]
    rtp_off = [h for h in hosts if h["isOnline"] and h["antiVirusName"] and not h["isRealTimeProtectionOn"]
               and h["capabilities"]["canReportRealTimeProtectionStatus"]]
    assert outdated and rtp_off
    target = outdated[0]["hostId"]
    api.ok("POST", "/v1/anti-virus/actions/update-definition", json={"targetHostIds": [target]})
    api.ok("POST", "/v1/anti-virus/actions/enable-realtimetypeprotection", json={"targetHostIds": [target, rtp_off[0]["hostId"]]})
    api.ok("POST", "/v1/anti-virus/actions/start-fullscan", json={"targetHostIds": [target]})
    after = {h["hostId"]: h for h in _details(api)["hosts"]}
    assert after[target]["isVirusDefinitionUpToDate"] is True
    assert after[target]["isRealTimeProtectionOn"] is True
    assert after[target]["antiVirusStatus"] in (3, 4, 5)
    assert after[target]["lastFullScanTime"] != outdated[0]["lastFullScanTime"]
    assert after[rtp_off[0]["hostId"]]["isRealTimeProtectionOn"] is True


def test_action_errors(api):
    hosts = _details(api)["hosts"]
    before = {h["hostId"]: h["isRealTimeProtectionOn"] for h in hosts}
    target = hosts[0]["hostId"]
    answer = api.post("/v1/anti-virus/actions/enable-realtimetypeprotection", json={"targetHostIds": [target, 12345]})
    assert answer.status_code == 400 and "12345" in answer.json()["message"]
    assert {h["hostId"]: h["isRealTimeProtectionOn"] for h in _details(api)["hosts"]} == before
    for body in ({}, {"targetHostIds": []}, {"targetHostIds": [str(target)]}):
        answer = api.post("/v1/anti-virus/actions/start-fullscan", json=body)
        assert answer.status_code == 400 and "targetHostIds" in answer.json()["message"]


@pytest.mark.parametrize("mode,documented,alternative", [("documented", 200, 404), ("alternative", 404, 200), ("both", 200, 200)])
def test_realtime_path_modes(api, emulator, mode, documented, alternative):
    emulator.configure(realtime_path=mode)
    target = _details(api)["hosts"][0]["hostId"]
    body = {"targetHostIds": [target]}
    assert api.post("/v1/anti-virus/actions/enable-realtimetypeprotection", json=body).status_code == documented
    assert api.post("/v1/anti-virus/actions/enable-realtimeprotection", json=body).status_code == alternative
