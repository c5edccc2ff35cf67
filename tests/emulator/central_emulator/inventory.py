# -*- coding: utf-8 -*-
"""System and hardware inventory: field lists, per-host data and report shaping.

The guide lists the field names (``GET /v1/inventory/{kind}/fields``) and shows two
answer examples (``localUsers``, ``lastLogonUserName``; ``processors``, ``batteries``).
It does not document the other shapes; the emulator uses this mapping:

Fields of a *family* describe the items of one list; asking for any field of a family
returns the whole list, each item carrying every key of the family, with ``null`` for
the keys that were not asked for (as in the guide's ``processors`` example). Families
marked "+id" also carry an ``id`` (string) in every item.

System inventory
  ==============================  ==========================================================
  ExternalIp                      ``externalIp`` (string)
  JournalEntries                  ``journalEntries`` [{id, date, type, source, message}]
  LastBootDate                    ``lastBootDate`` ("2017-12-06T20:36:00Z")
  LastLogonUserName               ``lastLogonUserName`` (string, ``.\\John`` or ``CORP\\jdoe``)
  LocalUser{Name,Group,Created,   ``localUsers`` [{name, group, created, lastLogin, status}]
  LastLogin,Status}
  OsInstallDate                   ``osInstallDate`` (date string)
  OsType                          ``osType`` (string)
  SettingsTimezone                ``settingsTimezone`` (string)
  WindowsProfile{Name,Size,       ``windowsProfiles`` [{name, size (bytes), modified}]; [] on Macs
  Modified}
  ==============================  ==========================================================

Hardware inventory
  ==============================  ==========================================================
  BatteryName                     ``batteries`` [{name}]; [] on desktops
  Cpu{Type,Speed,NumberOfCores,   ``processors`` +id [{type, speed (MHz), numberOfCores,
  NumberOfProcessors}             numberOfProcessors}]
  Display{Type,Provider,Date,     ``displays`` +id [{type, provider, date, version}]
  Version}
  Drive{Name,Capacity,DiskType,   ``drives`` +id [{name, capacity (bytes), diskType,
  MediaType,SerialNumber}         mediaType, serialNumber}]
  HardwareAssetTag                ``hardwareAssetTag`` (string)
  HardwareManufacturer            ``hardwareManufacturer`` (string)
  HardwareModel                   ``hardwareModel`` (string)
  MemoryModules                   ``memoryModules`` [{slot, size (bytes)}]
  MemorySize                      ``memorySize`` (bytes)
  MotherboardChipset              ``motherboardChipset`` (string)
  MotherboardMemorySlots          ``motherboardMemorySlots`` (integer)
  NetworkConnection{Name,         ``networkConnections`` +id [{name, ipAddress, macAddress,
  IPAddress,MacAddress,           subnetMask, defaultGateway, dhcpServer, primaryDns,
  SubnetMask,DefaultGateway,      secondaryDns, primaryWins, secondaryWins}]
  DHCPsServer,PrimaryDNS,
  SecondaryDNS,PrimaryWINS,
  SecondaryWINS}
  Partition{Name,Drive,           ``partitions`` +id [{name, drive, fileSystem, freeSpace,
  FileSystem,FreeSpace,           totalSize, raid, raidStatus, raidFailingDiskNumber}]
  TotalSize,Raid,RaidStatus,
  RaidFailingDiskNumber}
  PrimaryScreenResolution         ``primaryScreenResolution`` ("1920x1080")
  ServiceTag                      ``serviceTag`` (string)
  ==============================  ==========================================================

Only the keys of the requested fields appear in a host's entry, after ``hostId``.
Per-host data is generated deterministically from (dataset seed, host id) unless the
dataset gives it explicitly (``host["inventory"] = {"system": {...}, "hardware": {...}}``).
"""

import random

from central_emulator import timeutil

KINDS = ("system", "hardware")

SYSTEM_FIELDS = [
    "ExternalIp",
    "JournalEntries",
    "LastBootDate",
    "LastLogonUserName",
    "LocalUserCreated",
    "LocalUserGroup",
    "LocalUserLastLogin",
    "LocalUserName",
    "LocalUserStatus",
    "OsInstallDate",
    "OsType",
    "SettingsTimezone",
    "WindowsProfileModified",
    "WindowsProfileName",
    "WindowsProfileSize",
]

