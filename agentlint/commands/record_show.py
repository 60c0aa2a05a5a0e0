"""`agentlint record schema` and `agentlint record example`: print the review record's JSON
Schema, or a record that passes it, from the files shipped with agentlint. An agent in any
repository can read them, whether or not the repository holds a copy."""

from __future__ import annotations

import argparse
import sys

from agentlint import resources


def run(args: argparse.Namespace) -> int:
    if args.record_command == "schema":
        text = resources.read_text("schemas", "review-record.schema.json")
    else:
        name = "record-invalid.yaml" if args.invalid else "record-valid.yaml"
        text = resources.read_text("docs", "examples", name)
    sys.stdout.write(text)
    return 0
