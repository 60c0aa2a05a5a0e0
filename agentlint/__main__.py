from __future__ import annotations

from agentlint.cli import main

raise SystemExit(main())
