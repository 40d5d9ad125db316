#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the Flatpak manifest: valid JSON, the right app id and command,
and the sandbox permissions the app cannot work without.

Usage: check-manifest.py MANIFEST APP_ID
"""

import json
import sys

REQUIRED_FINISH_ARGS = [
    "--share=network",
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
]


def fail(path, message):
    print(f"{path}: {message}", file=sys.stderr)
    sys.exit(1)


def main(argv):
    if len(argv) != 3:
        print("usage: check-manifest.py MANIFEST APP_ID", file=sys.stderr)
        return 2
    path, app_id = argv[1], argv[2]

    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except OSError as e:
        fail(path, f"cannot read: {e.strerror}")
    except json.JSONDecodeError as e:
        fail(path, f"not valid JSON: {e}")

    if not isinstance(manifest, dict):
        fail(path, "the top level is not a JSON object")

    manifest_id = manifest.get("app-id", manifest.get("id"))
    if manifest_id != app_id:
        fail(path, f"app-id is {manifest_id!r}, expected {app_id!r}")

    if manifest.get("command") != "sitrep":
        fail(path, f"command is {manifest.get('command')!r}, expected 'sitrep'")

    finish_args = manifest.get("finish-args", [])
    if not isinstance(finish_args, list):
        fail(path, "finish-args is not a list")
    missing = [a for a in REQUIRED_FINISH_ARGS if a not in finish_args]
    if missing:
        fail(path, "finish-args lacks " + ", ".join(missing))

    modules = manifest.get("modules")
    if not isinstance(modules, list) or not modules:
        fail(path, "no modules")
    last = modules[-1]
    if not isinstance(last, dict) or last.get("name") != "sitrep":
        fail(path, "the last module is not the app module 'sitrep'")

    print(f"{path}: OK ({app_id})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
