# -*- coding: utf-8 -*-
"""Fixtures of the emulator's own tests: ``api``, a thin ``requests`` client of the emulator."""

import pytest
import requests


class Api(object):
    """Calls ``emulator.api_url + path`` with the emulator's current credentials."""

    def __init__(self, emulator):
        self.emulator = emulator
        self.session = requests.Session()

    def request(self, method, path, **kwargs):
        kwargs.setdefault("auth", self.emulator.auth)
        kwargs.setdefault("timeout", 30)
        return self.session.request(method, self.emulator.api_url + path, **kwargs)

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.request("POST", path, **kwargs)

    def put(self, path, **kwargs):
        return self.request("PUT", path, **kwargs)

    def delete(self, path, **kwargs):
        return self.request("DELETE", path, **kwargs)

    def ok(self, method, path, **kwargs):
        """Call and assert a 200; returns the decoded JSON, or None for an empty body."""
        answer = self.request(method, path, **kwargs)
        assert answer.status_code == 200, (answer.status_code, answer.text)
        return answer.json() if answer.content else None

    def hosts(self):
        return self.ok("GET", "/v2/hostswithgroups")["hosts"]

    def close(self):
        self.session.close()


@pytest.fixture
def api(emulator):
    client = Api(emulator)
    yield client
    client.close()
