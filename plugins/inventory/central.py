# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: central
short_description: LogMeIn Central computers as an inventory
description:
  - Lists the computers (hosts) of a LogMeIn Central account, with their computer groups and custom fields,
    through the Central public API.
  - Enabled by a YAML file whose name ends in C(central.yml) or C(central.yaml) and whose O(plugin) is
    V(logmein.central.central).
  - Reads the estate with three API calls (hosts with groups, custom-field categories, custom-field values);
    each of O(hostnames=host_name), O(antivirus), O(computer_status), O(system_inventory_fields) and
    O(hardware_inventory_fields) costs more calls, made only when asked for. The API allows about one call of
    an action a minute; the client paces its calls and reports waits at verbosity C(-v).
  - Every host gets the variables C(central_id) (int), C(central_description) (str), C(central_online) (bool),
    C(central_group_id) (int, V(-1) for a host in no group), C(central_group) (str, null for a host in no group),
    C(central_state_changed) (ISO 8601 date of the last online/offline change) and C(central_custom_fields)
    (dict of category name to value, V({}) when none).
  - Every string from the API (descriptions, group names, custom-field values, ...) is data, never a template,
    on every supported ansible-core version.
  - A source that cannot be read (wrong credentials, unreachable service, rate limit past O(rate_limit_max_wait))
    fails with one line naming the problem. C(ansible-inventory) and C(ansible-playbook) only warn about a failed
    source and go on with an empty inventory unless E(ANSIBLE_INVENTORY_UNPARSED_FAILED=true) is set.
author:
  - logmein.central maintainers (@logmein-central)
extends_documentation_fragment:
  - logmein.central.connection.plugins
  - constructed
  - inventory_cache
