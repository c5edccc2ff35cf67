# -*- coding: utf-8 -*-
"""Seeded, deterministic dataset generator, and loader/validator of dataset files.

``generate(seed, hosts)`` builds the emulator state from (seed, host count) only: the
same pair always gives the same state (dates are relative to the fixed
``REFERENCE_DATE``, never to today). ``normalize(data)`` validates a dataset given as
JSON (a ``--dataset`` file or ``PUT /_emulator/state``) in the shape that
``GET /_emulator/state`` returns and fills in defaults for the optional keys.

State shape (all keys of a host except ``id`` are optional in a dataset file)::

    {
      "format": "central-emulator-state/1",
      "seed": 1,                                   # seeds per-host inventory generation
      "referenceDate": "2025-06-30T12:00:00Z",     # "now" of the generated data
      "groups": [{"id": 705185, "name": "Work Computers", "isCollapsed": null}],
      "hosts": [{
        "id": 1000000123, "description": "...", "hostName": "DESKTOP-7QK2J1X",
        "groupId": 705185,                         # -1 = in no group
        "isHostOnline": true, "hostStateChangeDate": "2025-06-01T10:00:00Z",
        "raSessionInProgress": false, "isMac": false, "buildNumber": 19045,
        "computerStatus": {"productType": "i", "subscriptionType": 4, "startDate": ..., "renewalDate": ...,
                           "status": 1, "lastOnline": ..., "lastRemoteSession": ..., "lastKnownIpAddress": ...,
                           "installDate": ..., "softwareVersion": 12112},
        "antiVirus": {"antiVirusName": null | "...", "antiVirusStatus": 0..5, "supportLevel": "full|partial|minimal|free",
                      "isRealTimeProtectionOn": ..., "isVirusDefinitionUpToDate": ..., "virusDefinitionVersion": ...,
                      "lastFullScanTime": ..., "numberOfThreats": 0, "isMultipleAntiVirusDetected": false,
                      "canReportThreatLog": ..., "canReportRealTimeProtectionStatus": ...,
                      "kasperskyInstallSupported": ..., "hasKasperskyInstalled": ...},
        "customFields": {"<category id or name>": "<value id or value name>"},
        "inventory": {"system": {...}, "hardware": {...}}   # optional, see inventory.py
      }],
      "customFieldCategories": [{"id": "<uuid>", "name": "Location", "values": [{"id": "<uuid>", "name": "Budapest"}]}],
      "users": {"mahData": {...}, "usersData": [...]},
      "remoteAccessSessions": [{"sessionId", "hostId", "sessionStart", "sessionEnd", "userIp"}],
      "deletedHosts": [{"hostId", "hostName", "deleteReason", "deletedAt", "installedAt"}]
    }
"""

import random
import uuid

from central_emulator import timeutil

STATE_FORMAT = "central-emulator-state/1"
DEFAULT_SEED = 1
DEFAULT_HOSTS = 50
REFERENCE_DATE = "2025-06-30T12:00:00Z"
HOST_ID_BASE = 1000000000
DELETED_ID_BASE = 1900000000
DAY = 86400

HOSTILE_TEMPLATE = "{{ lookup('pipe', 'id') }}"
HOSTILE_RAW = "{% raw %}x{% endraw %}"
HOSTILE_PUNCTUATION = "Desk 4, Floor: 2 [old] {A}; \"quoted\" 'single' #hash"
HOSTILE_CONTROL = "Ctrl\x07Bell\x1b[31mRed\x00Nul\tTab"
HOSTILE_LONG = ("Long value 1000 chars. " * 44)[:1000]
HOSTILE_STRINGS = (HOSTILE_TEMPLATE, HOSTILE_RAW, HOSTILE_PUNCTUATION, HOSTILE_CONTROL, HOSTILE_LONG)

# Host indexes (0-based) with fixed properties, so that any dataset of >= 20 hosts has them.
HOSTILE_DESCRIPTION_AT = {3: HOSTILE_TEMPLATE, 5: HOSTILE_RAW, 7: HOSTILE_PUNCTUATION, 9: HOSTILE_CONTROL, 11: HOSTILE_LONG}
SHARED_DESCRIPTION = "Reception PC"
RA_SESSION_AT = 2             # online host with a remote-access session in progress
OFFLINE_AT = 6                # offline host
# index -> forced anti-virus case (see _antivirus)
AV_CASES_AT = {12: "threats", 13: "outdated", 14: "unknown", 15: "ok", 16: "free", 17: "minimal", 18: "none", 19: "partial"}

