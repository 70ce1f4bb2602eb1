"""`python -m whatdesk` is the `whatdesk` command."""

import sys

from whatdesk.cli import main

sys.exit(main())
