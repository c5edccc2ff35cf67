# -*- coding: utf-8 -*-
"""Profiles (guide, variants, files) and each quirk knob, over real HTTP."""

import json

import pytest
import requests

from central_emulator import cli, config, profiles
from central_emulator.testing import EmulatorAdminError, start_emulator, start_emulator_process


PREFIX = ")]}'\n"
GUIDE_QUIRKS = {key: config.DEFAULTS[key] for key in config.QUIRK_KEYS}


def _json(answer, prefixed=False):
    """Decode an answer, checking whether it starts with the anti-hijacking prefix."""
    assert answer.status_code == 200, (answer.status_code, answer.text)
    assert answer.text.startswith(PREFIX) is prefixed, answer.text[:20]
    return json.loads(answer.text[len(PREFIX):] if prefixed else answer.text)


def _create_report(api, kind, host_ids, fields, prefixed=False):
    answer = api.post("/v1/inventory/%s/reports" % kind, json={"hostIds": host_ids, "fields": fields})
    return _json(answer, prefixed)["token"]


# ---------------------------------------------------------------------- built-in profiles

def test_guide_profile_equals_the_defaults(emulator):
    with open(profiles.builtin_path("guide"), encoding="utf-8") as handle:
        raw = json.load(handle)
    assert raw["name"] == "guide" and raw["quirks"] == GUIDE_QUIRKS
    assert profiles.load("guide")["quirks"] == GUIDE_QUIRKS
    assert config.DEFAULTS["profile"] == "guide"
    default = emulator.config()
    assert default["profile"] == "guide"
    emulator.reset(rate_limit_window=0, profile="guide")
    assert emulator.config() == default


def test_variants_profile_turns_every_variant_on(emulator):
    expected = {
        "auth_failure_status": 401, "retry_after": False, "retry_hint": "body", "av_details_style": "example",
        "realtime_path": "alternative", "deleted_reason_key": "deletedReason", "hosts_group_key": "groupId",
        "ids_as_strings": True, "inventory_nesting": "nested", "json_prefix": True, "continuation_key": "continuation_token",
        "report_not_ready": 1, "report_not_ready_style": "404", "connection_link_key": "url",
    }
    assert profiles.load("variants")["quirks"] == expected
    emulator.reset(rate_limit_window=0, profile="variants")
    shown = emulator.config()
    assert shown["profile"] == "variants"
    assert {key: shown[key] for key in config.QUIRK_KEYS} == expected
    assert shown["page_size"] == 50 and shown["rate_limit_window"] == 0


# ---------------------------------------------------------------------- one test per knob

def test_hosts_group_key(api, emulator):
    assert all("groupid" in host and "groupId" not in host for host in api.hosts())
    emulator.reset(rate_limit_window=0, hosts_group_key="groupId")
    hosts = api.hosts()
    assert all("groupId" in host and "groupid" not in host for host in hosts)
    assert list(hosts[0]) == ["description", "groupId", "hostStateChangeDate", "id", "isHostOnline"]
    state = {host["id"]: host["groupId"] for host in emulator.state_hosts()}
    assert {host["id"]: host["groupId"] for host in hosts} == state


def test_ids_as_strings(api, emulator):
    flat = api.ok("GET", "/v2/hostswithgroups")
    emulator.reset(rate_limit_window=0, ids_as_strings=True)
    answer = api.ok("GET", "/v2/hostswithgroups")
    assert [group["id"] for group in answer["groups"]] == [str(group["id"]) for group in flat["groups"]]
    assert answer["groups"][-1] == {"id": "-1", "name": None}
    assert [(host["id"], host["groupid"]) for host in answer["hosts"]] == [(str(host["id"]), str(host["groupid"])) for host in flat["hosts"]]
    assert any(host["groupid"] == "-1" for host in answer["hosts"])
    hosts = api.ok("GET", "/v2/hosts")["hosts"]
    assert hosts and all(isinstance(host["id"], str) and host["id"].isdigit() for host in hosts)
    custom = api.ok("GET", "/v1/hosts/custom-fields")["hosts"]
    assert custom and all(isinstance(host["id"], str) for host in custom)
    emulator.configure(hosts_group_key="groupId")
    assert all(isinstance(host["groupId"], str) for host in api.hosts())


