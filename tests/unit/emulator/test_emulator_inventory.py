# -*- coding: utf-8 -*-
"""System and hardware inventory: fields, report creation, pagination, tokens, shapes."""

import re
import time

import pytest

SYSTEM_FIELDS = [
    "ExternalIp", "JournalEntries", "LastBootDate", "LastLogonUserName", "LocalUserCreated", "LocalUserGroup",
    "LocalUserLastLogin", "LocalUserName", "LocalUserStatus", "OsInstallDate", "OsType", "SettingsTimezone",
    "WindowsProfileModified", "WindowsProfileName", "WindowsProfileSize",
]
HARDWARE_FIELDS = [
    "BatteryName", "CpuNumberOfCores", "CpuNumberOfProcessors", "CpuSpeed", "CpuType", "DisplayDate", "DisplayProvider",
    "DisplayType", "DisplayVersion", "DriveCapacity", "DriveDiskType", "DriveMediaType", "DriveName", "DriveSerialNumber",
    "HardwareAssetTag", "HardwareManufacturer", "HardwareModel", "MemoryModules", "MemorySize", "MotherboardChipset",
    "MotherboardMemorySlots", "NetworkConnectionDefaultGateway", "NetworkConnectionDHCPsServer", "NetworkConnectionIPAddress",
    "NetworkConnectionMacAddress", "NetworkConnectionName", "NetworkConnectionPrimaryDNS", "NetworkConnectionPrimaryWINS",
    "NetworkConnectionSecondaryDNS", "NetworkConnectionSecondaryWINS", "NetworkConnectionSubnetMask", "PartitionDrive",
    "PartitionFileSystem", "PartitionFreeSpace", "PartitionName", "PartitionRaid", "PartitionRaidFailingDiskNumber",
    "PartitionRaidStatus", "PartitionTotalSize", "PrimaryScreenResolution", "ServiceTag",
]
EXPIRES = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$")


def _ids(api):
    return [host["id"] for host in api.hosts()]


def test_field_lists_are_the_guides(api):
    assert api.ok("GET", "/v1/inventory/system/fields") == SYSTEM_FIELDS
    assert api.ok("GET", "/v1/inventory/hardware/fields") == HARDWARE_FIELDS


@pytest.mark.parametrize("kind", ["system", "hardware"])
def test_create_report_and_read_it(api, kind):
    ids = _ids(api)[:2]
    fields = ["ExternalIp", "LastBootDate"] if kind == "system" else ["BatteryName", "CpuType"]
    created = api.ok("POST", "/v1/inventory/%s/reports" % kind, json={"hostIds": ids, "fields": fields})
    assert set(created) == {"token", "expires"}
    assert EXPIRES.match(created["expires"])
    assert api.ok("GET", "/v1/inventory/%s/reports" % kind) == created
    page = api.ok("GET", "/v1/inventory/%s/reports/%s" % (kind, created["token"]))
    assert page["report"]["token"] is None
    assert EXPIRES.match(page["report"]["expires"])
    assert sorted(page["hosts"]) == sorted(str(host_id) for host_id in ids)
    for key, entry in page["hosts"].items():
        assert entry["hostId"] == int(key)


def test_create_report_errors(api):
    ids = _ids(api)[:1]
    cases = [
        ({"fields": ["OsType"]}, "hostIds"),
        ({"hostIds": [], "fields": ["OsType"]}, "hostIds"),
        ({"hostIds": ids}, "fields"),
        ({"hostIds": ids, "fields": []}, "fields"),
        ({"hostIds": ids, "fields": "OsType"}, "fields"),
        ({"hostIds": ids, "fields": ["OsType", "Bogus", "ostype"]}, "Bogus"),
        ({"hostIds": ids + [17], "fields": ["OsType"]}, "17"),
    ]
    for body, word in cases:
        answer = api.post("/v1/inventory/system/reports", json=body)
        assert answer.status_code == 400, body
        assert word in answer.json()["message"]
    answer = api.post("/v1/inventory/system/reports", json={"hostIds": ids, "fields": ["CpuType"]})
    assert answer.status_code == 400 and "CpuType" in answer.json()["message"]


def test_no_active_token(api):
    assert api.ok("GET", "/v1/inventory/system/reports") == {"token": None, "expires": None}


def test_pagination_of_120_hosts(api, emulator):
    emulator.reset(hosts=120, rate_limit_window=0)
    ids = _ids(api)
    assert len(ids) == 120
    created = api.ok("POST", "/v1/inventory/hardware/reports", json={"hostIds": ids, "fields": ["CpuType"]})
    token = created["token"]
    pages = []
    while token:
        page = api.ok("GET", "/v1/inventory/hardware/reports/" + token)
        pages.append(page)
        token = page["report"]["token"]
    assert [len(page["hosts"]) for page in pages] == [50, 50, 20]
    seen = [int(key) for page in pages for key in page["hosts"]]
    assert seen == ids
    assert pages[0]["report"]["token"] != pages[1]["report"]["token"]
    # re-reading a page gives the same continuation token
    again = api.ok("GET", "/v1/inventory/hardware/reports/" + created["token"])
    assert again["report"]["token"] == pages[0]["report"]["token"]
    # the active token is the first one
    assert api.ok("GET", "/v1/inventory/hardware/reports")["token"] == created["token"]


def test_page_size_is_configurable(api, emulator):
    emulator.configure(page_size=7)
    ids = _ids(api)[:20]
    token = api.ok("POST", "/v1/inventory/system/reports", json={"hostIds": ids, "fields": ["OsType"]})["token"]
    sizes = []
    while token:
        page = api.ok("GET", "/v1/inventory/system/reports/" + token)
        sizes.append(len(page["hosts"]))
        token = page["report"]["token"]
    assert sizes == [7, 7, 6]