GROUP_NAMES = (
    "Work Computers",
    "Büro München",
    "Finance & Legal",
    "sales-team",
    "Servers: EU, [prod]",
    "Helpdesk " + HOSTILE_TEMPLATE,
    HOSTILE_RAW,
    HOSTILE_CONTROL,
    HOSTILE_LONG,
    "Empty group (no hosts)",
)
EMPTY_GROUP_NAME = GROUP_NAMES[-1]

DELETE_REASONS = ("Host deleted from website / API", "Host software uninstall", "Invalid Subscription", "Account Cancel")

_PEOPLE = ("Anna", "Bálint", "Chloé", "Dmitri", "Élodie", "François", "Gökhan", "Hana", "Ingrid", "Jürgen", "Kitty",
           "Łukasz", "Marta", "Nuño", "Olu", "Priya", "Søren", "Tomás", "Zoë", "Ярослав")
_ROLES = ("Workstation", "Laptop", "Kiosk", "Build Server", "File Server", "Meeting Room", "Design iMac", "Warehouse Scanner",
          "Lab PC", "Ärztezimmer", "会议室电脑", "Caixa registadora")
_LOCATIONS = ("Budapest", "Chicago", "Boston", "München", "London, UK: Floor [3]", "São Paulo")
_AV_PRODUCTS = {
    "full": ("Kaspersky Endpoint Security, 11.0.0.6499", "Bitdefender Endpoint Security Tools 7.9", "Windows Defender 4.18.24050",
             "ESET Endpoint Antivirus 10.1"),
    "partial": ("Norton 360, 22.23",),
    "minimal": ("McAfee VirusScan Enterprise 8.8",),
    "free": ("Avast Free Antivirus 23.10",),
    "mac": ("Bitdefender Endpoint Security for Mac 7.14",),
}
_WINDOWS_BUILDS = (17763, 19045, 20348, 22621, 22631)
_MAC_BUILDS = (22, 23, 24)
_SOFTWARE_VERSIONS = (11920, 12112, 12223, 12349)


def reference_epoch(state):
    return timeutil.parse_iso_z(state.get("referenceDate") or REFERENCE_DATE)


def antivirus_status(av):
    """Status the service would compute: 0 ActionRequired .. 5 PartialOk (2 = Unknown / no AV)."""
    if not av.get("antiVirusName"):
        return 2
    if av.get("numberOfThreats"):
        return 0
    if not av.get("isVirusDefinitionUpToDate"):
        return 1
    if av.get("canReportRealTimeProtectionStatus") and not av.get("isRealTimeProtectionOn"):
        return 1
    level = av.get("supportLevel", "full")
    if level == "free":
        return 4
    if level in ("partial", "minimal"):
        return 5
    return 3


_MINUTES = ["%02d:%02d" % divmod(minute, 60) for minute in range(1440)]
_ISO_TIMES = ["T%s:00Z" % text for text in _MINUTES]
_SECONDS = [":%02d" % second for second in range(60)]


