# -*- coding: utf-8 -*-
"""Custom field categories and values."""

import uuid


def _categories(api):
    return api.ok("GET", "/v1/hosts/custom-fields/categories")["metadataCategories"]


def _by_name(api, name):
    return [category for category in _categories(api) if category["name"] == name]


def _host_values(api):
    return {host["id"]: {m["categoryId"]: m["valueId"] for m in host["metadata"]}
            for host in api.ok("GET", "/v1/hosts/custom-fields")["hosts"]}


def test_dataset_categories(api):
    categories = _categories(api)
    assert [category["name"] for category in categories] == ["Location", "Asset Tag", "Owner"]
    for category in categories:
        uuid.UUID(category["id"])
        assert category["values"]
        assert all(set(value) == {"id", "name"} for value in category["values"])
    owners = [value["name"] for value in categories[2]["values"]]
    assert "{{ lookup('pipe', 'id') }}" in owners and "{% raw %}x{% endraw %}" in owners
    assert any(len(name) == 1000 for name in owners)


def test_host_custom_fields_lists_only_hosts_with_values(api):
    hosts = api.ok("GET", "/v1/hosts/custom-fields")["hosts"]
    all_ids = {host["id"] for host in api.hosts()}
    assert hosts and {host["id"] for host in hosts} < all_ids
    known = {(c["id"], v["id"]) for c in _categories(api) for v in c["values"]}
    for host in hosts:
        assert host["metadata"]
        for item in host["metadata"]:
            assert (item["categoryId"], item["valueId"]) in known


def test_create_rename_delete_category(api):
    assert api.ok("POST", "/v1/hosts/custom-fields/categories", json={"name": "Rack"}) is None
    created = _by_name(api, "Rack")
    assert len(created) == 1 and created[0]["values"] == []
    cat_id = created[0]["id"]
    assert api.ok("PUT", "/v1/hosts/custom-fields/categories/" + cat_id, json={"name": "Rack Position"}) is None
    assert [c["id"] for c in _by_name(api, "Rack Position")] == [cat_id]
    host_id = api.hosts()[0]["id"]
    api.ok("POST", "/v1/hosts/%d/custom-fields/value-by-category/%s" % (host_id, cat_id), json={"value": "R1-U12"})
    assert _host_values(api)[host_id][cat_id]
    assert api.ok("DELETE", "/v1/hosts/custom-fields/categories/" + cat_id) is None
    assert not _by_name(api, "Rack Position")
    assert all(cat_id not in values for values in _host_values(api).values())


def test_duplicate_category_names_are_allowed(api):
    api.ok("POST", "/v1/hosts/custom-fields/categories", json={"name": "Location"})
    locations = _by_name(api, "Location")
    assert len(locations) == 2 and locations[0]["id"] != locations[1]["id"]


def test_category_errors(api):
    for body in ({}, {"name": ""}, {"name": 3}):
        answer = api.post("/v1/hosts/custom-fields/categories", json=body)
        assert answer.status_code == 400 and "name" in answer.json()["message"]
    cat_id = _categories(api)[0]["id"]
    assert api.put("/v1/hosts/custom-fields/categories/" + cat_id, json={"name": " "}).status_code == 400
    assert api.put("/v1/hosts/custom-fields/categories/nope", json={"name": "x"}).status_code == 404
    assert api.delete("/v1/hosts/custom-fields/categories/nope").status_code == 404


def test_values_reuse_ids_and_disappear_when_unused(api):
    category = _by_name(api, "Location")[0]
    cat_id = category["id"]
    existing = category["values"][0]
    hosts = [host["id"] for host in api.hosts()[:2]]
    path = "/v1/hosts/%d/custom-fields/value-by-category/" + cat_id
    assert api.ok("POST", path % hosts[0], json={"value": existing["name"]}) is None
    assert _host_values(api)[hosts[0]][cat_id] == existing["id"]
    api.ok("POST", path % hosts[0], json={"value": "Nowhere Ünique"})
    api.ok("POST", path % hosts[1], json={"value": "Nowhere Ünique"})
    values = {v["name"]: v["id"] for v in _by_name(api, "Location")[0]["values"]}
    assert _host_values(api)[hosts[0]][cat_id] == _host_values(api)[hosts[1]][cat_id] == values["Nowhere Ünique"]
    api.ok("DELETE", path % hosts[0])
    assert "Nowhere Ünique" in {v["name"] for v in _by_name(api, "Location")[0]["values"]}
    api.ok("DELETE", path % hosts[1])
    assert "Nowhere Ünique" not in {v["name"] for v in _by_name(api, "Location")[0]["values"]}
    assert cat_id not in _host_values(api).get(hosts[1], {})


def test_value_errors(api):
    cat_id = _categories(api)[0]["id"]
    host_id = api.hosts()[0]["id"]
    assert api.post("/v1/hosts/%d/custom-fields/value-by-category/nope" % host_id, json={"value": "x"}).status_code == 404
    assert api.post("/v1/hosts/5/custom-fields/value-by-category/" + cat_id, json={"value": "x"}).status_code == 404
    assert api.delete("/v1/hosts/%d/custom-fields/value-by-category/nope" % host_id).status_code == 404
    assert api.delete("/v1/hosts/5/custom-fields/value-by-category/" + cat_id).status_code == 404
    for body in ({}, {"value": ""}, {"value": ["x"]}):
        answer = api.post("/v1/hosts/%d/custom-fields/value-by-category/%s" % (host_id, cat_id), json=body)
        assert answer.status_code == 400 and "value" in answer.json()["message"]