HARDWARE_FIELDS = [
    "BatteryName",
    "CpuNumberOfCores",
    "CpuNumberOfProcessors",
    "CpuSpeed",
    "CpuType",
    "DisplayDate",
    "DisplayProvider",
    "DisplayType",
    "DisplayVersion",
    "DriveCapacity",
    "DriveDiskType",
    "DriveMediaType",
    "DriveName",
    "DriveSerialNumber",
    "HardwareAssetTag",
    "HardwareManufacturer",
    "HardwareModel",
    "MemoryModules",
    "MemorySize",
    "MotherboardChipset",
    "MotherboardMemorySlots",
    "NetworkConnectionDefaultGateway",
    "NetworkConnectionDHCPsServer",
    "NetworkConnectionIPAddress",
    "NetworkConnectionMacAddress",
    "NetworkConnectionName",
    "NetworkConnectionPrimaryDNS",
    "NetworkConnectionPrimaryWINS",
    "NetworkConnectionSecondaryDNS",
    "NetworkConnectionSecondaryWINS",
    "NetworkConnectionSubnetMask",
    "PartitionDrive",
    "PartitionFileSystem",
    "PartitionFreeSpace",
    "PartitionName",
    "PartitionRaid",
    "PartitionRaidFailingDiskNumber",
    "PartitionRaidStatus",
    "PartitionTotalSize",
    "PrimaryScreenResolution",
    "ServiceTag",
]

FIELDS = {"system": SYSTEM_FIELDS, "hardware": HARDWARE_FIELDS}

# List families: answer key -> (item has an "id", item keys in order)
FAMILIES = {
    "localUsers": (False, ("name", "group", "created", "lastLogin", "status")),
    "windowsProfiles": (False, ("name", "size", "modified")),
    "batteries": (False, ("name",)),
    "processors": (True, ("type", "speed", "numberOfCores", "numberOfProcessors")),
    "displays": (True, ("type", "provider", "date", "version")),
    "drives": (True, ("name", "capacity", "diskType", "mediaType", "serialNumber")),
    "networkConnections": (True, ("name", "ipAddress", "macAddress", "subnetMask", "defaultGateway", "dhcpServer",
                                  "primaryDns", "secondaryDns", "primaryWins", "secondaryWins")),
    "partitions": (True, ("name", "drive", "fileSystem", "freeSpace", "totalSize", "raid", "raidStatus", "raidFailingDiskNumber")),
}

