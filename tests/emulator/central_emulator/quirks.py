# -*- coding: utf-8 -*-
"""Reshape guide-shaped answers into the variants a profile turns on.

The store and the reports build every answer in the guide's shape; the handlers pass
them through these functions, which change nothing unless a quirk key says so. Keeping
the variants here keeps one place that says what each quirk changes (see profiles.py).
"""

JSON_PREFIX = b")]}'\n"

# inventory_nesting "nested". These key names are an example of the nested shape
# public scripts read, not documented names of the real service.
# Nested object -> (flat answer key, key inside the object), in order; an object carries
# every inner key, null for those not asked for, as the guide's processors items do.
NESTED_OBJECTS = {
    "hardwareInfo": (("hardwareModel", "model"), ("hardwareManufacturer", "manufacturer"), ("serviceTag", "serviceTag"),
                     ("hardwareAssetTag", "assetTag")),
    "operatingSystem": (("osType", "type"), ("osInstallDate", "installDate")),
}
_NESTED_BY_FLAT = {flat: (outer, inner) for outer, pairs in NESTED_OBJECTS.items() for flat, inner in pairs}
RENAMED_LISTS = {"memoryModules": "memories"}
# Keys of list items spelled with the acronym lowered letter by letter ("IPAddress" -> "iPAddress").
RENAMED_ITEM_KEYS = {"networkConnections": {"ipAddress": "iPAddress", "macAddress": "mACAddress"}}


def _string_id(value):
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _same(value):
    return value


def hosts_with_groups(answer, config):
    """GET /v2/hostswithgroups: the hosts' group key, and ids as strings."""
    group_key = config["hosts_group_key"]
    convert = _string_id if config["ids_as_strings"] else _same
    hosts = []
    for host in answer["hosts"]:
        # rebuilt key by key so the renamed key keeps its place
        hosts.append({(group_key if key == "groupid" else key): (convert(value) if key in ("id", "groupid") else value)
                      for key, value in host.items()})
    groups = [dict(group, id=convert(group["id"])) for group in answer["groups"]]
    return {"groups": groups, "hosts": hosts}


def host_ids(answer, config):
    """GET /v2/hosts and GET /v1/hosts/custom-fields: host ``id`` as a string."""
    if not config["ids_as_strings"]:
        return answer
    return dict(answer, hosts=[dict(host, id=_string_id(host["id"])) for host in answer["hosts"]])


def connection(answer, config):
    """POST /v1/hosts/{id}/connection: the key of the link."""
    link_key = config["connection_link_key"]
    return {(link_key if key == "connectionUrl" else key): value for key, value in answer.items()}


def nested_entry(entry):
    """One inventory report entry in the nested shape."""
    result = {}
    for key, value in entry.items():
        if key in _NESTED_BY_FLAT:
            outer, inner = _NESTED_BY_FLAT[key]
            if outer not in result:
                result[outer] = {name: None for dummy, name in NESTED_OBJECTS[outer]}
            result[outer][inner] = value
        elif key in RENAMED_LISTS:
            result[RENAMED_LISTS[key]] = value
        elif key in RENAMED_ITEM_KEYS and isinstance(value, list):
            names = RENAMED_ITEM_KEYS[key]
            result[key] = [{names.get(name, name): item_value for name, item_value in item.items()} if isinstance(item, dict) else item
                           for item in value]
        else:
            result[key] = value
    return result


def report_page(answer, config):
    """GET /v1/inventory/{kind}/reports/{token}: entry nesting and where the continuation token is."""
    hosts = answer["hosts"]
    if config["inventory_nesting"] == "nested":
        hosts = {host_id: nested_entry(entry) for host_id, entry in hosts.items()}
    if config["continuation_key"] == "continuation_token":
        report = {key: value for key, value in answer["report"].items() if key != "token"}
        return {"continuation_token": answer["report"]["token"], "report": report, "hosts": hosts}
    return {"report": answer["report"], "hosts": hosts}


def is_report(method, template):
    """Whether this route answers a report body (those get the ``json_prefix``): the inventory
    report pages, and the answers of every report POST (inventory report creation, /v1/reports/...)."""
    return template.endswith("/reports/{token}") or (method == "POST" and "/reports" in template)


def too_many_body(config, seconds):
    """The body of a 429 answer; ``seconds`` is the whole-second wait."""
    if config["retry_hint"] == "body":
        return {"message": "Too many requests", "retryAfter": seconds}
    return {"message": "Too many requests"}
