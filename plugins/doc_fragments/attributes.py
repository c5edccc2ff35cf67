# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    # The attributes every module of the collection declares; modules override C(support) where it differs.
    DOCUMENTATION = r'''
attributes:
  check_mode:
    description: Can run in check mode and return the changed status it predicts without writing anything.
    support: full
  diff_mode:
    description: Returns details on what has changed (or would change in check mode) with C(--diff).
    support: full
  idempotent:
    description: Run twice with the same arguments, the second run reports no change and makes no write call.
    support: full
  action_group:
    description: Use C(group/logmein.central.central) in C(module_defaults) to set the connection options.
    support: full
    membership:
      - logmein.central.central
  platform:
    description: Runs on the controller and talks to the LogMeIn Central public API.
    support: full
    platforms: logmein_central
'''
