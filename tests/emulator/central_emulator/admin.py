# -*- coding: utf-8 -*-
"""The admin API under ``/_emulator/`` (no auth, no rate limit, no faults, not logged).

=======  ===========================  =====================================================
GET      /_emulator/health            ``{"ok": true, "hosts": N, "groups": N, "seed": S}``
POST     /_emulator/reset             body ``{seed, hosts, profile, <config keys>}`` (all
                                      optional): regenerate the data (the startup dataset
                                      when neither seed nor hosts is given), clear the log,
                                      faults, rate limits and report tokens, restore the
                                      startup config updated with the profile, then with the
                                      given keys. Answers the health view.
GET      /_emulator/config            the configuration (the PSK masked; ``profile`` is the
                                      name of the profile last loaded)
POST     /_emulator/config            partial update (``profile`` first, as for reset);
                                      answers the configuration
GET      /_emulator/faults            ``{"rules": [...]}`` with counters ``seen``/``fired``
POST     /_emulator/faults            body ``{"rules": [...]}`` replaces the rules
DELETE   /_emulator/faults            removes every rule
GET      /_emulator/log[?since=SEQ]   ``{"entries": [...]}`` (entries with seq > SEQ)
DELETE   /_emulator/log               clears the log
GET      /_emulator/state             the whole state; ``?inventory=0`` leaves out the
                                      generated per-host inventory data
PUT      /_emulator/state             replace the dataset (same shape); clears report tokens
POST     /_emulator/expire-reports    expire every inventory report token now
=======  ===========================  =====================================================

Errors: 400 ``{"message": ...}`` for invalid input, 404 for unknown admin paths.
"""

import json
import time
from urllib.parse import parse_qs

from central_emulator import ADMIN_PREFIX, config as config_mod
from central_emulator.dataset import DatasetError
from central_emulator.faults import FaultError
from central_emulator.response import Response


class Admin(object):
    """Admin endpoints of one EmulatorApp."""

    def __init__(self, app):
        self.app = app

    def handle(self, method, path, query, body):
        name = path[len(ADMIN_PREFIX):].strip("/")
        handler = getattr(self, "_%s_%s" % (method.lower(), name.replace("-", "_")), None)
        if handler is None or not name:
            return Response(404, {"message": "Unknown admin endpoint: %s %s" % (method, path)})
        try:
            payload = json.loads(body.decode("utf-8")) if body and body.strip() else {}
        except ValueError:
            return Response(400, {"message": "The request body is not valid JSON"})
        try:
            return Response(200, handler(payload, parse_qs(query)))
        except (config_mod.ConfigError, DatasetError, FaultError, ValueError, TypeError) as error:
            return Response(400, {"message": str(error)})

    @staticmethod
    def _require_object(payload):
        if not isinstance(payload, dict):
            raise ValueError("the body must be a JSON object")
        return payload

    def _get_health(self, payload, query):
        summary = self.app.summary()
        summary["ok"] = True
        return summary

    def _post_reset(self, payload, query):
        self.app.reset(self._require_object(payload))
        return self._get_health(payload, query)

    def _get_config(self, payload, query):
        return config_mod.public_view(self.app.config)

    def _post_config(self, payload, query):
        return config_mod.public_view(self.app.configure(self._require_object(payload)))

    def _get_faults(self, payload, query):
        with self.app.lock:
            return {"rules": self.app.faults.view()}

    def _post_faults(self, payload, query):
        rules = self._require_object(payload).get("rules")
        with self.app.lock:
            self.app.faults.set_rules(rules)
            return {"rules": self.app.faults.view()}

    def _delete_faults(self, payload, query):
        with self.app.lock:
            self.app.faults.clear()
        return {"rules": []}

    def _get_log(self, payload, query):
        since = query.get("since", [None])[-1]
        if since is not None:
            try:
                since = int(since)
            except ValueError:
                raise ValueError("since must be an integer sequence number") from None
        return {"entries": self.app.log.entries(since)}

    def _delete_log(self, payload, query):
        self.app.log.clear()
        return {"entries": []}

    def _get_state(self, payload, query):
        with_inventory = query.get("inventory", ["1"])[-1].lower() not in ("0", "false", "no")
        with self.app.lock:
            return self.app.store.dump(with_inventory)

    def _put_state(self, payload, query):
        self.app.replace_state(payload)
        return self._get_health(payload, query)

    def _post_expire_reports(self, payload, query):
        with self.app.lock:
            self.app.inventory_reports.expire_all(time.time())
        return {"ok": True}
