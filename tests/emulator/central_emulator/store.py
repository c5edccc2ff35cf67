# -*- coding: utf-8 -*-
"""The emulated account's state and the operations the API performs on it.

The caller (``app.EmulatorApp``) holds its lock around every call. Methods raise
``ApiError`` for unknown hosts, groups and categories; parameter validation is done
before, in ``handlers``. Answers are built in the API's shapes.
"""

import secrets
import time
import uuid

from central_emulator import dataset, inventory, timeutil
from central_emulator.errors import ApiError

DELETED_BY_API = "Host deleted from website / API"
CONNECTION_TTL = 300


def _now_iso(now=None):
    return timeutil.format_epoch(time.time() if now is None else now)


class Store(object):
    """Hosts, groups, custom fields, users, sessions and deleted hosts of one account."""

    def __init__(self, state):
        self.seed = state.get("seed", dataset.DEFAULT_SEED)
        self.reference_date = state.get("referenceDate") or dataset.REFERENCE_DATE
        self.reference_epoch = timeutil.parse_iso_z(self.reference_date)
        self.groups = list(state["groups"])
        self.group_by_id = {group["id"]: group for group in self.groups}
        self.hosts = {host["id"]: host for host in state["hosts"]}
        self.categories = []
        self.category_by_id = {}
        self._value_refs = {}
        for category in state["customFieldCategories"]:
            self._add_category(category["id"], category["name"], category["values"])
        for host in self.hosts.values():
            for cat_id, value_id in host["customFields"].items():
                refs = self._value_refs[cat_id]
                refs[value_id] = refs.get(value_id, 0) + 1
        for category in self.categories:
            refs = self._value_refs[category["id"]]
            if len(refs) != len(category["values"]):
                category["values"] = [value for value in category["values"] if refs.get(value["id"])]
                category["by_name"] = {}
                for value in category["values"]:
                    category["by_name"].setdefault(value["name"], value["id"])
        self.users = state["users"]
        self.sessions = list(state["remoteAccessSessions"])
        self.deleted = list(state["deletedHosts"])

    # ------------------------------------------------------------------ state

    def dump(self, with_inventory=True):
        """The whole state, in the shape ``dataset.normalize`` accepts."""
        hosts = []
        for host in self.hosts.values():
            entry = dict(host)
            entry["computerStatus"] = dict(host["computerStatus"])
            entry["antiVirus"] = dict(host["antiVirus"])
            entry["customFields"] = dict(host["customFields"])
            if with_inventory:
                entry["inventory"] = {kind: self.inventory_data(host, kind) for kind in inventory.KINDS}
            else:
                entry.pop("inventory", None)
            hosts.append(entry)
        return {
            "format": dataset.STATE_FORMAT,
            "seed": self.seed,
            "referenceDate": self.reference_date,
            "groups": [dict(group) for group in self.groups],
            "hosts": hosts,
            "customFieldCategories": [
                {"id": category["id"], "name": category["name"], "values": [dict(value) for value in category["values"]]}
                for category in self.categories
            ],
            "users": {"mahData": self.users.get("mahData"), "usersData": list(self.users.get("usersData", []))},
            "remoteAccessSessions": list(self.sessions),
            "deletedHosts": list(self.deleted),
        }

    # ------------------------------------------------------------------ hosts

    def require_host(self, host_id):
        host = self.hosts.get(host_id)
        if host is None:
            raise ApiError(404, "Host not found: %s" % host_id)
        return host

    def unknown_hosts(self, host_ids):
        return [host_id for host_id in host_ids if host_id not in self.hosts]

    def list_hosts(self):
        return {"hosts": [
            {"description": host["description"], "hostStateChangeDate": host["hostStateChangeDate"], "id": host["id"],
             "isHostOnline": host["isHostOnline"], "hostName": host["hostName"]}
            for host in self.hosts.values()
        ]}

    def hosts_with_groups(self):
        groups = [{"id": group["id"], "name": group["name"]} for group in self.groups]
        groups.append({"id": -1, "name": None})
        hosts = [
            {"description": host["description"], "groupid": host["groupId"], "hostStateChangeDate": host["hostStateChangeDate"],
             "id": host["id"], "isHostOnline": host["isHostOnline"]}
            for host in self.hosts.values()
        ]
        return {"groups": groups, "hosts": hosts}

    def set_description(self, host_id, description):
        self.require_host(host_id)["description"] = description

    def require_group(self, group_id):
        if group_id != -1 and group_id not in self.group_by_id:
            raise ApiError(404, "Group not found: %s" % group_id)

    def move_hosts(self, group_id, host_ids):
        for host_id in host_ids:
            self.hosts[host_id]["groupId"] = group_id

    def connection(self, host_id, fail_when_in_session, direct_link, now):
        host = self.require_host(host_id)
        if not host["isHostOnline"]:
            raise ApiError(400, "Host %s is offline" % host_id)
        if fail_when_in_session and host.get("raSessionInProgress"):
            raise ApiError(400, "A remote access session is in progress on host %s" % host_id)
        token = secrets.token_urlsafe(32)
        url = "https://secure.logmein.com/remote-access/%s?hostId=%s&directLink=%s&token=%s" % (
            "direct" if direct_link else "connect", host_id, "true" if direct_link else "false", token)
        return {"connectionUrl": url, "expires": timeutil.format_epoch(now + CONNECTION_TTL, timeutil.EXPIRES)}

    def delete_hosts(self, host_ids, now):
        deleted_at = _now_iso(now)
        for host_id in host_ids:
            host = self.hosts.pop(host_id, None)
            if host is None:
                continue
            for cat_id, value_id in host["customFields"].items():
                self._release_value(cat_id, value_id)
            self.deleted.append({
                "hostId": host_id,
                "hostName": host["description"],
                "deleteReason": DELETED_BY_API,
                "deletedAt": deleted_at,
                "installedAt": host["computerStatus"].get("installDate"),
            })

    # ------------------------------------------------------------------ anti-virus

    def av_details(self, style):
        groups = [{"groupId": group["id"], "groupName": group["name"], "isCollapsed": group.get("isCollapsed")} for group in self.groups]
        hosts = []
        for host in self.hosts.values():
            av = host["antiVirus"]
            entry = {
                "hostDescription": host["description"],
                "groupId": host["groupId"],
                "isOnline": host["isHostOnline"],
                "buildNumber": host["buildNumber"],
                "isMac": host["isMac"],
                "hostId": host["id"],
                "antiVirusStatus": av["antiVirusStatus"],
                "antiVirusName": av["antiVirusName"],
                "isRealTimeProtectionOn": av["isRealTimeProtectionOn"],
                "isVirusDefinitionUpToDate": av["isVirusDefinitionUpToDate"],
                "virusDefinitionVersion": av["virusDefinitionVersion"],
                "lastFullScanTime": av["lastFullScanTime"],
                "numberOfThreats": av["numberOfThreats"],
                "isMultipleAntiVirusDetected": av["isMultipleAntiVirusDetected"],
            }
            capabilities = {"canReportThreatLog": av["canReportThreatLog"],
                            "canReportRealTimeProtectionStatus": av["canReportRealTimeProtectionStatus"]}
            if style == "example":
                entry.update(capabilities)
            else:
                entry["capabilities"] = capabilities
            entry["kasperskyInstallSupported"] = av["kasperskyInstallSupported"]
            entry["hasKasperskyInstalled"] = av["hasKasperskyInstalled"]
            hosts.append(entry)
        return {"hostGroups" if style == "example" else "hostsGroups": groups, "hosts": hosts}

    def av_action(self, action, host_ids, unsent_ids, now):
        unsent = set(unsent_ids)
        statuses = []
        for host_id in host_ids:
            host = self.hosts[host_id]
            av = host["antiVirus"]
            sent = bool(host["isHostOnline"] and av.get("antiVirusName") and host_id not in unsent)
            if sent:
                if action == "enable-realtimeprotection":
                    av["isRealTimeProtectionOn"] = True
                elif action == "update-definition":
                    av["isVirusDefinitionUpToDate"] = True
                    av["virusDefinitionVersion"] = timeutil.format_epoch(now, "%Y.%m.%d")
                elif action == "start-fullscan":
                    av["lastFullScanTime"] = _now_iso(now)
                av["antiVirusStatus"] = dataset.antivirus_status(av)
            statuses.append({"targetHostId": host_id, "sentSuccessfully": sent})
        return {"commandStatuses": statuses}

    # ------------------------------------------------------------------ custom fields

    def _add_category(self, cat_id, name, values=()):
        category = {"id": cat_id, "name": name, "values": [], "by_name": {}}
        self.categories.append(category)
        self.category_by_id[cat_id] = category
        self._value_refs[cat_id] = {}
        for value in values:
            category["values"].append({"id": value["id"], "name": value["name"]})
            category["by_name"].setdefault(value["name"], value["id"])
        return category

    def _drop_value(self, category, value_id):
        category["values"] = [value for value in category["values"] if value["id"] != value_id]
        category["by_name"] = {name: known for name, known in category["by_name"].items() if known != value_id}
        self._value_refs[category["id"]].pop(value_id, None)

    def _release_value(self, cat_id, value_id):
        refs = self._value_refs.get(cat_id)
        if refs is None or value_id not in refs:
            return
        refs[value_id] -= 1
        if refs[value_id] <= 0:
            self._drop_value(self.category_by_id[cat_id], value_id)

    def require_category(self, cat_id):
        category = self.category_by_id.get(cat_id)
        if category is None:
            raise ApiError(404, "Custom field category not found: %s" % cat_id)
        return category

    def categories_view(self):
        return {"metadataCategories": [
            {"id": category["id"], "name": category["name"], "values": [dict(value) for value in category["values"]]}
            for category in self.categories
        ]}

    def host_custom_fields(self):
        order = [category["id"] for category in self.categories]
        hosts = []
        for host in self.hosts.values():
            fields = host["customFields"]
            if fields:
                hosts.append({"id": host["id"], "metadata": [
                    {"categoryId": cat_id, "valueId": fields[cat_id]} for cat_id in order if cat_id in fields
                ]})
        return {"hosts": hosts}

    def create_category(self, name):
        self._add_category(str(uuid.uuid4()), name)

    def rename_category(self, cat_id, name):
        self.require_category(cat_id)["name"] = name

    def delete_category(self, cat_id):
        category = self.require_category(cat_id)
        for host in self.hosts.values():
            host["customFields"].pop(cat_id, None)
        self.categories.remove(category)
        del self.category_by_id[cat_id]
        del self._value_refs[cat_id]

    def set_value(self, host_id, cat_id, value):
        host = self.require_host(host_id)
        category = self.require_category(cat_id)
        value_id = category["by_name"].get(value)
        if value_id is None:
            value_id = str(uuid.uuid4())
            category["values"].append({"id": value_id, "name": value})
            category["by_name"][value] = value_id
            self._value_refs[cat_id][value_id] = 0
        previous = host["customFields"].get(cat_id)
        if previous == value_id:
            return
        self._value_refs[cat_id][value_id] += 1
        host["customFields"][cat_id] = value_id
        if previous is not None:
            self._release_value(cat_id, previous)

    def delete_value(self, host_id, cat_id):
        host = self.require_host(host_id)
        self.require_category(cat_id)
        previous = host["customFields"].pop(cat_id, None)
        if previous is not None:
            self._release_value(cat_id, previous)

    # ------------------------------------------------------------------ users, inventory

    def users_view(self):
        return {"mahData": self.users.get("mahData"), "usersData": list(self.users.get("usersData", []))}

    def inventory_data(self, host, kind):
        return inventory.host_data(self.seed, host, kind, self.reference_epoch)
