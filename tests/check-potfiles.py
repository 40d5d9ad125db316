#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every source file with translatable strings is listed in po/POTFILES.in,
and every listed file exists, so no string is left out of translation."""
import pathlib
import re
import sys

top = pathlib.Path(sys.argv[1])
listed = {
    line.strip()
    for line in (top / "po" / "POTFILES.in").read_text().splitlines()
    if line.strip() and not line.startswith("#")
}
marker = re.compile(r'\b(N?_|C_|NC_)\s*\(\s*"|translatable="yes"')
found = set()
for path in sorted((top / "src").rglob("*")):
    if path.suffix in (".c", ".ui") and marker.search(path.read_text(encoding="utf-8")):
        found.add(str(path.relative_to(top)))

errors = [f"{name}: has translatable strings but is not in po/POTFILES.in"
          for name in sorted(found - listed)]
errors += [f"{name}: listed in po/POTFILES.in but missing"
           for name in sorted(listed) if not (top / name).exists()]
for error in errors:
    print(error)
sys.exit(1 if errors else 0)
