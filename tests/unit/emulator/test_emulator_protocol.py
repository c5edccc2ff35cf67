# -*- coding: utf-8 -*-
"""Cross-cutting rules: routing, authentication, content type, JSON bodies, answers."""

import base64

import pytest


def test_unknown_route_is_404_json_even_without_credentials(api):
    for method, path in (("GET", "/v2/nothing"), ("POST", "/v2/hosts"), ("GET", "/v1/hosts/abc/description")):
        answer = api.request(method, path, auth=None)
        assert answer.status_code == 404
        assert answer.headers["Content-Type"].startswith("application/json")
        assert "message" in answer.json()
    outside = api.session.get(api.emulator.url + "/v2/hosts", auth=api.emulator.auth)
    assert outside.status_code == 404


def test_authentication_success(api):
    assert api.ok("GET", "/v1/authentication") == {"success": True}


def test_authentication_wrong_credentials_is_200_success_false(api, emulator):
    answer = api.get("/v1/authentication", auth=(emulator.company_id, "wrong" * 20))
    assert answer.status_code == 200 and answer.json() == {"success": False}
    answer = api.get("/v1/authentication", auth=("999", emulator.psk))
    assert answer.status_code == 200 and answer.json() == {"success": False}


@pytest.mark.parametrize("header", [None, "", "Bearer abc", "Basic", "Basic !!!notbase64", "Basic " + base64.b64encode(b"nocolon").decode()])
def test_authentication_missing_or_malformed_header_is_auth_failure(api, header):
    headers = {} if header is None else {"Authorization": header}
    answer = api.get("/v1/authentication", auth=None, headers=headers)
    assert answer.status_code == 409
    assert answer.json() == {"message": "Unauthorized"}


def test_wrong_credentials_on_other_endpoints_answer_409(api, emulator):
    answer = api.get("/v2/hosts", auth=(emulator.company_id, "nope"))
    assert answer.status_code == 409
    assert answer.json() == {"message": "Unauthorized"}


def test_auth_failure_status_401_uses_older_docs_body(api, emulator):
    emulator.configure(auth_failure_status=401)
    answer = api.get("/v2/hosts", auth=(emulator.company_id, "nope"))
    assert answer.status_code == 401
    assert answer.json() == {"message": "Not authenticated."}
    assert api.get("/v1/authentication", auth=None).status_code == 401


def test_changed_credentials_take_effect(api, emulator):
    old_psk = emulator.psk
    emulator.configure(company_id="42", psk="p" * 128)
    assert api.ok("GET", "/v1/authentication") == {"success": True}
    assert api.get("/v2/hosts", auth=("1234567890", old_psk)).status_code == 409


def test_body_with_other_content_type_is_415(api):
    host = api.hosts()[0]
    answer = api.put("/v1/hosts/%d/description" % host["id"], data='{"newDescription": "x"}', headers={"Content-Type": "text/plain"})
    assert answer.status_code == 415
    assert "message" in answer.json()
    answer = api.put("/v1/hosts/%d/description" % host["id"], data="newDescription=x")
    assert answer.status_code == 415
    assert api.hosts()[0]["description"] == host["description"]


def test_json_content_type_with_charset_is_accepted(api):
    host_id = api.hosts()[0]["id"]
    answer = api.put("/v1/hosts/%d/description" % host_id, data=b'{"newDescription": "charset"}',
                     headers={"Content-Type": "application/json; charset=utf-8"})
    assert answer.status_code == 200


def test_invalid_json_body_is_400(api):
    host_id = api.hosts()[0]["id"]
    answer = api.put("/v1/hosts/%d/description" % host_id, data=b'{"newDescription": ', headers={"Content-Type": "application/json"})
    assert answer.status_code == 400
    assert "JSON" in answer.json()["message"]


def test_body_must_be_an_object(api):
    answer = api.request("DELETE", "/v1/hosts", json=[1, 2])
    assert answer.status_code == 400
    assert "object" in answer.json()["message"]


def test_write_answers_have_an_empty_body(api):
    host_id = api.hosts()[0]["id"]
    answer = api.put("/v1/hosts/%d/description" % host_id, json={"newDescription": "Empty answer"})
    assert answer.status_code == 200
    assert answer.content == b""
    assert "Content-Type" not in answer.headers


def test_every_answer_is_json(api):
    for path in ("/v2/hosts", "/v2/hostswithgroups", "/v2/users", "/v1/hosts/custom-fields", "/v1/inventory/system/fields"):
        answer = api.get(path)
        assert answer.status_code == 200
        assert answer.headers["Content-Type"].startswith("application/json")
        answer.json()
