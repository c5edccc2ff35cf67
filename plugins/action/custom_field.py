# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Runs logmein.central.custom_field in rounds and prints their progress (see plugin_utils/_rounds_action.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.logmein.central.plugins.plugin_utils._rounds_action import RoundsAction


class ActionModule(RoundsAction):
    pass
