#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Validate the metainfo as Flathub does: `appstreamcli validate --strict
--no-net`, failing on any error, warning or info, with one exception.

AppStream before 1.0 (Debian 12 has 0.16) does not know the <developer>
element that AppStream 1.0 and Flathub want (an id and a <name>) in place
of <developer_name>, and reports it as the info "unknown-tag developer";
that one is let through when the validator is older than 1.0, and only
that one.

Usage: check-metainfo.py APPSTREAMCLI METAINFO
"""

import re
import subprocess
import sys


def version(appstreamcli):
    out = subprocess.run([appstreamcli, "--version"], capture_output=True, text=True).stdout
    m = re.search(r"(\d+)\.(\d+)(?:\.(\d+))?", out)
    return tuple(int(x or 0) for x in m.groups()) if m else (0, 0, 0)


def main(argv):
    if len(argv) != 3:
        print("usage: check-metainfo.py APPSTREAMCLI METAINFO", file=sys.stderr)
        return 2
    appstreamcli, path = argv[1], argv[2]
    old = version(appstreamcli) < (1, 0, 0)

    run = subprocess.run([appstreamcli, "validate", "--strict", "--no-net", "--explain", path],
                         capture_output=True, text=True)
    print(run.stdout, end="")
    print(run.stderr, end="", file=sys.stderr)

    issues = re.findall(r"^([EWIP]): (\S+): (.*)$", run.stdout, re.M)
    refused = [i for i in issues
               if i[0] in "EWI" and not (old and i[0] == "I" and i[2].endswith("unknown-tag developer"))]
    if refused:
        print(f"{path}: {len(refused)} issue(s) under --strict", file=sys.stderr)
        return 1
    if run.returncode != 0 and not issues:
        print(f"{path}: appstreamcli failed ({run.returncode})", file=sys.stderr)
        return 1
    print(f"{path}: OK under --strict" + (" (AppStream < 1.0: <developer> not known)" if old else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
