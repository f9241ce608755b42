"""``python -m khartoum_site``: the same command line as ``khartoum-site``."""

import sys

from khartoum_site.build.cli import main

sys.exit(main())
