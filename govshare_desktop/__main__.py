"""`python -m govshare_desktop`: the desktop client (the PyInstaller bundle's entry point)."""

import sys

from govshare_desktop.app import main

sys.exit(main())