# Field name -> (answer key, item key or None for a field answered as a whole)
FIELD_MAP = {
    "ExternalIp": ("externalIp", None),
    "JournalEntries": ("journalEntries", None),
    "LastBootDate": ("lastBootDate", None),
    "LastLogonUserName": ("lastLogonUserName", None),
    "LocalUserCreated": ("localUsers", "created"),
    "LocalUserGroup": ("localUsers", "group"),
    "LocalUserLastLogin": ("localUsers", "lastLogin"),
    "LocalUserName": ("localUsers", "name"),
    "LocalUserStatus": ("localUsers", "status"),
    "OsInstallDate": ("osInstallDate", None),
    "OsType": ("osType", None),
    "SettingsTimezone": ("settingsTimezone", None),
    "WindowsProfileModified": ("windowsProfiles", "modified"),
    "WindowsProfileName": ("windowsProfiles", "name"),
    "WindowsProfileSize": ("windowsProfiles", "size"),
    "BatteryName": ("batteries", "name"),
    "CpuNumberOfCores": ("processors", "numberOfCores"),
    "CpuNumberOfProcessors": ("processors", "numberOfProcessors"),
    "CpuSpeed": ("processors", "speed"),
    "CpuType": ("processors", "type"),
    "DisplayDate": ("displays", "date"),
    "DisplayProvider": ("displays", "provider"),
    "DisplayType": ("displays", "type"),
    "DisplayVersion": ("displays", "version"),
    "DriveCapacity": ("drives", "capacity"),
    "DriveDiskType": ("drives", "diskType"),
    "DriveMediaType": ("drives", "mediaType"),
    "DriveName": ("drives", "name"),
    "DriveSerialNumber": ("drives", "serialNumber"),
    "HardwareAssetTag": ("hardwareAssetTag", None),
    "HardwareManufacturer": ("hardwareManufacturer", None),
    "HardwareModel": ("hardwareModel", None),
    "MemoryModules": ("memoryModules", None),
    "MemorySize": ("memorySize", None),
    "MotherboardChipset": ("motherboardChipset", None),
    "MotherboardMemorySlots": ("motherboardMemorySlots", None),
    "NetworkConnectionDefaultGateway": ("networkConnections", "defaultGateway"),
    "NetworkConnectionDHCPsServer": ("networkConnections", "dhcpServer"),
    "NetworkConnectionIPAddress": ("networkConnections", "ipAddress"),
    "NetworkConnectionMacAddress": ("networkConnections", "macAddress"),
    "NetworkConnectionName": ("networkConnections", "name"),
    "NetworkConnectionPrimaryDNS": ("networkConnections", "primaryDns"),
    "NetworkConnectionPrimaryWINS": ("networkConnections", "primaryWins"),
    "NetworkConnectionSecondaryDNS": ("networkConnections", "secondaryDns"),
    "NetworkConnectionSecondaryWINS": ("networkConnections", "secondaryWins"),
    "NetworkConnectionSubnetMask": ("networkConnections", "subnetMask"),
    "PartitionDrive": ("partitions", "drive"),
    "PartitionFileSystem": ("partitions", "fileSystem"),
    "PartitionFreeSpace": ("partitions", "freeSpace"),
    "PartitionName": ("partitions", "name"),
    "PartitionRaid": ("partitions", "raid"),
    "PartitionRaidFailingDiskNumber": ("partitions", "raidFailingDiskNumber"),
    "PartitionRaidStatus": ("partitions", "raidStatus"),
    "PartitionTotalSize": ("partitions", "totalSize"),
    "PrimaryScreenResolution": ("primaryScreenResolution", None),
    "ServiceTag": ("serviceTag", None),
}

DAY = 86400
GIB = 1024 ** 3

_WINDOWS_OS = ("Windows 10 Pro", "Windows 11 Pro", "Windows 11 Enterprise", "Windows Server 2019 Standard", "Windows Server 2022 Datacenter")
_MAC_OS = ("macOS 13.6 Ventura", "macOS 14.5 Sonoma", "macOS 15.1 Sequoia")
_TIMEZONES = ("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "(UTC-06:00) Central Time (US & Canada)",
              "(UTC) Coordinated Universal Time", "(UTC+01:00) Budapest, Belgrade, Bratislava, Ljubljana, Prague",
              "(UTC-05:00) Eastern Time (US & Canada)", "(UTC+00:00) Dublin, Edinburgh, Lisbon, London")
_USERS = ("anna", "balint", "chloe", "dmitri", "jurgen", "kitty", "marta", "priya", "soren", "zoe")
_CPUS = (("Intel(R) Core(TM) i5-6600K CPU @ 3.50GHz", 3500, 4), ("Intel(R) Core(TM) i7-1185G7 @ 3.00GHz", 3000, 4),
         ("AMD Ryzen 7 PRO 5850U with Radeon Graphics", 1900, 8), ("Intel(R) Xeon(R) Silver 4214R CPU @ 2.40GHz", 2400, 12))
_MAC_CPUS = (("Apple M1", 3200, 8), ("Apple M2 Pro", 3500, 10), ("Intel(R) Core(TM) i9-9880H CPU @ 2.30GHz", 2300, 8))
_VENDORS = (("Dell Inc.", ("OptiPlex 7090", "Latitude 5420", "PowerEdge R640")), ("HP", ("EliteBook 840 G8", "ProDesk 600 G6")),
            ("LENOVO", ("ThinkPad T14 Gen 2", "ThinkCentre M70q")))
