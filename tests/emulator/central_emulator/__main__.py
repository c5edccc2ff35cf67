# -*- coding: utf-8 -*-
"""Entry point for ``python3 -m central_emulator``."""

import sys

from central_emulator.cli import main

sys.exit(main())
