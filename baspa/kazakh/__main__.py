"""``python -m baspa.kazakh ...``: the same commands as ``baspa kk ...``."""

from baspa.kazakh.cli import main

raise SystemExit(main())
