# -*- coding: utf-8 -*-
"""Reports: remote access (with and without groups), computer status, deleted hosts,
and the token/pagination life cycle of inventory reports.

Inventory report tokens
    ``POST .../reports`` creates a report and its first token (``expires`` = now +
    ``report_token_ttl``, real clock). ``GET .../reports/{token}`` answers one page of
    ``page_size`` hosts (the page size in force when the report was created); when more
    hosts follow, ``report.token`` is a continuation token for the next page, created
    on the first read of the page and reused on re-reads while it is valid, with its own
    expiry; on the last page it is ``null``. ``report.expires`` is the expiry of the
    continuation token, or of the token just read on the last page. Unknown, expired or
    other-kind tokens answer 400. ``GET .../reports`` answers the first token of the most
    recently created report that has not expired, else ``{"token": null, "expires": null}``.

Not ready yet
    With ``report_not_ready`` N (taken when the report is created), the first N reads of
    the report's first page answer "not ready": 404 ``{"message": "Report is not ready"}``,
    or (``report_not_ready_style`` ``empty``) a page without hosts whose ``report.token`` is
    the token just read. Then the real page is served. Unknown and expired tokens still
    answer 400 first. Pages are built in the guide's shape; ``quirks.report_page`` reshapes.
"""

import secrets
import string

from central_emulator import inventory, timeutil
from central_emulator.errors import ApiError

TOKEN_ALPHABET = string.ascii_letters + string.digits
TOKEN_LENGTH = 40
_FORGET_AFTER = 3600.0


def remote_access(store, start, end, with_groups):
    """Sessions whose start date is in [start, end] (dates, inclusive) of existing hosts."""
    low = start.isoformat()
    high = end.isoformat()
    answer = []
    hosts = store.hosts
    for session in store.sessions:
        started = session["sessionStart"]
        if not low <= started[:10] <= high:
            continue
        host = hosts.get(session["hostId"])
        if host is None:
            continue
        entry = {"sessionId": session.get("sessionId"), "hostId": session["hostId"]}
        if with_groups:
            entry["groupId"] = None if host["groupId"] == -1 else host["groupId"]
        entry["sessionStart"] = started
        entry["sessionEnd"] = session.get("sessionEnd")
        entry["userIp"] = session.get("userIp")
        answer.append(entry)
    return answer


def computer_status(store, group_ids, host_ids):
    """Computer status of the hosts in ``group_ids`` or ``host_ids`` (every host when both are empty)."""
    if group_ids or host_ids:
        groups = set(group_ids)
        wanted = set(host_ids)
        selected = [host for host in store.hosts.values() if host["id"] in wanted or host["groupId"] in groups]
    else:
        selected = list(store.hosts.values())
    answer = []
    for host in selected:
        status = host["computerStatus"]
        answer.append({
            "hostId": host["id"],
            "groupId": None if host["groupId"] == -1 else host["groupId"],
            "computerDescription": host["description"],
            "productType": status.get("productType", "i"),
            "subscriptionType": status.get("subscriptionType"),
            "startDate": status.get("startDate"),
            "renewalDate": status.get("renewalDate"),
            "status": status.get("status"),
            "lastOnline": status.get("lastOnline"),
            "lastRemoteSession": status.get("lastRemoteSession"),
            "lastKnownIpAddress": status.get("lastKnownIpAddress"),
            "installDate": status.get("installDate"),
            "softwareVersion": status.get("softwareVersion"),
        })
    return answer


def deleted_hosts(store, start, reason_key):
    """Hosts deleted on or after ``start`` (a date), oldest first."""
    low = start.isoformat()
    answer = []
    for entry in sorted(store.deleted, key=lambda item: item["deletedAt"]):
        if entry["deletedAt"][:10] < low:
            continue
        answer.append({
            "hostId": entry["hostId"],
            "status": "Deleted",
            "hostName": entry.get("hostName"),
            reason_key: entry.get("deleteReason", entry.get("deletedReason")),
            "deletedAt": entry["deletedAt"],
            "installedAt": entry.get("installedAt"),
        })
    return answer


def _new_token():
    return "".join(secrets.choice(TOKEN_ALPHABET) for dummy in range(TOKEN_LENGTH))


class InventoryReports(object):
    """Inventory reports and their (first and continuation) tokens, for both kinds."""

    def __init__(self):
        self._tokens = {}
        self._reports = []

    def clear(self):
        self._tokens = {}
        self._reports = []

    def _forget_old(self, now):
        stale = [token for token, info in self._tokens.items() if info["expires"] + _FORGET_AFTER < now]
        for token in stale:
            del self._tokens[token]
        self._reports = [report for report in self._reports if report["first"] in self._tokens]

    def _issue(self, report, page, ttl, now):
        token = _new_token()
        self._tokens[token] = {"report": report, "page": page, "expires": now + ttl, "next": None}
        return token

    def create(self, kind, host_ids, fields, page_size, ttl, now, not_ready=0):
        self._forget_old(now)
        report = {"kind": kind, "hostIds": list(host_ids), "fields": list(fields), "pageSize": page_size, "created": now,
                  "notReady": not_ready}
        token = self._issue(report, 0, ttl, now)
        report["first"] = token
        self._reports.append(report)
        return {"expires": timeutil.format_epoch(self._tokens[token]["expires"], timeutil.EXPIRES), "token": token}

    def active(self, kind, now):
        for report in reversed(self._reports):
            info = self._tokens.get(report["first"])
            if report["kind"] == kind and info is not None and info["expires"] > now:
                return {"token": report["first"], "expires": timeutil.format_epoch(info["expires"], timeutil.EXPIRES)}
        return {"token": None, "expires": None}

    def expire_all(self, now):
        for info in self._tokens.values():
            info["expires"] = min(info["expires"], now - 1)

    def page(self, store, kind, token, ttl, now, not_ready_style="404"):
        info = self._tokens.get(token)
        if info is None or info["report"]["kind"] != kind:
            raise ApiError(400, "Unknown report token")
        if info["expires"] <= now:
            raise ApiError(400, "The report token has expired")
        report = info["report"]
        if info["page"] == 0 and report["notReady"] > 0:
            report["notReady"] -= 1
            if not_ready_style == "404":
                raise ApiError(404, "Report is not ready")
            return {"report": {"token": token, "expires": timeutil.format_epoch(info["expires"], timeutil.EXPIRES)}, "hosts": {}}
        size = report["pageSize"]
        start = info["page"] * size
        chunk = report["hostIds"][start:start + size]
        next_token = None
        expires = info["expires"]
        if start + size < len(report["hostIds"]):
            next_token = info["next"]
            if next_token is None or self._tokens.get(next_token, {"expires": 0})["expires"] <= now:
                next_token = info["next"] = self._issue(report, info["page"] + 1, ttl, now)
            expires = self._tokens[next_token]["expires"]
        hosts = {}
        for host_id in chunk:
            host = store.hosts.get(host_id)
            if host is None:
                continue
            hosts[str(host_id)] = inventory.project(host_id, store.inventory_data(host, kind), report["fields"])
        return {"report": {"token": next_token, "expires": timeutil.format_epoch(expires, timeutil.EXPIRES)}, "hosts": hosts}
