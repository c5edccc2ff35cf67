# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Declared fake HTTP answers and a fake clock, for the client's edge cases."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from requests.structures import CaseInsensitiveDict


class FakeResponse:
    def __init__(self, status=200, body=None, headers=None, raw=None):
        self.status_code = status
        if raw is not None:
            self.text = raw
        elif body is None:
            self.text = ''
        else:
            self.text = json.dumps(body)
        self.content = self.text.encode('utf-8')
        self.headers = CaseInsensitiveDict(headers or {})
        self.encoding = 'utf-8'

    def iter_content(self, chunk_size=1):
        """The body in chunks, as requests.Response streams it."""
        for start in range(0, len(self.content), chunk_size):
            yield self.content[start:start + chunk_size]

    def close(self):
        pass


class FakeSession:
    """Answers requests from a declared list: FakeResponse objects or exceptions to raise."""

    def __init__(self, answers, clock=None, call_duration=0.0):
        self.answers = list(answers)
        self.requests = []
        self.clock = clock
        self.call_duration = call_duration

    def request(self, method, url, data=None, headers=None, timeout=None, verify=None, allow_redirects=None, stream=False):
        self.requests.append({'method': method, 'url': url, 'data': data, 'headers': dict(headers or {}),
                              'timeout': timeout, 'verify': verify})
        if self.clock is not None:
            self.clock.advance(self.call_duration)
        if not self.answers:
            raise AssertionError('unexpected request %s %s' % (method, url))
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        return answer


class FakeClock:
    def __init__(self, start=1000000.0):
        self.now = start
        self.sleeps = []

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds
