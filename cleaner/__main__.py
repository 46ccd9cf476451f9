"""``python -m cleaner``: the ``cleaner`` command, where no script is on the PATH."""

import sys

from .cli import main

sys.exit(main())
