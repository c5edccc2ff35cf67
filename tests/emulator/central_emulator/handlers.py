# -*- coding: utf-8 -*-
"""API endpoint handlers: validate parameters (400 naming the parameter), call the store.

A handler takes a ``Context`` and returns the JSON answer (status 200), or ``None`` for
an answer with an empty body (the undocumented write answers). Errors are raised as
``ApiError``. The caller holds the state lock.
"""

from central_emulator import inventory, quirks, reports, timeutil
from central_emulator.errors import ApiError


class Context(object):
    """Everything a handler may use for one request."""

    def __init__(self, store, inventory_reports, config, params, body, now, authenticated, kwargs):
        self.store = store
        self.inventory_reports = inventory_reports
        self.config = config
        self.params = params
        self.body = body
        self.now = now
        self.authenticated = authenticated
        self.kwargs = kwargs


# ---------------------------------------------------------------------- validation

def _object(ctx):
    if ctx.body is None:
        return {}
    if not isinstance(ctx.body, dict):
        raise ApiError(400, "The request body must be a JSON object")
    return ctx.body


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _id_list(body, name, required=True):
    if name not in body or body[name] is None:
        if required:
            raise ApiError(400, "Missing required parameter: %s" % name)
        return []
    value = body[name]
    if not isinstance(value, list) or not all(_is_int(item) for item in value):
        raise ApiError(400, "Invalid parameter %s: expected a list of integer ids" % name)
    if required and not value:
        raise ApiError(400, "Invalid parameter %s: the list must not be empty" % name)
    return list(dict.fromkeys(value))


def _text(body, name):
    if name not in body or body[name] is None:
        raise ApiError(400, "Missing required parameter: %s" % name)
    value = body[name]
    if not isinstance(value, str):
        raise ApiError(400, "Invalid parameter %s: expected a string" % name)
    if not value.strip():
        raise ApiError(400, "Invalid parameter %s: must not be empty" % name)
    return value