_DISPLAYS = (("Intel(R) UHD Graphics 620", "Intel Corporation"), ("NVIDIA RTX A2000", "NVIDIA"), ("AMD Radeon(TM) Graphics", "Advanced Micro Devices, Inc."))
_RESOLUTIONS = ("1920x1080", "2560x1440", "1366x768", "3840x2160", "1920x1200")
_JOURNAL = (("Error", "Service Control Manager", "The Print Spooler service terminated unexpectedly."),
            ("Warning", "disk", "The IO operation at logical block address 0x1f was retried."),
            ("Information", "EventLog", "The Event log service was started."))


def _ip(rng, prefix):
    return "%s.%d.%d" % (prefix, rng.randrange(0, 255), rng.randrange(1, 254))


def _mac(rng):
    return "-".join("%02X" % rng.randrange(256) for dummy in range(6))


def _serial(rng, length=10):
    return "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for dummy in range(length))


def generate_system(seed, host, reference_epoch):
    """Deterministic system inventory data of one host."""
    rng = random.Random("%s:%s:system" % (seed, host["id"]))
    is_mac = bool(host.get("isMac"))
    user = rng.choice(_USERS)
    iso = timeutil.format_epoch
    install = reference_epoch - rng.randrange(200, 1500) * DAY
    data = {
        "externalIp": "%s.%d" % (rng.choice(("203.0.113", "198.51.100", "192.0.2")), rng.randrange(1, 254)),
        "journalEntries": [
            {"id": str(rng.randrange(10 ** 6, 10 ** 7)), "date": iso(reference_epoch - rng.randrange(DAY * 30)),
             "type": entry[0], "source": entry[1], "message": entry[2]}
            for entry in rng.sample(_JOURNAL, rng.randrange(0, 3))
        ],
        "lastBootDate": iso(reference_epoch - rng.randrange(DAY * 30)),
        "lastLogonUserName": user if is_mac else rng.choice((".\\", "CORP\\")) + user,
        "osInstallDate": iso(install),
        "osType": rng.choice(_MAC_OS if is_mac else _WINDOWS_OS),
        "settingsTimezone": rng.choice(_TIMEZONES),
    }
    users = [(user, "Administrators" if is_mac else "Users", "Enabled")]
    if not is_mac:
        users = [("Administrator", "Administrators", "Disabled"), ("Guest", "Guests", "Disabled")] + users
    data["localUsers"] = [
        {"name": name, "group": group, "created": iso(install + rng.randrange(DAY)),
         "lastLogin": iso(reference_epoch - rng.randrange(DAY * 60)) if status == "Enabled" else None, "status": status}
        for name, group, status in users
    ]
    data["windowsProfiles"] = [] if is_mac else [
        {"name": "C:\\Users\\%s" % name, "size": rng.randrange(10 ** 7, 6 * 10 ** 10), "modified": iso(reference_epoch - rng.randrange(DAY * 90))}
        for name in (user, "Administrator")
    ]
    return data