def test_unknown_and_other_kind_tokens_are_400(api):
    assert api.get("/v1/inventory/system/reports/doesnotexist").status_code == 400
    ids = _ids(api)[:1]
    token = api.ok("POST", "/v1/inventory/system/reports", json={"hostIds": ids, "fields": ["OsType"]})["token"]
    answer = api.get("/v1/inventory/hardware/reports/" + token)
    assert answer.status_code == 400 and "message" in answer.json()


def test_expired_tokens(api, emulator):
    emulator.reset(hosts=60, rate_limit_window=0)
    ids = _ids(api)
    token = api.ok("POST", "/v1/inventory/system/reports", json={"hostIds": ids, "fields": ["OsType"]})["token"]
    continuation = api.ok("GET", "/v1/inventory/system/reports/" + token)["report"]["token"]
    assert continuation
    emulator.expire_reports()
    for value in (token, continuation):
        answer = api.get("/v1/inventory/system/reports/" + value)
        assert answer.status_code == 400
        assert "expired" in answer.json()["message"]
    assert api.ok("GET", "/v1/inventory/system/reports") == {"token": None, "expires": None}


def test_report_token_ttl(api, emulator):
    emulator.configure(report_token_ttl=0.05)
    ids = _ids(api)[:1]
    token = api.ok("POST", "/v1/inventory/system/reports", json={"hostIds": ids, "fields": ["OsType"]})["token"]
    time.sleep(0.2)  # the token lives 0.05 s
    assert api.get("/v1/inventory/system/reports/" + token).status_code == 400


def test_active_token_is_the_most_recent(api):
    ids = _ids(api)[:1]
    first = api.ok("POST", "/v1/inventory/system/reports", json={"hostIds": ids, "fields": ["OsType"]})
    second = api.ok("POST", "/v1/inventory/system/reports", json={"hostIds": ids, "fields": ["OsType"]})
    assert api.ok("GET", "/v1/inventory/system/reports")["token"] == second["token"] != first["token"]
    assert api.ok("GET", "/v1/inventory/hardware/reports")["token"] is None


def test_only_requested_families_appear(api):
    ids = _ids(api)[:3]
    token = api.ok("POST", "/v1/inventory/hardware/reports", json={"hostIds": ids, "fields": ["CpuType", "BatteryName"]})["token"]
    for entry in api.ok("GET", "/v1/inventory/hardware/reports/" + token)["hosts"].values():
        assert set(entry) == {"hostId", "processors", "batteries"}
        for processor in entry["processors"]:
            assert set(processor) == {"id", "type", "speed", "numberOfCores", "numberOfProcessors"}
            assert processor["type"] and processor["speed"] is None and processor["numberOfCores"] is None
        for battery in entry["batteries"]:
            assert set(battery) == {"name"}


def test_system_shapes(api):
    ids = _ids(api)[:5]
    token = api.ok("POST", "/v1/inventory/system/reports", json={"hostIds": ids, "fields": SYSTEM_FIELDS})["token"]
    entries = api.ok("GET", "/v1/inventory/system/reports/" + token)["hosts"]
    for entry in entries.values():
        assert set(entry) == {"hostId", "externalIp", "journalEntries", "lastBootDate", "lastLogonUserName", "localUsers",
                              "osInstallDate", "osType", "settingsTimezone", "windowsProfiles"}
        assert entry["localUsers"] and all(set(user) == {"name", "group", "created", "lastLogin", "status"} for user in entry["localUsers"])
        assert isinstance(entry["lastLogonUserName"], str)


def test_hardware_shapes(api):
    ids = _ids(api)[:5]
    token = api.ok("POST", "/v1/inventory/hardware/reports", json={"hostIds": ids, "fields": HARDWARE_FIELDS})["token"]
    entries = api.ok("GET", "/v1/inventory/hardware/reports/" + token)["hosts"]
    for entry in entries.values():
        assert {"processors", "batteries", "displays", "drives", "networkConnections", "partitions", "memoryModules", "memorySize",
                "hardwareManufacturer", "hardwareModel", "hardwareAssetTag", "motherboardChipset", "motherboardMemorySlots",
                "primaryScreenResolution", "serviceTag"} == set(entry) - {"hostId"}
        assert entry["networkConnections"][0]["ipAddress"] and entry["processors"][0]["numberOfCores"]


def test_inventory_is_deterministic(api, emulator):
    ids = _ids(api)[:4]
    body = {"hostIds": ids, "fields": ["CpuType", "DriveSerialNumber"]}
    first = api.ok("GET", "/v1/inventory/hardware/reports/" + api.ok("POST", "/v1/inventory/hardware/reports", json=body)["token"])
    emulator.reset(rate_limit_window=0)
    second = api.ok("GET", "/v1/inventory/hardware/reports/" + api.ok("POST", "/v1/inventory/hardware/reports", json=body)["token"])
    assert first["hosts"] == second["hosts"]


def test_deleted_host_leaves_open_reports(api):
    ids = _ids(api)[:3]
    token = api.ok("POST", "/v1/inventory/system/reports", json={"hostIds": ids, "fields": ["OsType"]})["token"]
    api.ok("DELETE", "/v1/hosts", json={"hostIds": [ids[1]]})
    assert sorted(api.ok("GET", "/v1/inventory/system/reports/" + token)["hosts"]) == sorted([str(ids[0]), str(ids[2])])
