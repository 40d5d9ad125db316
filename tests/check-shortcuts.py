#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every keyboard shortcut the app binds is in the shortcuts window
(src/gui/gtk/help-overlay.ui), in README.md's Keyboard table and in the
help's Keyboard shortcuts page (help/C/shortcuts.page), and none of them
lists a shortcut the app does not have."""
import pathlib
import re
import sys

top = pathlib.Path(sys.argv[1])

KEY_NAMES = {
    "Return": "Enter", "KP_Enter": "Enter", "comma": ",", "question": "?",
    "Escape": "Escape", "Delete": "Delete",
}
MODIFIERS = [("Ctrl", ("GDK_CONTROL_MASK", "<Control>", "<Primary>", "<ctrl>")),
             ("Shift", ("GDK_SHIFT_MASK", "<Shift>", "<shift>")),
             ("Alt", ("GDK_ALT_MASK", "<Alt>", "<alt>"))]


def shortcut(mods, key):
    key = KEY_NAMES.get(key, key)
    if len(key) == 1:
        key = key.upper()
    return "+".join([m for m, _ in MODIFIERS if m in mods] + [key])


def from_masks(masks, key):
    return shortcut({m for m, names in MODIFIERS if any(n in masks for n in names)}, key)


def from_accel(accel):
    """"<Control><Shift>c" → "Ctrl+Shift+C"."""
    match = re.fullmatch(r"((?:<\w+>)*)(.+)", accel)
    mods = match.group(1)
    return from_masks(mods, match.group(2))


# What the code binds.
bound = set()
app_accels = {}
for path in sorted((top / "src" / "gui").rglob("*.c")):
    text = path.read_text(encoding="utf-8")
    for mask_key in re.finditer(r"(?:add_binding_action \(widget_class,|keyval_trigger_new \()"
                                r"\s*GDK_KEY_(\w+)(\s*\+\s*k)?,\s*([^,)]+)", text):
        key, offset, masks = mask_key.groups()
        if offset:   # the timeline's kinds: one key for each, 1 … 9
            bound.update(from_masks(masks, str(n)) for n in range(1, 10))
        else:
            bound.add(from_masks(masks, key))
    for entry in re.finditer(r'\{\s*"((?:app|win|window)\.[\w-]+)",\s*\{([^}]*)\}', text):
        accels = re.findall(r'"([^"]+)"', entry.group(2))
        app_accels[entry.group(1)] = [from_accel(a) for a in accels]
        bound.update(app_accels[entry.group(1)])
for path in sorted((top / "src" / "gui").rglob("*.ui")):
    if path.name == "help-overlay.ui":
        continue
    for trigger in re.findall(r'<property name="trigger">(.+?)</property>',
                              path.read_text(encoding="utf-8").replace("&lt;", "<")
                              .replace("&gt;", ">")):
        bound.add(from_accel(trigger))
# GtkApplication gives the shortcuts window its own.
app_accels["win.show-help-overlay"] = ["Ctrl+?"]
bound.add("Ctrl+?")

# What the shortcuts window shows.
overlay_text = (top / "src" / "gui" / "gtk" / "help-overlay.ui").read_text(encoding="utf-8")
overlay_text = overlay_text.replace("&lt;", "<").replace("&gt;", ">")
overlay = set()
for accel in re.findall(r'<property name="accelerator">(.+?)</property>', overlay_text):
    parts = accel.split()
    if len(parts) == 2 and parts[0][-1].isdigit() and parts[1][-1].isdigit():
        # "<Control>1 <Control>9": the range between
        first, last = int(parts[0][-1]), int(parts[1][-1])
        overlay.update(from_accel(parts[0][:-1] + str(n)) for n in range(first, last + 1))
    else:
        overlay.update(from_accel(p) for p in parts)
for action in re.findall(r'<property name="action-name">([^<]+)</property>', overlay_text):
    if action not in app_accels:
        print(f"help-overlay.ui: {action} has no accelerator")
        sys.exit(1)
    overlay.update(app_accels[action])

# What the README's table lists: "Ctrl+L, Enter", "Ctrl+W / Ctrl+Q",
# "Alt+1 … Alt+5".
readme = (top / "README.md").read_text(encoding="utf-8")
table = readme.split("## Keyboard", 1)[1].split("\n## ", 1)[0]
listed = set()
for row in re.findall(r"^\| ([^|]+) \|", table, re.M):
    if row.strip() in ("keys", "---"):
        continue
    for part in re.split(r",\s+|\s+/\s+", row.strip()):
        span = re.fullmatch(r"(.*?)(\d) … (.*?)(\d)", part)
        if span:
            prefix, first, _, last = span.groups()
            listed.update(f"{prefix}{n}" for n in range(int(first), int(last) + 1))
        else:
            listed.add(part.strip())

# What the help's page lists: <keyseq><key>Ctrl</key><key>K</key></keyseq>
# or <key>F2</key>; "A … B" is the range between.
HELP_KEYS = {"Esc": "Escape", "↑": "Up", "↓": "Down", "←": "Left", "→": "Right"}


def from_help(markup):
    keys = [HELP_KEYS.get(k, k) for k in re.findall(r"<key>([^<]+)</key>", markup)]
    return shortcut(set(keys[:-1]), keys[-1])


help_page = (top / "help" / "C" / "shortcuts.page").read_text(encoding="utf-8")
in_help = set()
combo = r"<keyseq>(?:<key>[^<]+</key>)+</keyseq>|<key>[^<]+</key>"
for first, last in re.findall(rf"({combo}) … ({combo})", help_page):
    start, end = from_help(first), from_help(last)
    prefix = start[:-1]
    in_help.update(f"{prefix}{n}" for n in range(int(start[-1]), int(end[-1]) + 1))
help_page = re.sub(rf"({combo}) … ({combo})", "", help_page)
in_help.update(from_help(m) for m in re.findall(combo, help_page))

# The capture line's Enter is its entry's activation, not a binding.
activations = {"Enter"}
errors = []
errors += [f"{s}: bound but not in the shortcuts window" for s in sorted(bound - overlay)]
errors += [f"{s}: bound but not in README.md's Keyboard table" for s in sorted(bound - listed)]
errors += [f"{s}: in the shortcuts window but not bound"
           for s in sorted(overlay - bound - activations)]
errors += [f"{s}: in README.md's Keyboard table but not bound"
           for s in sorted(listed - bound - activations)]
errors += [f"{s}: in the shortcuts window but not in help/C/shortcuts.page"
           for s in sorted(overlay - in_help)]
errors += [f"{s}: in help/C/shortcuts.page but not bound"
           for s in sorted(in_help - bound - activations)]
for error in errors:
    print(error)
sys.exit(1 if errors else 0)