def _flag(body, name):
    value = body.get(name, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise ApiError(400, "Invalid parameter %s: expected a boolean" % name)
    return value


def _path_int(ctx, name, label):
    try:
        return int(ctx.params[name])
    except (KeyError, ValueError):
        raise ApiError(400, "Invalid parameter %s" % label) from None


def _known_hosts(ctx, host_ids, name):
    unknown = ctx.store.unknown_hosts(host_ids)
    if unknown:
        raise ApiError(400, "Invalid parameter %s: unknown host id(s): %s" % (name, ", ".join(str(item) for item in unknown)))


def _date(body, *names):
    for name in names:
        if name in body and body[name] is not None:
            try:
                return timeutil.parse_report_date(body[name])
            except ValueError:
                raise ApiError(400, "Invalid parameter %s: expected a YYYY-MM-DD date" % names[0]) from None
    raise ApiError(400, "Missing required parameter: %s" % names[0])


# ---------------------------------------------------------------------- hosts

def authentication(ctx):
    return {"success": bool(ctx.authenticated)}


def list_hosts(ctx):
    return quirks.host_ids(ctx.store.list_hosts(), ctx.config)


def hosts_with_groups(ctx):
    return quirks.hosts_with_groups(ctx.store.hosts_with_groups(), ctx.config)


def set_description(ctx):
    host_id = _path_int(ctx, "id", "host-id")
    ctx.store.require_host(host_id)
    description = _text(_object(ctx), "newDescription")
    ctx.store.set_description(host_id, description)


def move_hosts(ctx):
    group_id = _path_int(ctx, "groupid", "groupid")
    ctx.store.require_group(group_id)
    host_ids = _id_list(_object(ctx), "hostIds")
    _known_hosts(ctx, host_ids, "hostIds")
    ctx.store.move_hosts(group_id, host_ids)


def connection(ctx):
    host_id = _path_int(ctx, "id", "host-id")
    ctx.store.require_host(host_id)
    body = _object(ctx)
    direct_link = _flag(body, "directLink")
    fail_when_in_session = _flag(body, "failWhenRaSessionInProgress")
    return quirks.connection(ctx.store.connection(host_id, fail_when_in_session, direct_link, ctx.now), ctx.config)


def delete_hosts(ctx):
    host_ids = _id_list(_object(ctx), "hostIds")
    _known_hosts(ctx, host_ids, "hostIds")
    ctx.store.delete_hosts(host_ids, ctx.now)


# ---------------------------------------------------------------------- inventory

def inventory_fields(ctx):
    return list(inventory.FIELDS[ctx.kwargs["kind"]])


def create_inventory_report(ctx):
    kind = ctx.kwargs["kind"]
    body = _object(ctx)
    host_ids = _id_list(body, "hostIds")
    if "fields" not in body or body["fields"] is None:
        raise ApiError(400, "Missing required parameter: fields")
    fields = body["fields"]
    if not isinstance(fields, list) or not all(isinstance(field, str) for field in fields):
        raise ApiError(400, "Invalid parameter fields: expected a list of field names")
    if not fields:
        raise ApiError(400, "Invalid parameter fields: the list must not be empty")
    unknown = inventory.unknown_fields(kind, fields)
    if unknown:
        raise ApiError(400, "Invalid parameter fields: unknown %s inventory field(s): %s" % (kind, ", ".join(unknown)))
    _known_hosts(ctx, host_ids, "hostIds")
    return ctx.inventory_reports.create(kind, host_ids, list(dict.fromkeys(fields)), ctx.config["page_size"],
                                        ctx.config["report_token_ttl"], ctx.now, ctx.config["report_not_ready"])


def active_inventory_report(ctx):
    return ctx.inventory_reports.active(ctx.kwargs["kind"], ctx.now)


def inventory_report_page(ctx):
    page = ctx.inventory_reports.page(ctx.store, ctx.kwargs["kind"], ctx.params["token"], ctx.config["report_token_ttl"], ctx.now,
                                      ctx.config["report_not_ready_style"])
    return quirks.report_page(page, ctx.config)


# ---------------------------------------------------------------------- anti-virus

def antivirus_details(ctx):
    return ctx.store.av_details(ctx.config["av_details_style"])


def antivirus_action(ctx):
    host_ids = _id_list(_object(ctx), "targetHostIds")
    _known_hosts(ctx, host_ids, "targetHostIds")
    return ctx.store.av_action(ctx.kwargs["action"], host_ids, ctx.config["av_unsent_host_ids"], ctx.now)


# ---------------------------------------------------------------------- custom fields

def list_categories(ctx):
    return ctx.store.categories_view()


def host_custom_fields(ctx):
    return quirks.host_ids(ctx.store.host_custom_fields(), ctx.config)


def create_category(ctx):
    ctx.store.create_category(_text(_object(ctx), "name"))


def rename_category(ctx):
    cat_id = ctx.params["category_id"]
    ctx.store.require_category(cat_id)
    ctx.store.rename_category(cat_id, _text(_object(ctx), "name"))


def delete_category(ctx):
    ctx.store.delete_category(ctx.params["category_id"])


def set_custom_value(ctx):
    host_id = _path_int(ctx, "id", "host-id")
    cat_id = ctx.params["category_id"]
    ctx.store.require_host(host_id)
    ctx.store.require_category(cat_id)
    ctx.store.set_value(host_id, cat_id, _text(_object(ctx), "value"))


def delete_custom_value(ctx):
    ctx.store.delete_value(_path_int(ctx, "id", "host-id"), ctx.params["category_id"])


# ---------------------------------------------------------------------- users and reports

def list_users(ctx):
    return ctx.store.users_view()


def remote_access_report(ctx):
    body = _object(ctx)
    start = _date(body, "startDate", "StartDate")
    end = _date(body, "endDate", "EndDate")
    if end < start:
        raise ApiError(400, "Invalid parameter endDate: the end date is before the start date")
    if not timeutil.within_three_months(start, end):
        raise ApiError(400, "Invalid parameter endDate: there must not be more than three months between startDate and endDate")
    return reports.remote_access(ctx.store, start, end, ctx.kwargs["with_groups"])


def computer_status_report(ctx):
    body = _object(ctx)
    group_ids = _id_list(body, "groupIdList", required=False)
    host_ids = _id_list(body, "hostIdList", required=False)
    unknown_groups = [group_id for group_id in group_ids if group_id != -1 and group_id not in ctx.store.group_by_id]
    if unknown_groups:
        raise ApiError(400, "Invalid parameter groupIdList: unknown group id(s): %s" % ", ".join(str(item) for item in unknown_groups))
    _known_hosts(ctx, host_ids, "hostIdList")
    return reports.computer_status(ctx.store, group_ids, host_ids)


def deleted_hosts_report(ctx):
    start = _date(_object(ctx), "startDate", "StartDate")
    return reports.deleted_hosts(ctx.store, start, ctx.config["deleted_reason_key"])
