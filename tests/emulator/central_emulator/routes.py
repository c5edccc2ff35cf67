# -*- coding: utf-8 -*-
"""The API's routes: method + path template -> handler, and whether a call is a write.

Templates are relative to ``/public-api``. Placeholders: ``{id}`` host id and
``{groupid}`` group id (integers, ``-1`` allowed), ``{category-id}`` and ``{token}``
(any path segment). The action of a request, used by the rate limiter, the fault
rules and the request log, is ``"METHOD template"``.
"""

import re

from central_emulator import handlers

_SEGMENT = {"id": r"-?\d+", "groupid": r"-?\d+", "category-id": r"[^/]+", "token": r"[^/]+"}


class Route(object):
    """One API route."""

    def __init__(self, method, template, handler, write, kwargs=None, aliases=()):
        self.method = method
        self.template = template
        self.handler = handler
        self.write = write
        self.kwargs = kwargs or {}
        self.action = "%s %s" % (method, template)
        self._patterns = [self._compile(path) for path in (template,) + tuple(aliases)]

    @staticmethod
    def _compile(template):
        pattern = ""
        for part in re.split(r"(\{[^}]+\})", template):
            if part.startswith("{"):
                name = part[1:-1]
                pattern += "(?P<%s>%s)" % (name.replace("-", "_"), _SEGMENT[name])
            else:
                pattern += re.escape(part)
        return re.compile("^%s$" % pattern)

    def match(self, path):
        for pattern in self._patterns:
            found = pattern.match(path)
            if found:
                return found.groupdict()
        return None


def _inventory_routes(kind):
    return [
        Route("GET", "/v1/inventory/%s/fields" % kind, handlers.inventory_fields, False, {"kind": kind}),
        Route("POST", "/v1/inventory/%s/reports" % kind, handlers.create_inventory_report, False, {"kind": kind}),
        Route("GET", "/v1/inventory/%s/reports" % kind, handlers.active_inventory_report, False, {"kind": kind}),
        Route("GET", "/v1/inventory/%s/reports/{token}" % kind, handlers.inventory_report_page, False, {"kind": kind}),
    ]


REALTIME_DOCUMENTED = "/v1/anti-virus/actions/enable-realtimetypeprotection"
REALTIME_ALTERNATIVE = "/v1/anti-virus/actions/enable-realtimeprotection"

ROUTES = [
    Route("GET", "/v1/authentication", handlers.authentication, False),
    Route("GET", "/v2/hosts", handlers.list_hosts, False),
    Route("GET", "/v2/hostswithgroups", handlers.hosts_with_groups, False),
    Route("PUT", "/v1/hosts/{id}/description", handlers.set_description, True),
    Route("PUT", "/v1/host-groups/{groupid}/hosts", handlers.move_hosts, True),
    Route("POST", "/v1/hosts/{id}/connection", handlers.connection, True),
    Route("DELETE", "/v1/hosts", handlers.delete_hosts, True),
] + _inventory_routes("system") + _inventory_routes("hardware") + [
    Route("GET", "/v1/hosts/anti-virus/details", handlers.antivirus_details, False),
    Route("POST", REALTIME_DOCUMENTED, handlers.antivirus_action, True, {"action": "enable-realtimeprotection"}),
    Route("POST", REALTIME_ALTERNATIVE, handlers.antivirus_action, True, {"action": "enable-realtimeprotection"}),
    Route("POST", "/v1/anti-virus/actions/start-fullscan", handlers.antivirus_action, True, {"action": "start-fullscan"}),
    Route("POST", "/v1/anti-virus/actions/refresh-status", handlers.antivirus_action, True, {"action": "refresh-status"}),
    Route("POST", "/v1/anti-virus/actions/update-definition", handlers.antivirus_action, True, {"action": "update-definition"}),
    Route("GET", "/v1/hosts/custom-fields/categories", handlers.list_categories, False),
    Route("GET", "/v1/hosts/custom-fields", handlers.host_custom_fields, False),
    Route("POST", "/v1/hosts/custom-fields/categories", handlers.create_category, True),
    Route("PUT", "/v1/hosts/custom-fields/categories/{category-id}", handlers.rename_category, True),
    Route("DELETE", "/v1/hosts/custom-fields/categories/{category-id}", handlers.delete_category, True),
    Route("POST", "/v1/hosts/{id}/custom-fields/value-by-category/{category-id}", handlers.set_custom_value, True),
    Route("DELETE", "/v1/hosts/{id}/custom-fields/value-by-category/{category-id}", handlers.delete_custom_value, True),
    Route("GET", "/v2/users", handlers.list_users, False),
    Route("POST", "/v1/reports/remote-access", handlers.remote_access_report, False, {"with_groups": False}),
    Route("POST", "/v1/reports/remote-access-with-groups", handlers.remote_access_report, False, {"with_groups": True}),
    Route("POST", "/v1/reports/computer-status", handlers.computer_status_report, False),
    Route("POST", "/v1/reports/deleted-hosts/", handlers.deleted_hosts_report, False, aliases=("/v1/reports/deleted-hosts",)),
]


def _enabled(route, realtime_path):
    if route.template == REALTIME_DOCUMENTED:
        return realtime_path in ("documented", "both")
    if route.template == REALTIME_ALTERNATIVE:
        return realtime_path in ("alternative", "both")
    return True


def resolve(method, path, config):
    """Find the route of a request (path relative to /public-api). Returns (route, params) or (None, None)."""
    for route in ROUTES:
        if route.method != method:
            continue
        params = route.match(path)
        if params is not None and _enabled(route, config["realtime_path"]):
            return route, params
    return None, None
