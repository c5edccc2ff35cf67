# -*- coding: utf-8 -*-
"""The request log: one entry per API request (admin requests are not logged).

Entry: ``{"seq", "time" (epoch float), "method", "path" (no query string), "action"
("METHOD /template" or null for an unknown route), "status" (int, or null when the
connection was dropped), "fault" (kind or null), "write" (bool)}``.

``write`` is true for PUT and DELETE, and for POST except report creation and report
queries (``POST /v1/inventory/{kind}/reports`` and ``POST /v1/reports/...``); so host
connections, anti-virus actions, category creation and value assignment are writes.
Headers and bodies are never recorded; the PSK, were it to appear in a path, is masked.
Entries are kept in memory (the newest ``MAX_ENTRIES``) and appended as JSON lines to
a file when one is given. Sequence numbers keep increasing across clears and resets.
"""

import json
import threading
import time

MAX_ENTRIES = 100000
MASK = "***"


class RequestLog(object):
    """In-memory request log, optionally mirrored to a JSON-lines file."""

    def __init__(self, path=None):
        self._entries = []
        self._seq = 0
        self._lock = threading.Lock()
        self._file = open(path, "a", encoding="utf-8") if path else None  # pylint: disable=consider-using-with

    def append(self, method, path, action, status, fault, write, secrets=()):
        for secret in secrets:
            if secret and secret in path:
                path = path.replace(secret, MASK)
        with self._lock:
            self._seq += 1
            entry = {"seq": self._seq, "time": time.time(), "method": method, "path": path, "action": action,
                     "status": status, "fault": fault, "write": bool(write)}
            self._entries.append(entry)
            if len(self._entries) > MAX_ENTRIES:
                del self._entries[:len(self._entries) - MAX_ENTRIES]
            if self._file is not None:
                self._file.write(json.dumps(entry, ensure_ascii=True) + "\n")
                self._file.flush()
        return entry

    def entries(self, since=None):
        with self._lock:
            if since is None:
                return [dict(entry) for entry in self._entries]
            return [dict(entry) for entry in self._entries if entry["seq"] > since]

    def clear(self):
        with self._lock:
            self._entries = []

    def close(self):
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None
