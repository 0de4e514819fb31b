"""`python -m bot` is the same as the `seasonbot` command."""

from bot.cli import main

raise SystemExit(main())