def test_inventory_nesting_nested(api, emulator):
    host_id = emulator.state_hosts()[0]["id"]
    hardware = ["HardwareModel", "ServiceTag", "MemoryModules", "NetworkConnectionIPAddress", "NetworkConnectionMacAddress", "CpuType"]
    system = ["OsType", "OsInstallDate", "LastLogonUserName"]
    flat_hw = _json(api.get("/v1/inventory/hardware/reports/" + _create_report(api, "hardware", [host_id], hardware)))
    flat_sys = _json(api.get("/v1/inventory/system/reports/" + _create_report(api, "system", [host_id], system)))
    emulator.configure(inventory_nesting="nested")
    token = _create_report(api, "hardware", [host_id], hardware)
    nested_hw = _json(api.get("/v1/inventory/hardware/reports/" + token))["hosts"][str(host_id)]
    assert _json(api.get("/v1/inventory/hardware/reports/" + token))["hosts"][str(host_id)] == nested_hw  # deterministic
    flat = flat_hw["hosts"][str(host_id)]
    assert nested_hw["hardwareInfo"] == {"model": flat["hardwareModel"], "manufacturer": None, "serviceTag": flat["serviceTag"], "assetTag": None}
    assert nested_hw["memories"] == flat["memoryModules"] and nested_hw["memories"][0]["size"] > 0
    connection = nested_hw["networkConnections"][0]
    assert connection["iPAddress"] == flat["networkConnections"][0]["ipAddress"]
    assert connection["mACAddress"] == flat["networkConnections"][0]["macAddress"]
    assert "ipAddress" not in connection and "macAddress" not in connection
    assert nested_hw["processors"] == flat["processors"]
    assert not {"hardwareModel", "serviceTag", "memoryModules"} & set(nested_hw)
    nested_sys = _json(api.get("/v1/inventory/system/reports/" + _create_report(api, "system", [host_id], system)))["hosts"][str(host_id)]
    flat = flat_sys["hosts"][str(host_id)]
    assert nested_sys == {"hostId": host_id, "operatingSystem": {"type": flat["osType"], "installDate": flat["osInstallDate"]},
                          "lastLogonUserName": flat["lastLogonUserName"]}


def test_json_prefix(api, emulator):
    host_id = emulator.state_hosts()[0]["id"]
    emulator.configure(json_prefix=True)
    token = _create_report(api, "system", [host_id], ["OsType"], prefixed=True)
    page = _json(api.get("/v1/inventory/system/reports/" + token), prefixed=True)
    assert page["report"]["token"] is None and str(host_id) in page["hosts"]
    assert _json(api.post("/v1/reports/computer-status", json={}), prefixed=True)
    assert _json(api.post("/v1/reports/deleted-hosts/", json={"startDate": "2024-01-01"}), prefixed=True)
    assert _json(api.post("/v1/reports/remote-access", json={"startDate": "2025-05-01", "endDate": "2025-06-30"}), prefixed=True) is not None
    answer = api.post("/v1/inventory/system/reports", json={"hostIds": [host_id], "fields": ["OsType"]})
    assert answer.headers["Content-Type"].startswith("application/json")
    # not report bodies: unchanged
    assert _json(api.get("/v1/inventory/system/reports"))["token"]
    assert _json(api.get("/v1/inventory/system/fields"))
    assert _json(api.get("/v2/hostswithgroups"))["hosts"]
    refused = api.get("/v1/inventory/system/reports/nope")
    assert refused.status_code == 400 and refused.json() == {"message": "Unknown report token"}


def test_retry_hint_body(api, emulator):
    emulator.reset(rate_limit_window=30, retry_hint="body")
    assert api.get("/v2/hosts").status_code == 200
    refused = api.get("/v2/hosts")
    assert refused.status_code == 429 and "Retry-After" not in refused.headers
    body = refused.json()
    assert body == {"message": "Too many requests", "retryAfter": body["retryAfter"]}
    assert isinstance(body["retryAfter"], int) and 1 <= body["retryAfter"] <= 30
    emulator.configure(retry_after=True)  # the header knob stays independent
    refused = api.get("/v2/hosts")
    assert refused.headers["Retry-After"] == str(refused.json()["retryAfter"])
    emulator.reset(rate_limit_window=30)
    api.get("/v2/hosts")
    assert api.get("/v2/hosts").json() == {"message": "Too many requests"}


def test_retry_hint_body_rounds_up(api, emulator):
    # a status_429 fault on a fresh action waits the whole window: 2.5 s -> 3
    emulator.reset(rate_limit_window=2.5, retry_hint="body")
    emulator.set_faults([{"kind": "status_429", "match": "GET /v2/users", "count": 1}])
    refused = api.get("/v2/users")
    assert refused.status_code == 429 and refused.json() == {"message": "Too many requests", "retryAfter": 3}