class _Dates(object):
    """Fast formatting of epoch seconds in the dataset's formats (day strings cached).

    Host, status and anti-virus dates are whole minutes (as in the guide's examples);
    session times keep their seconds.
    """

    def __init__(self):
        self._days = {}

    def _day(self, day):
        text = self._days.get(day)
        if text is None:
            text = self._days[day] = timeutil.format_epoch(day * DAY, "%Y-%m-%d")
        return text

    def iso(self, epoch):
        day, rest = divmod(int(epoch), DAY)
        return self._day(day) + _ISO_TIMES[rest // 60]

    def session(self, epoch):
        day, rest = divmod(int(epoch), DAY)
        return self._day(day) + " " + _MINUTES[rest // 60] + _SECONDS[rest % 60]

    def dotted(self, epoch):
        return self._day(int(epoch) // DAY).replace("-", ".")


def _antivirus(rand, index, is_mac, ref, dates):
    case = AV_CASES_AT.get(index)
    if case is None:
        roll = rand()
        if roll < 0.13:
            case = "none"
        elif roll < 0.17:
            case = "unknown"
        elif roll < 0.22:
            case = "threats"
        elif roll < 0.35:
            case = "outdated"
        elif roll < 0.45:
            case = "free"
        elif roll < 0.52:
            case = "minimal"
        elif roll < 0.58:
            case = "partial"
        else:
            case = "ok"
    if case == "none":
        return _default_av(is_mac)
    if case in ("free", "minimal", "partial") and not is_mac:
        level = case
        products = _AV_PRODUCTS[case]
    else:
        level = "full"
        products = _AV_PRODUCTS["mac" if is_mac else "full"]
    name = products[int(rand() * len(products))]
    up_to_date = case != "outdated"
    definition_age = int(rand() * 3) if up_to_date else 10 + int(rand() * 110)
    av = {
        "antiVirusName": name,
        "antiVirusStatus": 2,
        "supportLevel": level,
        "isRealTimeProtectionOn": level != "minimal" and (case != "outdated" or rand() < 0.5),
        "isVirusDefinitionUpToDate": up_to_date,
        "virusDefinitionVersion": dates.dotted(ref - definition_age * DAY),
        "lastFullScanTime": dates.iso(ref - DAY - int(rand() * 59 * DAY)) if rand() < 0.8 else None,
        "numberOfThreats": 1 + int(rand() * 3) if case == "threats" else 0,
        "isMultipleAntiVirusDetected": rand() < 0.04,
        "canReportThreatLog": level == "full",
        "canReportRealTimeProtectionStatus": level != "minimal",
        "kasperskyInstallSupported": not is_mac,
        "hasKasperskyInstalled": name.startswith("Kaspersky"),
    }
    if case != "unknown":
        av["antiVirusStatus"] = antivirus_status(av)
    return av


def _uuid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _users(rng, ref):
    login = timeutil.format_user_login
    mah = {"id": 1701441668, "email": "central.admin@example.com", "firstName": "James T.", "lastName": "Boss",
           "isEnabled": True, "lastLoginDate": login(ref - rng.randrange(DAY))}
    names = [("John", "Doe"), ("Zoë", "Ångström"), ("Łukasz", "Żółć"), ("Hana", "山田"), (HOSTILE_TEMPLATE, HOSTILE_RAW),
             (HOSTILE_PUNCTUATION, "Smith"), ("Ctrl", HOSTILE_CONTROL), ("Long", HOSTILE_LONG), ("Pending", "Invitee"),
             ("Disabled", "User")]
    users = []
    for index, (first, last) in enumerate(names):
        pending = first == "Pending"
        users.append({
            "isPending": pending,
            "id": 1701472698 + index * 7,
            "email": "user%d@example.com" % (index + 1),
            "firstName": first,
            "lastName": last,
            "isEnabled": not pending and first != "Disabled",
            "lastLoginDate": None if pending else login(ref - rng.randrange(DAY, 200 * DAY)),
        })
    return {"mahData": mah, "usersData": users}


def _pick_group(rand, hostable, cumulative, total):
    pick = rand() * total
    for position, bound in enumerate(cumulative):
        if pick < bound:
            return hostable[position]
    return hostable[-1]


def generate(seed=DEFAULT_SEED, hosts=DEFAULT_HOSTS, reference_date=REFERENCE_DATE):
    """Build a complete, deterministic state from (seed, host count)."""
    if isinstance(hosts, bool) or not isinstance(hosts, int) or hosts < 0:
        raise ValueError("hosts must be a non-negative integer")
    if isinstance(seed, bool) or not isinstance(seed, (int, str)):
        raise ValueError("seed must be an integer or a string")
    rng = random.Random("central-emulator:%s" % seed)
    ref = timeutil.parse_iso_z(reference_date)
    dates = _Dates()
    iso = dates.iso
    rand = rng.random

    groups = []
    next_group = 705185
    for name in GROUP_NAMES:
        groups.append({"id": next_group, "name": name, "isCollapsed": None})
        next_group += 1 + int(rand() * 5000)
    hostable = [group["id"] for group in groups if group["name"] != EMPTY_GROUP_NAME]
    cumulative = []
    total = 0
    for weight in (30, 15, 12, 20, 8, 5, 5, 3, 2)[:len(hostable)]:
        total += weight
        cumulative.append(total)

    categories = [{"id": _uuid(rng), "name": name, "values": []} for name in ("Location", "Asset Tag", "Owner")]
    location_id, asset_id, owner_id = [category["id"] for category in categories]
    value_ids = [{}, {}, {}]

    def value_id(cat_index, name):
        known = value_ids[cat_index]
        found = known.get(name)
        if found is None:
            found = known[name] = _uuid(rng)
            categories[cat_index]["values"].append({"id": found, "name": name})
        return found

    people = _PEOPLE
    roles = _ROLES
    n_people = len(people)
    n_roles = len(roles)
    host_list = []
    sessions = []
    for index in range(hosts):
        host_id = HOST_ID_BASE + index * 1000 + int(rand() * 1000)
        is_mac = rand() < 0.15 and index not in AV_CASES_AT
        person = people[int(rand() * n_people)]
        if index in HOSTILE_DESCRIPTION_AT:
            description = HOSTILE_DESCRIPTION_AT[index]
        elif index in (1, 4) or index % 13 == 4:
            description = SHARED_DESCRIPTION
        elif rand() < 0.5:
            description = "%s's %s" % (person, roles[int(rand() * n_roles)])
        else:
            description = "%s %03d" % (roles[int(rand() * n_roles)], index)
        if is_mac:
            host_name = "%ss-MacBook-Pro-%d" % (person.encode("ascii", "ignore").decode() or "User", index)
        else:
            host_name = "DESKTOP-%07X" % int(rand() * 0x10000000)
        if index in (0, RA_SESSION_AT):
            online = True
        elif index == OFFLINE_AT:
            online = False
        else:
            online = rand() < 0.7
        if index not in (0, RA_SESSION_AT) and rand() < 0.1:
            group_id = -1
        else:
            group_id = _pick_group(rand, hostable, cumulative, total)
        state_change = ref - int(rand() * 90 * DAY)
        install = ref - 200 * DAY - int(rand() * 1300 * DAY)
        start = install + int(rand() * 30 * DAY)
        subscription = (0, 2, 4, 4, 4, 6)[int(rand() * 6)]
        last_session = None
        for dummy in range((0, 1, 1, 2, 2, 3, 4)[int(rand() * 7)]):
            begin = ref - int(rand() * 365 * DAY)
            sessions.append((begin, host_id, begin + 60 + int(rand() * 14000),
                             "10.%d.%d.%d" % (int(rand() * 256), int(rand() * 256), 1 + int(rand() * 254))))
            if last_session is None or begin > last_session:
                last_session = begin
        custom = {}
        if rand() < 0.6:
            custom[location_id] = value_id(0, _LOCATIONS[int(rand() * len(_LOCATIONS))])
        if rand() < 0.5:
            custom[asset_id] = value_id(1, "AT-%06d" % index)
        if index < len(HOSTILE_STRINGS):
            custom[owner_id] = value_id(2, HOSTILE_STRINGS[index])
        elif rand() < 0.3:
            custom[owner_id] = value_id(2, person)
        host_list.append({
            "id": host_id,
            "description": description,
            "hostName": host_name,
            "groupId": group_id,
            "isHostOnline": online,
            "hostStateChangeDate": iso(state_change),
            "raSessionInProgress": online and (index == RA_SESSION_AT or index % 20 == 17),
            "isMac": is_mac,
            "buildNumber": _MAC_BUILDS[int(rand() * 3)] if is_mac else _WINDOWS_BUILDS[int(rand() * 5)],
            "computerStatus": {
                "productType": "i",
                "subscriptionType": subscription,
                "startDate": iso(start),
                "renewalDate": None if subscription == 0 else iso(start + 365 * DAY),
                "status": (1, 1, 1, 1, 1, 1, 0, 2, 3, 99)[int(rand() * 10)],
                "lastOnline": iso(ref if online else state_change),
                "lastRemoteSession": None if last_session is None else iso(last_session),
                "lastKnownIpAddress": "192.168.%d.%d" % (int(rand() * 256), 1 + int(rand() * 254)),
                "installDate": iso(install),
                "softwareVersion": _SOFTWARE_VERSIONS[int(rand() * 4)],
            },
            "antiVirus": _antivirus(rand, index, is_mac, ref, dates),
            "customFields": custom,
        })

    sessions.sort()
    session_fmt = dates.session
    session_list = [
        {"sessionId": 1000001 + number, "hostId": host_id, "sessionStart": session_fmt(begin), "sessionEnd": session_fmt(end), "userIp": ip}
        for number, (begin, host_id, end, ip) in enumerate(sessions)
    ]

    deleted = []
    for index in range(max(len(DELETE_REASONS), hosts // 20)):
        deleted_at = ref - int(rand() * 365 * DAY)
        deleted.append({
            "hostId": DELETED_ID_BASE + index * 1000 + int(rand() * 1000),
            "hostName": "%s %03d" % (roles[int(rand() * n_roles)], index),
            "deleteReason": DELETE_REASONS[index % len(DELETE_REASONS)],
            "deletedAt": iso(deleted_at),
            "installedAt": iso(deleted_at - 30 * DAY - int(rand() * 1470 * DAY)),
        })
    deleted.sort(key=lambda item: item["deletedAt"])

    return {
        "format": STATE_FORMAT,
        "seed": seed,
        "referenceDate": reference_date,
        "groups": groups,
        "hosts": host_list,
        "customFieldCategories": categories,
        "users": _users(rng, ref),
        "remoteAccessSessions": session_list,
        "deletedHosts": deleted,
    }


# ---------------------------------------------------------------------------
# Loading a dataset given as JSON


class DatasetError(ValueError):
    """A dataset that cannot be loaded; the message says where."""


def _check(condition, message):
    if not condition:
        raise DatasetError(message)


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _default_av(is_mac):
    return {
        "antiVirusName": None, "antiVirusStatus": 2, "supportLevel": None, "isRealTimeProtectionOn": False,
        "isVirusDefinitionUpToDate": False, "virusDefinitionVersion": None, "lastFullScanTime": None, "numberOfThreats": 0,
        "isMultipleAntiVirusDetected": False, "canReportThreatLog": False, "canReportRealTimeProtectionStatus": False,
        "kasperskyInstallSupported": not is_mac, "hasKasperskyInstalled": False,
    }


def _normalize_host(position, raw, group_ids, ref):
    where = "hosts[%d]" % position
    _check(isinstance(raw, dict), "%s must be an object" % where)
    _check(_is_int(raw.get("id")), "%s.id must be an integer" % where)
    host = dict(raw)
    host.setdefault("description", "Host %d" % host["id"])
    _check(isinstance(host["description"], str), "%s.description must be a string" % where)
    host.setdefault("hostName", "HOST-%d" % host["id"])
    host.setdefault("groupId", -1)
    _check(host["groupId"] == -1 or host["groupId"] in group_ids, "%s.groupId %r is not a group id" % (where, host["groupId"]))
    host.setdefault("isHostOnline", True)
    host.setdefault("hostStateChangeDate", timeutil.format_epoch(ref))
    host.setdefault("raSessionInProgress", False)
    host.setdefault("isMac", False)
    host.setdefault("buildNumber", 0)
    status = {"productType": "i", "subscriptionType": 4, "startDate": None, "renewalDate": None, "status": 1,
              "lastOnline": host["hostStateChangeDate"], "lastRemoteSession": None, "lastKnownIpAddress": None,
              "installDate": None, "softwareVersion": 12112}
    _check(isinstance(host.get("computerStatus", {}), dict), "%s.computerStatus must be an object" % where)
    status.update(host.get("computerStatus") or {})
    host["computerStatus"] = status
    av = _default_av(host["isMac"])
    _check(isinstance(host.get("antiVirus", {}), dict) or host.get("antiVirus") is None, "%s.antiVirus must be an object" % where)
    given_av = host.get("antiVirus") or {}
    av.update(given_av)
    if av["antiVirusName"] and not av.get("supportLevel"):
        av["supportLevel"] = "full"
    if "antiVirusStatus" not in given_av:
        av["antiVirusStatus"] = antivirus_status(av)
    host["antiVirus"] = av
    _check(isinstance(host.get("customFields", {}), dict), "%s.customFields must be an object" % where)
    host["customFields"] = dict(host.get("customFields") or {})
    inventory = host.get("inventory")
    _check(inventory is None or isinstance(inventory, dict), "%s.inventory must be an object" % where)
    return host


def _normalize_categories(raw_categories, seed):
    _check(isinstance(raw_categories, list), "customFieldCategories must be a list")
    categories = []
    seen = set()
    for position, raw in enumerate(raw_categories):
        where = "customFieldCategories[%d]" % position
        _check(isinstance(raw, dict) and isinstance(raw.get("name"), str) and raw["name"], "%s needs a non-empty name" % where)
        cat_id = raw.get("id") or str(uuid.uuid5(uuid.NAMESPACE_URL, "central-emulator:%s:category:%s" % (seed, raw["name"])))
        _check(isinstance(cat_id, str) and cat_id not in seen, "%s.id must be a unique string" % where)
        seen.add(cat_id)
        values = []
        for value_position, value in enumerate(raw.get("values") or []):
            _check(isinstance(value, dict) and isinstance(value.get("name"), str),
                   "%s.values[%d] needs a name" % (where, value_position))
            value_id = value.get("id") or str(uuid.uuid5(uuid.NAMESPACE_URL, "%s:value:%s" % (cat_id, value["name"])))
            values.append({"id": value_id, "name": value["name"]})
        categories.append({"id": cat_id, "name": raw["name"], "values": values})
    return categories


def _resolve_custom_fields(hosts, categories):
    """Let dataset files name categories and values instead of giving their ids."""
    by_id = {category["id"]: category for category in categories}
    by_name = {}
    for category in categories:
        by_name.setdefault(category["name"], category)
    for host in hosts:
        resolved = {}
        for key, value in host["customFields"].items():
            category = by_id.get(key) or by_name.get(key)
            _check(category is not None, "host %d: unknown custom field category %r" % (host["id"], key))
            _check(isinstance(value, str) and value, "host %d: custom field value must be a non-empty string" % host["id"])
            match = None
            for known in category["values"]:
                if known["id"] == value:
                    match = known
                    break
            if match is None:
                for known in category["values"]:
                    if known["name"] == value:
                        match = known
                        break
            if match is None:
                match = {"id": str(uuid.uuid5(uuid.NAMESPACE_URL, "%s:value:%s" % (category["id"], value))), "name": value}
                category["values"].append(match)
            resolved[category["id"]] = match["id"]
        host["customFields"] = resolved


def normalize(data):
    """Validate a dataset in state shape and fill in defaults. Raises DatasetError."""
    _check(isinstance(data, dict), "the dataset must be a JSON object")
    seed = data.get("seed", DEFAULT_SEED)
    reference_date = data.get("referenceDate") or REFERENCE_DATE
    try:
        ref = timeutil.parse_iso_z(reference_date)
    except (TypeError, ValueError):
        raise DatasetError("referenceDate must look like 2025-06-30T12:00:00Z") from None
    raw_groups = data.get("groups", [])
    _check(isinstance(raw_groups, list), "groups must be a list")
    groups = []
    for position, raw in enumerate(raw_groups):
        _check(isinstance(raw, dict) and _is_int(raw.get("id")) and raw["id"] != -1,
               "groups[%d] needs an integer id other than -1" % position)
        _check(isinstance(raw.get("name"), str), "groups[%d].name must be a string" % position)
        groups.append({"id": raw["id"], "name": raw["name"], "isCollapsed": raw.get("isCollapsed")})
    group_ids = {group["id"] for group in groups}
    _check(len(group_ids) == len(groups), "group ids must be unique")
    raw_hosts = data.get("hosts", [])
    _check(isinstance(raw_hosts, list), "hosts must be a list")
    hosts = [_normalize_host(position, raw, group_ids, ref) for position, raw in enumerate(raw_hosts)]
    _check(len({host["id"] for host in hosts}) == len(hosts), "host ids must be unique")
    categories = _normalize_categories(data.get("customFieldCategories", []), seed)
    _resolve_custom_fields(hosts, categories)
    users = data.get("users") or {"mahData": None, "usersData": []}
    _check(isinstance(users, dict) and isinstance(users.get("usersData", []), list), "users must be {mahData, usersData}")
    sessions = data.get("remoteAccessSessions", [])
    _check(isinstance(sessions, list), "remoteAccessSessions must be a list")
    for position, session in enumerate(sessions):
        _check(isinstance(session, dict) and _is_int(session.get("hostId")) and isinstance(session.get("sessionStart"), str),
               "remoteAccessSessions[%d] needs hostId and sessionStart" % position)
    deleted = data.get("deletedHosts", [])
    _check(isinstance(deleted, list), "deletedHosts must be a list")
    for position, entry in enumerate(deleted):
        _check(isinstance(entry, dict) and _is_int(entry.get("hostId")) and isinstance(entry.get("deletedAt"), str),
               "deletedHosts[%d] needs hostId and deletedAt" % position)
    return {
        "format": STATE_FORMAT,
        "seed": seed,
        "referenceDate": reference_date,
        "groups": groups,
        "hosts": hosts,
        "customFieldCategories": categories,
        "users": {"mahData": users.get("mahData"), "usersData": list(users.get("usersData", []))},
        "remoteAccessSessions": sorted((dict(session) for session in sessions), key=lambda item: item["sessionStart"]),
        "deletedHosts": [dict(entry) for entry in deleted],
    }
