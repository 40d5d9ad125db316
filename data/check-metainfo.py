#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Validate the metainfo as Flathub does: `appstreamcli validate --strict
--no-net`, failing on any error, warning or info and on a failed run.

Usage: check-metainfo.py APPSTREAMCLI METAINFO
"""

import re
import subprocess
import sys


def main(argv):
    if len(argv) != 3:
        print("usage: check-metainfo.py APPSTREAMCLI METAINFO", file=sys.stderr)
        return 2
    appstreamcli, path = argv[1], argv[2]

    run = subprocess.run([appstreamcli, "validate", "--strict", "--no-net", "--explain", path],
                         capture_output=True, text=True)
    print(run.stdout, end="")
    print(run.stderr, end="", file=sys.stderr)

    issues = re.findall(r"^([EWIP]): (\S+): (.*)$", run.stdout, re.M)
    refused = [i for i in issues if i[0] in "EWI"]
    if refused:
        print(f"{path}: {len(refused)} issue(s) under --strict", file=sys.stderr)
        return 1
    if run.returncode != 0:
        print(f"{path}: appstreamcli failed ({run.returncode})", file=sys.stderr)
        return 1
    print(f"{path}: OK under --strict")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
