"""PyInstaller entry point: the same as the `whatdesk` console script."""

import sys

from whatdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