def generate_hardware(seed, host, reference_epoch):
    """Deterministic hardware inventory data of one host."""
    rng = random.Random("%s:%s:hardware" % (seed, host["id"]))
    is_mac = bool(host.get("isMac"))
    if is_mac:
        manufacturer, model = "Apple Inc.", rng.choice(("MacBookPro18,3", "MacBookAir10,1", "iMac21,1", "Macmini9,1"))
    else:
        manufacturer, models = rng.choice(_VENDORS)
        model = rng.choice(models)
    laptop = "Book" in model or "Latitude" in model or "ThinkPad" in model
    cpu_type, speed, cores = rng.choice(_MAC_CPUS if is_mac else _CPUS)
    module_count = rng.choice((1, 2, 4))
    module_size = rng.choice((4, 8, 16)) * GIB
    disk = rng.choice((256, 512, 1024)) * 10 ** 9
    display, provider = ("Apple GPU", "Apple Inc.") if is_mac else rng.choice(_DISPLAYS)
    subnet = "10.%d.%d" % (rng.randrange(256), rng.randrange(256))
    data = {
        "batteries": [{"name": "%s %s" % ("bq20z451" if is_mac else "DELL", _serial(rng, 6))}] if laptop else [],
        "processors": [{"id": str(rng.randrange(10 ** 9, 2 * 10 ** 9)), "type": cpu_type, "speed": speed,
                        "numberOfCores": cores, "numberOfProcessors": 1}],
        "displays": [{"id": str(rng.randrange(10 ** 9, 2 * 10 ** 9)), "type": display, "provider": provider,
                      "date": timeutil.format_epoch(reference_epoch - rng.randrange(100, 900) * DAY, "%Y-%m-%d"),
                      "version": "%d.0.%d.%d" % (rng.randrange(20, 32), rng.randrange(100, 200), rng.randrange(1000, 9999))}],
        "drives": [{"id": str(rng.randrange(10 ** 9, 2 * 10 ** 9)), "name": "disk0" if is_mac else "\\\\.\\PHYSICALDRIVE0",
                    "capacity": disk, "diskType": rng.choice(("SSD", "NVMe", "HDD")), "mediaType": "Fixed hard disk media",
                    "serialNumber": _serial(rng, 14)}],
        "hardwareAssetTag": "AT-%s" % _serial(rng, 6),
        "hardwareManufacturer": manufacturer,
        "hardwareModel": model,
        "memoryModules": [{"slot": "DIMM %d" % slot, "size": module_size} for slot in range(module_count)],
        "memorySize": module_count * module_size,
        "motherboardChipset": "Apple" if is_mac else rng.choice(("Intel Q470", "Intel C621", "AMD B550")),
        "motherboardMemorySlots": max(module_count, rng.choice((2, 4))),
        "networkConnections": [{
            "id": str(rng.randrange(10 ** 9, 2 * 10 ** 9)), "name": "en0" if is_mac else rng.choice(("Ethernet", "Wi-Fi")),
            "ipAddress": _ip(rng, "10.%s" % subnet.split(".")[1]), "macAddress": _mac(rng), "subnetMask": "255.255.0.0",
            "defaultGateway": subnet + ".1", "dhcpServer": subnet + ".2", "primaryDns": subnet + ".53", "secondaryDns": "9.9.9.9",
            "primaryWins": None, "secondaryWins": None,
        }],
        "partitions": [{
            "id": str(rng.randrange(10 ** 9, 2 * 10 ** 9)), "name": "Macintosh HD" if is_mac else "C:", "drive": "disk0" if is_mac else "Disk 0",
            "fileSystem": "APFS" if is_mac else "NTFS", "freeSpace": rng.randrange(disk // 10, disk // 2), "totalSize": disk,
            "raid": False, "raidStatus": None, "raidFailingDiskNumber": None,
        }],
        "primaryScreenResolution": rng.choice(_RESOLUTIONS),
        "serviceTag": _serial(rng, 7),
    }
    return data


GENERATORS = {"system": generate_system, "hardware": generate_hardware}


def host_data(seed, host, kind, reference_epoch):
    """Inventory data of ``kind`` for a host: the dataset's own data, else generated."""
    explicit = (host.get("inventory") or {}).get(kind)
    if explicit is not None:
        return explicit
    return GENERATORS[kind](seed, host, reference_epoch)


def unknown_fields(kind, fields):
    """The names in ``fields`` that are not fields of ``kind`` (exact, case-sensitive)."""
    known = FIELDS[kind]
    return [field for field in fields if field not in known]


def project(host_id, data, fields):
    """Shape one host's report entry: ``hostId`` then the requested fields' keys."""
    entry = {"hostId": host_id}
    wanted = {}
    order = []
    for field in fields:
        key, item_key = FIELD_MAP[field]
        if key not in wanted:
            wanted[key] = set()
            order.append(key)
        if item_key is not None:
            wanted[key].add(item_key)
    for key in order:
        value = data.get(key)
        if key in FAMILIES:
            has_id, item_keys = FAMILIES[key]
            items = []
            for item in value or []:
                shaped = {"id": item.get("id")} if has_id else {}
                for item_key in item_keys:
                    shaped[item_key] = item.get(item_key) if item_key in wanted[key] else None
                items.append(shaped)
            value = items
        entry[key] = value
    return entry
