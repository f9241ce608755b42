"""``python -m khartoum_site``: the same command line as ``khartoum-site``."""

import sys

from khartoum_site.adapters.start import main

sys.exit(main())
