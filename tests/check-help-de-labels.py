#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-help-de-labels.py: every label the German help quotes in <gui>…</gui>
is the exact string the German app shows

usage: check-help-de-labels.py [HELP_PO APP_PO]   (help/de/de.po po/de.po)

For each <gui> label of a help message, the English label is looked up in
the app catalogue (mnemonic underscores left out): as a whole message, as
the result of a printf-style message (a directive or a "…" stands for any
text), as a Markdown table header made of messages, or, for a few labels the
help quotes as part of a message the app builds, in FRAGMENTS. The help
message's translation must quote one of the app's translations of it in a
<gui> element. Prints each mismatch and each label the catalogue does not
have; exits 1 on a mismatch."""
import importlib.util, os, re, sys

here = os.path.dirname(os.path.abspath(__file__))
top = os.path.dirname(here)
spec = importlib.util.spec_from_file_location("ct", os.path.join(here, "check-translations.py"))
ct = importlib.util.module_from_spec(spec); spec.loader.exec_module(ct)

# Labels the help quotes as part of a string the app builds: the English
# fragment, the app message it comes from, and that message's German part.
FRAGMENTS = {
    "not saved yet": ("%s · not saved yet", "noch nicht gespeichert"),
    "Local Time": ("Local Time (%s)", "Ortszeit"),
    "via webhook": ("Delivered at %s via %s", "über Webhook"),
    "Paged": ("Paged %s", "… alarmiert"),
    "Failed": ("Failed: %s", "Fehlgeschlagen"),
    "13:50 (read as CET)": ("What happened? · 13:50 (read as %s) or -5m first …", "13:50 (gilt als CET)"),
    "Escalation": ("_Escalation, in order", "Eskalation, in Reihenfolge"),
    "edits to settle": ("%u edits to settle", "Änderungen zu klären"),
}

GUI = re.compile(r"<gui(?:\s[^>]*)?>(.*?)</gui>", re.S)

FMT = re.compile(r"%(?:\d+\$)?[-+ 0#]*\d*(?:\.\d+)?(?:l|ll|z|I)*[sdiuxf]")

def formats(path):
    """(regex over the English label, German format) for each app message
    with printf directives; a directive matches any text, and so does an
    ellipsis the help writes in its place."""
    out = []
    for e in ct.entries(path):
        if e["fuzzy"]:
            continue
        pairs = [(e["msgid"], e["msgstr"].get("msgstr") or e["msgstr"].get("msgstr[0]"))]
        if e.get("msgid_plural"):
            pairs.append((e["msgid_plural"], e["msgstr"].get("msgstr[1]")))
        for en, de in pairs:
            if not de or not FMT.search(en):
                continue
            en, de = en.replace("_", ""), de.replace("_", "")
            parts = FMT.split(en)
            rx = "(.+?)".join(re.escape(p) for p in parts)
            literal = len("".join(parts).strip(" ·:()"))
            if literal >= 3:
                out.append((re.compile(rx + "$"), en, de, literal))
    return out

def from_format(fmts, label):
    found, best = set(), 0
    for rx, en, de, literal in sorted(fmts, key=lambda f: -f[3]):
        m = rx.match(label)
        if m and literal < best:
            break
        if m:
            best = literal
            vals = list(m.groups())
            # numbered directives (%1$s) pick their value; others go in order
            it = iter(vals)
            def sub(d):
                n = re.match(r"%(\d+)\$", d.group(0))
                return vals[int(n.group(1)) - 1] if n else next(it, "…")
            found.add(FMT.sub(sub, de))
    return found

def app_map(path):
    m = {}
    for e in ct.entries(path):
        if e["fuzzy"] or not e["msgstr"]:
            continue
        s = e["msgstr"].get("msgstr") or e["msgstr"].get("msgstr[0]")
        if not s:
            continue
        en = e["msgid"].replace("_", "")
        m.setdefault(en, set()).add(s.replace("_", ""))
    return m

VAR = re.compile(r"<var>.*?</var>")

def unescape(t):
    t = VAR.sub("<var></var>", t)
    return t.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")

def main():
    if len(sys.argv) == 3:
        help_po, app_po = sys.argv[1], sys.argv[2]
    else:
        help_po = os.path.join(top, "help", "de", "de.po")
        app_po = os.path.join(top, "po", "de.po")
    app = app_map(app_po)
    fmts = formats(app_po)
    bad = unknown = checked = 0
    seen_unknown = set()
    for e in ct.entries(help_po):
        ms = e["msgstr"].get("msgstr", "")
        de_labels = [unescape(x) for x in GUI.findall(ms)]
        for en in GUI.findall(e["msgid"]):
            en = unescape(en)
            want = app.get(en) or app.get(en.replace("’", "'")) or app.get(en.replace("'", "’"))
            if not want:
                want = from_format(fmts, en)
            if not want and " | " in en:
                # a Markdown table header: each cell is an app string
                cells = [app.get(c) for c in en.split(" | ")]
                if all(c and len(c) == 1 for c in cells):
                    want = {" | ".join(next(iter(c)) for c in cells)}
            if not want and en in FRAGMENTS:
                want = {FRAGMENTS[en][1]}
            if not want:
                if en not in seen_unknown:
                    part = sorted(k for k in app if re.search(r"(^|\W)" + re.escape(en) + r"(\W|$)", k))[:3]
                    if part:
                        print(f"PART OF APP STRING: {en!r} in {part} -> {[sorted(app[p]) for p in part]}")
                        seen_unknown.add(en); unknown += 1
                        continue
                    seen_unknown.add(en); unknown += 1
                    print(f"NOT IN APP: {en!r}")
                continue
            checked += 1
            if not any(w in de_labels for w in want):
                bad += 1
                print(f"MISMATCH: {en!r} -> app {sorted(want)}; help has {de_labels}\n    in: {e['msgid'][:90]!r}")
    print(f"{checked} labels match-checked, {bad} mismatches, {unknown} English labels not verbatim in the app catalogue")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
