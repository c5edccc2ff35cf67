# -*- coding: utf-8 -*-
"""An answer to one request, before it is written to the connection."""

import json


class Response(object):
    """An answer: status, JSON payload (or None for an empty body), extra headers."""

    EMPTY = object()

    def __init__(self, status, payload=EMPTY, headers=None, drop=False, raw=None, prefix=b""):
        self.status = status
        self.headers = list(headers or [])
        self.drop = drop
        self.delay = 0.0
        if raw is not None:
            self.body = raw
        elif payload is Response.EMPTY or payload is None:
            self.body = b""
        else:
            # prefix: the anti-JSON-hijacking ")]}'" line some report answers start with
            self.body = prefix + json.dumps(payload, ensure_ascii=False).encode("utf-8")

    @property
    def content_type(self):
        return "application/json; charset=utf-8" if self.body else None
