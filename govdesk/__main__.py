"""Lets `python -m govdesk` behave exactly like the `govdesk` command."""

import sys

from govdesk.cli import main

sys.exit(main())
