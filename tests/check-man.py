#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-man.py: the manual pages format without a warning, and name every
option and command the programs' --help lists

usage: check-man.py MAN_DIR SITREP SITREP_SERVER
"""

import os
import re
import subprocess
import sys


def fail(message):
    print(f"check-man: {message}", file=sys.stderr)
    sys.exit(1)


def page_text(path):
    """The page's source with troff's escaped hyphens made plain."""
    with open(path, encoding="utf-8") as f:
        return f.read().replace("\\-", "-").replace("\\&", "")


def help_of(argv):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    done = subprocess.run(argv, capture_output=True, text=True, env=env)
    return done.stdout + done.stderr


def main():
    if len(sys.argv) != 4:
        fail(__doc__.strip().splitlines()[-1])
    man_dir, sitrep, server = sys.argv[1:]

    pages = {
        "sitrep.1": [[sitrep, "--help"], [sitrep, "export", "--help"],
                     [sitrep, "report", "--help"]],
        "sitrep-server.1": [[server, "--help"]],
    }
    for name, helps in pages.items():
        path = os.path.join(man_dir, name)
        checked = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z", path],
                                 capture_output=True, text=True,
                                 env=dict(os.environ, LC_ALL="C.UTF-8"))
        if checked.returncode != 0 or checked.stderr.strip():
            fail(f"{name} does not format cleanly:\n{checked.stderr}")

        text = page_text(path)
        for argv in helps:
            usage = help_of(argv)
            options = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", usage))
            if not options:
                fail(f"{' '.join(argv)} listed no options: {usage!r}")
            for option in sorted(options):
                if option not in text:
                    fail(f"{name} does not describe {option} (from {' '.join(argv[1:])})")

    server_text = page_text(os.path.join(man_dir, "sitrep-server.1"))
    usage = help_of([server, "--help"])
    for command in sorted(set(re.findall(r"sitrep-server ((?:token )?[a-z]+)", usage))):
        if f".B {command}" not in server_text and f"sitrep-server {command}" not in server_text:
            fail(f"sitrep-server.1 does not describe the command {command}")
    for status in ("0", "1", "2"):
        for name in pages:
            if f".B {status}\n" not in page_text(os.path.join(man_dir, name)):
                fail(f"{name} does not give exit status {status}")


if __name__ == "__main__":
    main()
