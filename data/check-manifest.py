#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the Flatpak manifest as Flathub would take it: valid JSON, the
right app id and command, the GNOME 47 runtime, the sandbox permissions
the app cannot work without and none that Flathub refuses, and the app
module built without its tests and without sitrep-server.

The keyring: the app stores the team server's token with libsecret's
simple password API (src/gui/system/sitrep-secret.c). Inside a Flatpak
sandbox libsecret (0.20 and later; the GNOME runtimes ship it) picks its
file backend by itself (it sees /.flatpak-info): an encrypted keyring in
the app's own data folder, whose key it gets from the Secret portal
(org.freedesktop.portal.Secret). So the app needs no
--talk-name=org.freedesktop.secrets, and this check refuses it.

Update reminders speak to the notification server directly (urgency,
buttons, closing a reminder once it is answered: src/gui/system/
sitrep-notifier-popups.c), hence --talk-name=org.freedesktop.Notifications,
which Flathub accepts. Running with no window open is asked through the
Background portal (src/gui/system/sitrep-background.c): no permission.

Usage: check-manifest.py MANIFEST APP_ID
"""

import json
import sys

RUNTIME = "org.gnome.Platform"
SDK = "org.gnome.Sdk"
RUNTIME_VERSION = "47"

REQUIRED_FINISH_ARGS = [
    "--share=network",
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
    "--talk-name=org.freedesktop.Notifications",
]

# What Flathub's review refuses for an app like this one, and why it is
# not needed here.
REFUSED_FINISH_ARGS = {
    "--talk-name=org.freedesktop.secrets": "the keyring goes through the Secret portal",
    "--socket=session-bus": "the whole session bus",
    "--socket=system-bus": "the whole system bus",
    "--filesystem=host": "the whole file system (files go through the file chooser portal)",
    "--filesystem=host-os": "the host's system files",
    "--filesystem=host-etc": "the host's /etc",
    "--filesystem=home": "the whole home folder (files go through the file chooser portal)",
    "--device=all": "every device",
}

REQUIRED_CONFIG_OPTS = ["-Dtests=false", "-Dserver=false"]


def fail(path, message):
    print(f"{path}: {message}", file=sys.stderr)
    sys.exit(1)


def refused(arg):
    """Why Flathub would refuse this finish-arg, or None."""
    if arg in REFUSED_FINISH_ARGS:
        return REFUSED_FINISH_ARGS[arg]
    # --filesystem=home/Documents is fine, --filesystem=home:ro is not
    for prefix in ("--filesystem=host", "--filesystem=home"):
        if arg.startswith(prefix + ":"):
            return REFUSED_FINISH_ARGS[prefix]
    if arg.startswith("--talk-name=org.freedesktop.secrets"):
        return REFUSED_FINISH_ARGS["--talk-name=org.freedesktop.secrets"]
    if arg.startswith("--talk-name=") and arg.endswith("*") and "." not in arg[12:-1]:
        return "a talk-name wildcard over a whole namespace"
    return None


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

    manifest_id = manifest.get("id", manifest.get("app-id"))
    if manifest_id != app_id:
        fail(path, f"id is {manifest_id!r}, expected {app_id!r}")

    if manifest.get("command") != "sitrep":
        fail(path, f"command is {manifest.get('command')!r}, expected 'sitrep'")

    if manifest.get("runtime") != RUNTIME or manifest.get("sdk") != SDK:
        fail(path, f"runtime {manifest.get('runtime')!r} with sdk {manifest.get('sdk')!r}, "
                   f"expected {RUNTIME!r} with {SDK!r}")
    if str(manifest.get("runtime-version")) != RUNTIME_VERSION:
        fail(path, f"runtime-version is {manifest.get('runtime-version')!r}, "
                   f"expected {RUNTIME_VERSION!r} (GNOME 47)")

    finish_args = manifest.get("finish-args", [])
    if not isinstance(finish_args, list) or not all(isinstance(a, str) for a in finish_args):
        fail(path, "finish-args is not a list of strings")
    missing = [a for a in REQUIRED_FINISH_ARGS if a not in finish_args]
    if missing:
        fail(path, "finish-args lacks " + ", ".join(missing))
    for arg in finish_args:
        why = refused(arg)
        if why is not None:
            fail(path, f"finish-args has {arg}, which Flathub refuses: {why}")

    modules = manifest.get("modules")
    if not isinstance(modules, list) or not modules:
        fail(path, "no modules")
    last = modules[-1]
    if not isinstance(last, dict) or last.get("name") != "sitrep":
        fail(path, "the last module is not the app module 'sitrep'")
    if last.get("buildsystem") != "meson":
        fail(path, "the app module is not built with meson")
    opts = last.get("config-opts", [])
    if not isinstance(opts, list):
        fail(path, "the app module's config-opts is not a list")
    lacking = [o for o in REQUIRED_CONFIG_OPTS if o not in opts]
    if lacking:
        fail(path, "the app module's config-opts lacks " + ", ".join(lacking)
             + " (the Flatpak ships the app alone, without its tests or sitrep-server)")

    print(f"{path}: OK ({app_id}, {RUNTIME}//{RUNTIME_VERSION})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
