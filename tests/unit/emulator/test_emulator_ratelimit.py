# -*- coding: utf-8 -*-
"""Rate limiting per action and per account, Retry-After."""

import time

from central_emulator.ratelimit import RateLimiter, retry_after_seconds


class FakeClock(object):
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_limiter_refusal_does_not_restart_the_window():
    clock = FakeClock()
    limiter = RateLimiter(clock)
    assert limiter.check("GET /v2/hosts", 60, "action") == (True, 0.0)
    clock.now += 40
    accepted, remaining = limiter.check("GET /v2/hosts", 60, "action")
    assert not accepted and remaining == 20
    clock.now += 20
    assert limiter.check("GET /v2/hosts", 60, "action")[0], "the refused call did not restart the window"
    assert limiter.check("GET /v2/users", 60, "action")[0]


def test_limiter_refusals_restart_the_window_when_asked():
    clock = FakeClock()
    limiter = RateLimiter(clock)
    assert limiter.check("GET /v2/hosts", 60, "action", restart=True) == (True, 0.0)
    clock.now += 40
    assert limiter.check("GET /v2/hosts", 60, "action", restart=True) == (False, 60)  # the window starts again now
    clock.now += 59
    assert limiter.check("GET /v2/hosts", 60, "action", restart=True) == (False, 60)  # 99 s after the accepted call
    clock.now += 60
    assert limiter.check("GET /v2/hosts", 60, "action", restart=True)[0]
    assert limiter.check("GET /v2/users", 60, "action", restart=True)[0]  # other actions are untouched


def test_limiter_account_mode():
    clock = FakeClock()
    limiter = RateLimiter(clock)
    assert limiter.check("GET /v2/hosts", 60, "account")[0]
    assert not limiter.check("GET /v2/users", 60, "account")[0]
    clock.now += 61
    assert limiter.check("GET /v2/users", 60, "account")[0]


def test_limiter_off_and_retry_after_rounding():
    limiter = RateLimiter(FakeClock())
    assert all(limiter.check("GET /v2/hosts", 0, "action")[0] for dummy in range(5))
    assert retry_after_seconds(0.01) == 1
    assert retry_after_seconds(0) == 1
    assert retry_after_seconds(59.2) == 60
    assert retry_after_seconds(3.0) == 3


def test_per_action_window(api, emulator):
    emulator.configure(rate_limit_window=0.2)
    statuses = [api.get("/v2/hosts").status_code, api.get("/v2/hosts").status_code, api.get("/v2/users").status_code]
    time.sleep(0.3)
    statuses.append(api.get("/v2/hosts").status_code)
    assert statuses == [200, 429, 200, 200]
    refused = [e for e in emulator.log() if e["status"] == 429]
    assert [e["action"] for e in refused] == ["GET /v2/hosts"]


def test_429_body_and_no_retry_after_by_default(api, emulator):
    emulator.configure(rate_limit_window=0.2)
    api.get("/v2/users")
    answer = api.get("/v2/users")
    assert answer.status_code == 429
    assert answer.json() == {"message": "Too many requests"}
    assert "Retry-After" not in answer.headers


def test_refusals_restart_the_window_over_http(api, emulator):
    emulator.configure(rate_limit_window=0.3, refusals_restart_window=True)
    statuses = [api.get("/v2/hosts").status_code]
    time.sleep(0.2)
    statuses.append(api.get("/v2/hosts").status_code)  # refused, and the window starts again
    time.sleep(0.2)
    statuses.append(api.get("/v2/hosts").status_code)  # 0.4 s after the accepted call, 0.2 s after the refusal
    time.sleep(0.35)
    statuses.append(api.get("/v2/hosts").status_code)
    assert statuses == [200, 429, 429, 200]
    assert emulator.config()["refusals_restart_window"] is True


def test_per_account_window(api, emulator):
    emulator.configure(rate_limit_window=0.2, rate_limit_mode="account")
    statuses = [api.get("/v2/hosts").status_code, api.get("/v2/users").status_code]
    time.sleep(0.3)
    statuses.append(api.get("/v2/users").status_code)
    assert statuses == [200, 429, 200]


def test_action_is_the_path_template(api, emulator):
    emulator.configure(rate_limit_window=0.2)
    hosts = api.hosts()
    first = api.put("/v1/hosts/%d/description" % hosts[0]["id"], json={"newDescription": "a"})
    second = api.put("/v1/hosts/%d/description" % hosts[1]["id"], json={"newDescription": "b"})
    assert (first.status_code, second.status_code) == (200, 429)
    assert [h["description"] for h in emulator.state_hosts()[:2]] == ["a", hosts[1]["description"]]


def test_retry_after_header(api, emulator):
    emulator.configure(rate_limit_window=5, retry_after=True)
    assert api.get("/v2/hosts").status_code == 200
    answer = api.get("/v2/hosts")
    assert answer.status_code == 429
    assert 1 <= int(answer.headers["Retry-After"]) <= 5


def test_admin_api_is_not_limited_and_reset_clears_windows(api, emulator):
    emulator.configure(rate_limit_window=30)
    assert api.get("/v2/hosts").status_code == 200
    for dummy in range(3):
        emulator.state_hosts()
    assert api.get("/v2/hosts").status_code == 429
    emulator.reset(rate_limit_window=30)
    assert api.get("/v2/hosts").status_code == 200
