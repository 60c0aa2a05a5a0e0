"""`agentlint validate-config [FILE]`: load a policy and report every problem in it."""

from __future__ import annotations

import argparse
import os
import sys

from agentlint import git
from agentlint.policy.load import CONFIG_NAME, compile_text, read_file


def _default_file() -> str:
    code, out, _ = git.start("rev-parse", "--show-toplevel", ok_codes=(0, 128)).wait()
    top = out.decode("utf-8", "surrogateescape").strip() if code == 0 else os.getcwd()
    return os.path.join(top, CONFIG_NAME)


def run(args: argparse.Namespace) -> int:
    path = args.file or _default_file()
    if args.file is None and not os.path.exists(path):
        compile_text(None, source="built-in policy")
        print(
            f"agentlint: no {CONFIG_NAME} at {os.path.dirname(path)}; the built-in policy applies",
            file=sys.stderr,
        )
        return 0
    text = read_file(path)
    compiled = compile_text(text, source=path)
    print(
        f"{path}: ok ({len(compiled['categories'])} categories, "
        f"{len(compiled['detectors'])} detectors)"
    )
    return 0
