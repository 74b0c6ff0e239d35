"""``python -m newslib``: see :mod:`newslib.cli`."""

import sys

from newslib.cli import main

sys.exit(main())
