# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The filter logmein.central.report_text (see report_text.yml); the rules are in plugin_utils/_report_text.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.logmein.central.plugins.plugin_utils._report_text import report_text


class FilterModule:
    def filters(self):
        return {'report_text': report_text}