def test_continuation_key_top_level(api, emulator):
    host_ids = [host["id"] for host in emulator.state_hosts()[:5]]
    emulator.configure(continuation_key="continuation_token", page_size=2)
    token = _create_report(api, "system", host_ids, ["OsType"])
    seen = []
    while token is not None:
        page = _json(api.get("/v1/inventory/system/reports/" + token))
        assert list(page) == ["continuation_token", "report", "hosts"]
        assert "token" not in page["report"] and page["report"]["expires"]
        seen.extend(page["hosts"])
        token = page["continuation_token"]
    assert seen == [str(host_id) for host_id in host_ids]


def test_report_not_ready_404(api, emulator):
    host_id = emulator.state_hosts()[0]["id"]
    emulator.configure(report_not_ready=2)
    token = _create_report(api, "hardware", [host_id], ["CpuType"])
    other = _create_report(api, "hardware", [host_id], ["CpuType"])
    emulator.clear_log()
    for dummy in range(2):
        answer = api.get("/v1/inventory/hardware/reports/" + token)
        assert answer.status_code == 404 and answer.json() == {"message": "Report is not ready"}
    assert str(host_id) in _json(api.get("/v1/inventory/hardware/reports/" + token))["hosts"]
    assert str(host_id) in _json(api.get("/v1/inventory/hardware/reports/" + token))["hosts"]
    assert api.get("/v1/inventory/hardware/reports/" + other).status_code == 404  # counted per report
    assert [entry["status"] for entry in emulator.log()] == [404, 404, 200, 200, 404]
    assert {entry["action"] for entry in emulator.log()} == {"GET /v1/inventory/hardware/reports/{token}"}
    assert api.get("/v1/inventory/hardware/reports/unknown").status_code == 400


def test_report_not_ready_empty_page(api, emulator):
    host_ids = [host["id"] for host in emulator.state_hosts()[:3]]
    emulator.configure(report_not_ready=1, report_not_ready_style="empty", page_size=2)
    token = _create_report(api, "system", host_ids, ["OsType"])
    empty = _json(api.get("/v1/inventory/system/reports/" + token))
    assert empty == {"report": {"token": token, "expires": empty["report"]["expires"]}, "hosts": {}}
    first = _json(api.get("/v1/inventory/system/reports/" + token))
    assert len(first["hosts"]) == 2 and first["report"]["token"] not in (None, token)
    second = _json(api.get("/v1/inventory/system/reports/" + first["report"]["token"]))  # later pages are ready
    assert list(second["hosts"]) == [str(host_ids[2])]
    emulator.configure(continuation_key="continuation_token")
    token = _create_report(api, "system", host_ids, ["OsType"])
    empty = _json(api.get("/v1/inventory/system/reports/" + token))
    assert empty["continuation_token"] == token and empty["hosts"] == {} and "token" not in empty["report"]


def test_connection_link_key(api, emulator):
    host_id = emulator.state_hosts()[0]["id"]
    assert set(api.ok("POST", "/v1/hosts/%d/connection" % host_id, json={})) == {"connectionUrl", "expires"}
    emulator.configure(connection_link_key="url")
    answer = api.ok("POST", "/v1/hosts/%d/connection" % host_id, json={})
    assert list(answer) == ["url", "expires"] and answer["url"].startswith("https://secure.logmein.com/remote-access/")


# ---------------------------------------------------------------------- loading

def test_profile_file_and_inline_object(tmp_path, api, emulator):
    path = tmp_path / "camel.json"
    path.write_text(json.dumps({"name": "camel", "description": "d", "quirks": {"hosts_group_key": "groupId", "json_prefix": True}}),
                    encoding="utf-8")
    loaded = profiles.load(str(path))
    assert loaded["name"] == "camel" and loaded["quirks"] == dict(GUIDE_QUIRKS, hosts_group_key="groupId", json_prefix=True)
    running = start_emulator(rate_limit_window=0, hosts=3, profile=str(path), page_size=7)
    try:
        shown = running.config()
        assert shown["profile"] == "camel" and shown["page_size"] == 7 and shown["ids_as_strings"] is False
        answer = requests.get(running.api_url + "/v2/hostswithgroups", auth=running.auth, timeout=30).json()
        assert all("groupId" in host for host in answer["hosts"])
    finally:
        running.stop()
    emulator.configure(profile={"name": "inline", "quirks": {"connection_link_key": "url"}})
    assert emulator.config()["profile"] == "inline"
    assert "url" in api.ok("POST", "/v1/hosts/%d/connection" % emulator.state_hosts()[0]["id"], json={})


