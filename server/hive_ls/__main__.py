"""Run the command line interface with ``python -m hive_ls``."""

from hive_ls.cli.main import main

raise SystemExit(main())