options:
  plugin:
    description:
      - The name of this plugin; it makes the file an inventory source of this plugin.
    type: str
    required: true
    choices: [logmein.central.central]
  hostnames:
    description:
      - Where a host's inventory name comes from, in order of preference.
      - V(description) is the computer's description in Central, V(host_name) the computer's own name
        (C(hostName), read with one more call, C(GET /v2/hosts), only when listed here), V(id) the host id.
        C(hostName) is optional; newer vendor docs add it, the vendor's API guide does not show it for that call.
      - A candidate that is empty, contains control characters, a template marker (C({{), C({%), C({#)), a
        character that breaks host patterns (C(,) C(:) C([) C(])), starts with a pattern operator (C(!) C(&) C(~)),
        starts or ends with white space, contains invisible format characters (Unicode category Cf,
        zero-width and bidi controls), is longer than 253 characters, or is a name of the controller
        (C(localhost) and names starting with it, 127.0.0.0/8, C(::1)) is not used; the next preference is,
        with a warning. When no preference gives a usable name, the host id is used.
      - Names that several hosts would share (descriptions are not unique) all become C(<name>_<id>), so no host
        is merged into another and no name depends on the order of the API's answer.
    type: list
    elements: str
    choices: [description, host_name, id]
    default: [description, id]
  host_name_prefix:
    description:
      - Put this before every host name, for example V(central_).
      - Ansible merges hosts of one name from all inventory sources. Without a prefix, whoever can edit a
        description in Central can name a computer after a host of another source (C(db01) of a static
        inventory), and Ansible then merges them; the connection variables of one (C(ansible_host), those this
        inventory composes) may send the other's tasks and credentials to the wrong computer. A prefix keeps
        this inventory's names apart. Use one whenever the inventory is combined with other sources.
      - The prefix itself must be usable in a host name (no white space at its start, no pattern characters).
    type: str
    default: ''
  include_offline:
    description:
      - Whether hosts that are offline are listed. V(false) lists only the hosts online when the API was read
        (mind the inventory cache).
    type: bool
    default: true
  computer_groups:
    description:
      - Only list the hosts of these Central computer groups, each given by its name or its id.
      - V(-1) selects the hosts in no group.
      - Groups are resolved as the modules resolve them. An entry that matches several groups (a name
        several groups share, or the id of one group and the name of another) fails; use the id.
      - An entry that matches no group is warned about and selects no host, so that a group deleted or
        renamed in Central does not break every job that uses this inventory's other hosts. With
        O(strict=true) it fails instead.
    type: list
    elements: raw
  exclude_hosts:
    description:
      - Host ids never to list.
    type: list
    elements: int
  computer_group_prefix:
    description:
      - Text put before the name of each Central computer group to make its Ansible group name.
    type: str
    default: ''
  custom_field_groups:
    description:
      - The custom-field categories that make groups, given by name; V(all) for every category, V([]) for none.
      - Each value in use of such a category makes the group C(<prefix><category>_<value>) (see
        O(custom_field_group_prefix)) of the hosts that carry it.
    type: raw
    default: all
  custom_field_group_prefix:
    description:
      - Text put before the name of each custom-field group.
    type: str
    default: ''
  antivirus:
    description:
      - Add the variable C(central_antivirus) to each host, the host's anti-virus details with snake_case keys,
        the status both as its code (C(anti_virus_status)) and by name (C(anti_virus_status_name)) V(action_required),
        V(warning), V(unknown), V(ok), V(free_ok) or V(partial_ok). V({}) for a host the answer does not list.
      - One more call, C(GET /v1/hosts/anti-virus/details).
    type: bool
    default: false
  computer_status:
    description:
      - Add the variable C(central_computer_status) to each host, the host's entry in the computer status report
        with snake_case keys (C(last_known_ip_address), C(last_online), C(software_version), ...).
        V({}) for a host the report does not list.
      - One more call, C(POST /v1/reports/computer-status).
    type: bool
    default: false
  system_inventory_fields:
    description:
      - System inventory fields to read for every listed host into the variable C(central_system_inventory),
        for example V(OsType), V(LastLogonUserName), V(LastBootDate).
      - The variable holds the host's entry of the report with the service's keys converted to snake_case by the
        collection's one rule (acronyms kept whole, so C(iPAddress) becomes C(ip_address)); nested objects stay
        dicts and lists stay lists. The vendor's API guide shows only C(hostId), C(lastLogonUserName) and
        C(localUsers) in an entry, so the key of another field (C(os_type) in the examples) is an example of the
        rule, not a documented name. Look at C(ansible-inventory --host) before relying on such a key.
      - An unknown field name fails, listing the valid ones.
      - Costs one call for the field list, one to create the report and one per page of 50 hosts. On a large
        estate raise O(rate_limit_max_wait) and use the inventory cache.
    type: list
    elements: str
    default: []
  hardware_inventory_fields:
    description:
      - Hardware inventory fields to read for every listed host into the variable C(central_hardware_inventory),
        for example V(HardwareModel), V(MemorySize), V(NetworkConnectionIPAddress).
      - Keys as for O(system_inventory_fields). The vendor's API guide shows only C(hostId), C(processors) (items
        with C(id), C(type), C(speed), C(numberOfCores), C(numberOfProcessors)) and C(batteries) in an entry, so
        the key of another field (C(hardware_model) in the examples) is an example of the rule, not a documented name.
      - An unknown field name fails, listing the valid ones.
      - Costs calls as O(system_inventory_fields) does.
    type: list
    elements: str
    default: []
notes:
  - The inventory cache (O(cache)) keeps the API's answers, not the groups and variables built from them, so
    changing O(compose), O(groups), O(keyed_groups) or the naming options needs no API call. Its key is made of
    the inventory file's path, O(api_url), O(company_id) and a tag of the PSK, O(validate_certs) and O(ca_path)
    (an HMAC-SHA256 keyed with the PSK), so a changed or revoked PSK, or other certificate checks, read the API
    again instead of being served answers read with other credentials or checks. The PSK is never in the cache.
  - With a file cache such as C(ansible.builtin.jsonfile), set O(cache_connection) to a private directory (as in
    the examples). The cache files hold the account's hosts, descriptions, addresses and custom fields, and
    ansible-core writes them readable by all (mode 0644), so only the directory keeps them from other local users;
    whoever can write into it can plant hosts and variables. The plugin creates a missing O(cache_connection),
    and each missing parent, with mode 0700 (ansible-core would make them 0755), never changes a directory that
    exists, and warns when an existing one is open to its group or others or belongs to another user.
  - C(--flush-cache) and C(meta refresh_inventory) read the API again, past both the inventory cache and the
    client's read cache (O(read_cache_ttl)).
  - Group names are made valid as Ansible does for O(keyed_groups) (any character other than a letter, digit or
    underscore becomes C(_)). When two sources give the same group name (two Central groups, a Central group and
    a custom-field value, or V(all) / V(ungrouped)) the plugin warns naming both.
seealso:
  - name: The inventory guide
    description: Connecting to the hosts, caching, group naming, and figures for large estates.
    link: https://github.com/logmein-central/logmein.central/blob/main/docs/docsite/rst/guide_inventory.rst
'''

EXAMPLES = r'''
# A minimal source: a file named e.g. "logmein.central.yml". The company id and the PSK come from the
# environment variables LOGMEIN_CENTRAL_COMPANY_ID and LOGMEIN_CENTRAL_PSK.
#   ANSIBLE_INVENTORY_UNPARSED_FAILED=true ansible-inventory -i logmein.central.yml --graph
plugin: logmein.central.central

---
# A typical estate ("estate.central.yml"): hosts named by the machine's own name, groups from the Central
# computer groups and two custom fields, anti-virus and computer-status data, and a cache.
plugin: logmein.central.central
hostnames: [host_name, description, id]
include_offline: true
computer_group_prefix: central_
custom_field_groups: [Location, Owner]
custom_field_group_prefix: field_
antivirus: true
computer_status: true
compose:
  # Reach the computers at the address Central last saw (inside the corporate network).
  ansible_host: central_computer_status.last_known_ip_address | default(omit)
groups:
  windows_servers: "'Server' in (central_description | default(''))"
  av_attention: central_antivirus.anti_virus_status_name | default('') in ['action_required', 'warning']
keyed_groups:
  - key: central_antivirus.anti_virus_status_name | default('unknown')
    prefix: av
  - key: central_online | ternary('online', 'offline')
    prefix: central
strict: false
cache: true
cache_plugin: ansible.builtin.jsonfile
# A private directory (the plugin creates it 0700, with its missing parents): the cache files hold the
# account's hosts and their data and are readable by all, so they must sit where only you can read and write.
cache_connection: ~/.cache/logmein.central/inventory
cache_prefix: central_
cache_timeout: 3600

---
# Only two computer groups (by name or id), without some hosts, only the online ones, and every connection
# option spelled out. Prefer the environment variables for the company id and the PSK; a PSK in a file must be
# encrypted with ansible-vault (ansible-vault encrypt_string --name psk), never committed in clear.
plugin: logmein.central.central
api_url: https://secure.logmein.com/public-api
company_id: "1234567890"
psk: !vault |
  $ANSIBLE_VAULT;1.1;AES256
  30626631633662313763303061646363303333396638383633323931666539326335653238313563
  3966373465303336313431383733623033336132353534620a633939356333663065373236383766
  64323130383933623937646133353937316438636166646562626633316462633465663162343961
  3636316166356562620a316139366662626433633038646638616135323933666630393061613461
  66613836323036363762393564353265626464336361613230613432633961356239
validate_certs: true
allow_http: false
ca_path: /etc/pki/tls/certs/ca-bundle.crt
timeout: 30
rate_limit_max_wait: 900
read_cache_ttl: 60
# Pacing and the read cache shared with the other jobs of an AWX cluster (better set as LOGMEIN_CENTRAL_STATE_URL
# by a credential: the URL may hold a password).
state_url: rediss://redis.example.com:6380/0
hostnames: [description, id]
host_name_prefix: central_
computer_groups: ["Work Computers", 705185]
exclude_hosts: [1000000123, 1000000456]
include_offline: false
custom_field_groups: []

---
# System and hardware inventory fields (one report each, every page read).
# os_type and hardware_model below are example keys, not documented ones: the vendor's API guide names the
# fields (OsType, HardwareModel) but not the keys their values come back under. Check a real host with
# ansible-inventory --host <name> and adjust the keys.
plugin: logmein.central.central
system_inventory_fields: [OsType, LastLogonUserName, LastBootDate]
hardware_inventory_fields: [HardwareModel, MemorySize, NetworkConnectionIPAddress]
compose:
  os_type: central_system_inventory.os_type | default('')
keyed_groups:
  - key: central_hardware_inventory.hardware_model | default('unknown')
    prefix: model
    separator: "_"
    default_value: unknown
  - key: central_system_inventory.os_type | default('')
    separator: ""
leading_separator: false
use_extra_vars: false
'''

import os
import stat

from ansible import constants as C
from ansible.errors import AnsibleParserError
from ansible.module_utils.parsing.convert_bool import BOOLEANS
from ansible.plugins.cache import BaseFileCacheModule
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable
from ansible.plugins.loader import cache_loader

from ansible_collections.logmein.central.plugins.module_utils.account import check_group_reference
from ansible_collections.logmein.central.plugins.module_utils.central_api import CentralApi
from ansible_collections.logmein.central.plugins.module_utils.client import CentralClient
from ansible_collections.logmein.central.plugins.module_utils.connection_options import ConnectionSettings
from ansible_collections.logmein.central.plugins.module_utils.errors import CentralError, ValidationError
from ansible_collections.logmein.central.plugins.module_utils.state_store import create_private_directories
from ansible_collections.logmein.central.plugins.module_utils.validation import host_ids, quote
from ansible_collections.logmein.central.plugins.plugin_utils._inventory_answers import AnswerReader, cache_key
from ansible_collections.logmein.central.plugins.plugin_utils._inventory_estate import Estate
from ansible_collections.logmein.central.plugins.plugin_utils._inventory_names import (
    HOSTNAME_SOURCES,
    GroupNames,
    choose_host_name,
    prefix_problem,
    unique_host_names,
)
from ansible_collections.logmein.central.plugins.plugin_utils._unsafe import make_unsafe

# Refused host names are warned about one by one up to this many, then counted.
MAX_NAME_WARNINGS = 10


def _is_file_cache(plugin_name):
    """Whether the cache plugin ``plugin_name`` keeps its entries in files under ``cache_connection``."""
    try:
        plugin_class = cache_loader.get(plugin_name, class_only=True)
    except Exception:  # pylint: disable=broad-except  # the cache plugin's own loading reports it
        return False
    plugin_class = getattr(plugin_class, '__wrapped__', plugin_class)  # ansible-core 2.19+ wraps file caches in a proxy
    return isinstance(plugin_class, type) and issubclass(plugin_class, BaseFileCacheModule)


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):
    NAME = 'logmein.central.central'

    def verify_file(self, path):
        return super().verify_file(path) and path.endswith(('central.yml', 'central.yaml'))

    def set_options(self, task_keys=None, var_options=None, direct=None):
        """Set the options, then create a file cache's directory privately before the cache plugin does.

        ansible-core loads the cache plugin right after the options are set (in
        ``_read_config_data``), and a file-based one creates a missing ``cache_connection`` with
        ``os.makedirs``: mode 0755 for it and for every missing parent, such as ``~/.cache``.
        """
        super().set_options(task_keys=task_keys, var_options=var_options, direct=direct)
        if 'cache' in self._options and self.get_option('cache'):
            self._prepare_cache_directory()

    def _prepare_cache_directory(self):
        """Create a file cache's ``cache_connection`` (and missing parents) 0700; warn when an existing one is not private.

        The cache holds the account's answers (host names, descriptions, addresses, custom
        fields), and ansible-core's file caches write them readable by all (0644): only the
        directory keeps them private. Anyone who may write into it can plant answers, and so
        hosts and variables. A directory that already exists is never changed.
        """
        directory = self.get_option('cache_connection')
        if not directory or not _is_file_cache(self.get_option('cache_plugin')):
            return
        directory = os.path.expanduser(os.path.expandvars(str(directory)))
        try:
            created = create_private_directories(os.path.normpath(directory))
            info = os.stat(directory)
        except OSError:
            return  # the cache plugin reports it
        if created or not stat.S_ISDIR(info.st_mode):
            return
        problems = []
        if info.st_uid != os.geteuid():
            problems.append('belongs to another user (uid %d)' % info.st_uid)
        if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            problems.append('is open to its group or others (mode %04o)' % stat.S_IMODE(info.st_mode))
        if problems:
            self.display.warning(
                'LogMeIn Central inventory: the inventory cache directory %s %s. The cache files hold the account\'s '
                'hosts and their data and are readable by all, and whoever can write there can plant hosts and variables: '
                'make it private (chmod 700) or set cache_connection to a private directory'
                % (directory, ' and '.join(problems)))

    def parse(self, inventory, loader, path, cache=True):
        super().parse(inventory, loader, path, cache=cache)
        config = self._read_config_data(path)
        self._check_raw_options(path, config or {})
        self._build(path, cache)

    def _check_raw_options(self, path, config):
        """Refuse what ansible-core would let through: unknown keys (typos) and booleans that are
        not booleans, which it turns into false (``validate_certs: maybe`` would stop checking)."""
        definitions = C.config.get_configuration_definitions(self.plugin_type, self._load_name) or {}
        unknown = sorted(str(key) for key in config if key not in definitions)
        if unknown:
            raise AnsibleParserError('LogMeIn Central inventory %s: unknown options %s; valid options: %s'
                                     % (path, ', '.join(unknown), ', '.join(sorted(definitions))))
        for name, definition in sorted(definitions.items()):
            if definition.get('type') not in ('bool', 'boolean'):
                continue
            sources = [(name, config[name])] if name in config else [
                (env['name'], os.environ[env['name']]) for env in definition.get('env') or () if env.get('name') in os.environ]
            for source, value in sources[:1]:
                if not isinstance(value, bool) and str(value).strip().lower() not in BOOLEANS:
                    raise AnsibleParserError('LogMeIn Central inventory: %s must be a boolean (true or false), got %r'
                                             % (source, value))

    def _build(self, path, cache):
        """Read the answers the options need and build the inventory from them."""
        self._check_options()
        try:
            settings = ConnectionSettings.from_options(self.get_option)
            answers = self._answers(path, settings, cache)
            self._populate(Estate(answers, self.display.warning))
        except CentralError as error:
            # One line naming the problem; the client's messages never contain the PSK.
            raise AnsibleParserError('LogMeIn Central inventory: %s' % error) from None

    def _check_options(self):
        """Refuse option values the documentation cannot express, before any API call."""
        self._hostname_preferences()
        self._host_name_prefix()
        try:
            host_ids(self.get_option('exclude_hosts') or [], 'exclude_hosts')
        except ValidationError as error:
            raise AnsibleParserError(error.message) from None
        try:
            for reference in self.get_option('computer_groups') or []:
                check_group_reference(reference, 'computer_groups')
        except ValidationError as error:
            raise AnsibleParserError(error.message) from None
        for kind in ('system', 'hardware'):
            fields = self.get_option('%s_inventory_fields' % kind) or []
            bad = [field for field in fields if not isinstance(field, str) or not field.strip()]
            if bad:
                raise AnsibleParserError('%s_inventory_fields must list field names, got %r' % (kind, bad[0]))
        wanted = self.get_option('custom_field_groups')
        if not (wanted is None or wanted == 'all' or (isinstance(wanted, list) and all(isinstance(n, str) for n in wanted))):
            raise AnsibleParserError("custom_field_groups must be 'all' or a list of category names, got %r" % (wanted,))

    # Reading -----------------------------------------------------------------------------

    def _answers(self, path, settings, cache):
        """The API answers the options need: from the inventory cache when allowed, the rest from the API."""
        use_cache = self.get_option('cache')
        key = cache_key(self.get_cache_key(path), settings)
        cached = None
        if use_cache and cache:
            try:
                cached = self._cache[key]
            except KeyError:
                cached = None
        reader = AnswerReader(lambda: self._connect(settings), cached, fresh=not cache)
        reader.read_estate(host_names='host_name' in self._hostname_preferences())
        if self.get_option('antivirus'):
            reader.read_antivirus()
        if self.get_option('computer_status'):
            reader.read_computer_status()
        inventory_kinds = [kind for kind in ('system', 'hardware') if self.get_option('%s_inventory_fields' % kind)]
        if inventory_kinds:
            selected = self._select(Estate(reader.answers, lambda message: None), warn=None)
            for kind in inventory_kinds:
                reader.read_inventory(kind, self.get_option('%s_inventory_fields' % kind), [host_id for host_id, dummy in selected])
        if use_cache and reader.changed:
            self._cache[key] = reader.answers
        self._report_client(reader)
        return reader.answers

    def _connect(self, settings):
        return CentralApi(CentralClient(settings, notify=self.display.v, announce=self.display.warning))

    def _report_client(self, reader):
        client = reader.client
        if client is None:
            self.display.v('LogMeIn Central inventory: every answer came from the inventory cache')
            return
        for warning in client.warnings:
            self.display.warning(warning)
        self.display.v('LogMeIn Central inventory: %d API calls, %.1f s waited for the rate limit' % (client.calls, client.waited))

    # Building ----------------------------------------------------------------------------

    def _populate(self, estate):
        warn = self.display.warning
        selected = self._select(estate, warn)
        names = self._host_names(estate, selected)
        groups = GroupNames(warn)
        computer_groups = self._computer_groups(estate, groups)
        field_groups = self._custom_field_groups(estate, groups)
        # Every group is made, empty ones included, in the API's order: the output does not vary from run to run.
        for group in list(computer_groups.values()) + list(field_groups.values()):
            self.inventory.add_group(group)

        constructed = [self.get_option(name) for name in ('compose', 'groups', 'keyed_groups', 'strict')]
        for host_id, host in selected:
            custom_values = estate.custom_values(host_id)
            # Every string from the API is data: marked unsafe before it becomes a host variable.
            variables = dict((key, make_unsafe(value)) for key, value in estate.variables(host_id, host, custom_values).items())
            member_of = [computer_groups.get(host.group_id)]
            member_of.extend(field_groups.get((category.id, value_id)) for category, value_id, dummy in custom_values)
            self._add_host(names[host_id], variables, [group for group in member_of if group], *constructed)

    def _add_host(self, name, variables, groups, compose, composed_groups, keyed_groups, strict):
        self.inventory.add_host(name)
        for key, value in variables.items():
            self.inventory.set_variable(name, key, value)
        for group in groups:
            self.inventory.add_child(group, name)
        self._set_composite_vars(compose, variables, name, strict=strict)
        self._add_host_to_composed_groups(composed_groups, variables, name, strict=strict)
        self._add_host_to_keyed_groups(keyed_groups, variables, name, strict=strict)

    def _select(self, estate, warn):
        return estate.select(include_offline=self.get_option('include_offline'),
                             computer_groups=self.get_option('computer_groups'),
                             exclude_hosts=self.get_option('exclude_hosts'), warn=warn, strict=self.get_option('strict'))

    def _hostname_preferences(self):
        preferences = self.get_option('hostnames') or ['description', 'id']
        unknown = [source for source in preferences if source not in HOSTNAME_SOURCES]
        if unknown:
            raise AnsibleParserError('hostnames: unknown name source(s) %s; choose among %s'
                                     % (', '.join(quote(s) for s in unknown), ', '.join(HOSTNAME_SOURCES)))
        return preferences

    def _host_name_prefix(self):
        prefix = self.get_option('host_name_prefix') or ''
        problem = prefix_problem(prefix)
        if problem:
            raise AnsibleParserError('host_name_prefix %s cannot start a host name: it %s' % (quote(prefix), problem))
        return prefix

    def _host_names(self, estate, selected):
        """``{host_id: inventory name}``: the preferred usable name, after the prefix, unique."""
        preferences = self._hostname_preferences()
        prefix = self._host_name_prefix()
        refusals = []
        chosen = {}
        for host_id, host in selected:
            candidates = {'description': host.description, 'host_name': estate.host_name(host_id), 'id': str(host_id)}
            chosen[host_id] = choose_host_name(host_id, candidates, preferences, refusals, prefix)
        for refusal in refusals[:MAX_NAME_WARNINGS]:
            self.display.warning(str(refusal))
        if len(refusals) > MAX_NAME_WARNINGS:
            self.display.warning('%d more candidate host names were not used (see above for the reasons)'
                                 % (len(refusals) - MAX_NAME_WARNINGS))
        return unique_host_names(chosen)

    def _computer_groups(self, estate, groups):
        """``{group id: Ansible group name}`` for every Central computer group."""
        prefix = self.get_option('computer_group_prefix') or ''
        names = {}
        for group_id, name in estate.groups:
            group = groups.claim(prefix + (name or ''), 'Central computer group %s (id %s)' % (quote(name or ''), group_id))
            if group:
                names[group_id] = group
        return names

    def _custom_field_groups(self, estate, groups):
        """``{(category id, value id): Ansible group name}`` for the values of the chosen categories."""
        wanted = self.get_option('custom_field_groups')
        categories = estate.categories
        if wanted not in (None, 'all'):
            # By name; two categories that share a name are also told apart by their keys (<name>_<id>).
            categories = [c for c in estate.categories if c.name in wanted or c.key in wanted]
            missing = sorted(set(wanted) - set(c.name for c in categories) - set(c.key for c in categories))
            if missing:
                self.display.warning('custom_field_groups: LogMeIn Central has no custom-field category %s'
                                     % ', '.join(quote(name) for name in missing))
        prefix = self.get_option('custom_field_group_prefix') or ''
        names = {}
        for category in categories:
            for value_id, value in category.values.items():
                source = 'custom field %s = %s' % (quote(category.key), quote(value))
                group = groups.claim('%s%s_%s' % (prefix, category.key, value), source)
                if group:
                    names[(category.id, value_id)] = group
        return names