def test_admin_profile_on_reset_and_config(api, emulator):
    emulator.reset(rate_limit_window=0, profile="variants", hosts_group_key="groupid")  # a key beside the profile wins
    shown = emulator.config()
    assert shown["profile"] == "variants" and shown["hosts_group_key"] == "groupid" and shown["json_prefix"] is True
    # loading a profile sets every quirk: keys the profile does not give fall back to the guide's
    shown = emulator.configure(profile={"name": "only-url", "quirks": {"connection_link_key": "url"}})
    assert {key: shown[key] for key in config.QUIRK_KEYS} == dict(GUIDE_QUIRKS, connection_link_key="url")
    emulator.configure(profile="variants")
    emulator.reset()
    assert emulator.config()["profile"] == "guide" and emulator.config()["json_prefix"] is False
    assert "groupid" in api.hosts()[0]


@pytest.mark.parametrize("data, message", [
    ([], "must be a JSON object"),
    ({"name": "x", "quirks": {}, "extra": 1}, "unknown key(s) extra"),
    ({"quirks": {}}, "name must be a non-empty string"),
    ({"name": "x"}, "quirks must be a JSON object"),
    ({"name": "x", "description": 3, "quirks": {}}, "description must be a string"),
    ({"name": "x", "quirks": {"page_size": 10}}, "quirks.page_size is not a profile quirk"),
    ({"name": "x", "quirks": {"hosts_group_key": "group_id"}}, 'quirks.hosts_group_key must be one of "groupid", "groupId"'),
    ({"name": "x", "quirks": {"ids_as_strings": "yes"}}, "quirks.ids_as_strings must be a boolean"),
    ({"name": "x", "quirks": {"report_not_ready": -1}}, "quirks.report_not_ready must be an integer"),
    ({"name": "x", "quirks": {"report_not_ready_style": 404}}, "quirks.report_not_ready_style must be one of"),
])
def test_bad_profiles_are_refused_clearly(tmp_path, emulator, data, message):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(profiles.ProfileError) as info:
        profiles.load(str(path))
    assert message in str(info.value) and str(path) in str(info.value)
    with pytest.raises(EmulatorAdminError) as info:
        emulator.reset(rate_limit_window=0, profile=str(path))
    assert info.value.status == 400 and message in info.value.message
    assert emulator.config()["profile"] == "guide"


def test_unreadable_or_unknown_profiles(tmp_path, emulator):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    for source, message in ((str(broken), "is not valid JSON"), ("nosuch", "neither a built-in profile (guide, variants) nor a file"),
                            (str(tmp_path), "nor a file"), (5, "built-in profile name")):
        with pytest.raises(profiles.ProfileError) as info:
            profiles.load(source)
        assert message in str(info.value)
        with pytest.raises(EmulatorAdminError) as admin_error:
            emulator.configure(profile=source)
        assert admin_error.value.status == 400
    with pytest.raises(ValueError):
        start_emulator(profile="nosuch")


def test_cli_options_override_the_profile():
    args = cli.build_parser().parse_args(["--profile", "variants", "--no-json-prefix", "--report-not-ready", "3"])
    assert cli.config_from_args(args) == dict(cli.config_from_args(cli.build_parser().parse_args([])), profile="variants",
                                              json_prefix=False, report_not_ready=3)
    assert not set(config.QUIRK_KEYS) & set(cli.config_from_args(cli.build_parser().parse_args([])))


def test_cli_profile_in_a_subprocess(tmp_path):
    running = start_emulator_process(profile="variants", hosts=3, rate_limit_window=0, connection_link_key="connectionUrl")
    try:
        shown = running.config()
        assert shown["profile"] == "variants" and shown["connection_link_key"] == "connectionUrl"
        answer = requests.get(running.api_url + "/v2/hostswithgroups", auth=running.auth, timeout=30).json()
        assert all(isinstance(host["groupId"], str) for host in answer["hosts"])
        with open(running.output_path, "r", encoding="utf-8") as handle:
            assert "rate limit off, profile variants)" in handle.read()
    finally:
        running.stop()
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"name": "bad", "quirks": {"json_prefix": 1}}), encoding="utf-8")
    with pytest.raises(RuntimeError) as info:
        start_emulator_process(profile=str(path))
    assert "cannot start: profile %s: quirks.json_prefix must be a boolean" % path in str(info.value)
