#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-translations.py: every language listed in LINGUAS is complete
against the current sources (no untranslated, no fuzzy message), and each
translated help page is valid Mallard

usage: check-translations.py po SOURCE_ROOT
       check-translations.py help SOURCE_ROOT BUILT_HELP_DIR [--yelp-check PROG] PAGE...

The catalogues are merged with a template made from the sources now
(xgettext over po/POTFILES.in, itstool over help/C), so a string added or
changed since the last translation counts as untranslated or fuzzy.
BUILT_HELP_DIR is the build directory of help/, where the build writes
LANG/PAGE for each language.
"""

import os
import subprocess
import sys
import tempfile

SHOWN = 5

# The arguments of meson's i18n.gettext(preset: 'glib'), which po/ uses.
GLIB_PRESET = [
    "--from-code=UTF-8",
    "--add-comments",
    "--keyword=_",
    "--keyword=N_",
    "--keyword=C_:1c,2",
    "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2",
    "--keyword=g_dngettext:2,3",
    "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format",
    "--flag=C_:2:pass-c-format",
    "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format",
    "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format",
    "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format",
    "--flag=g_set_error:4:c-format",
    "--flag=g_markup_printf_escaped:1:c-format",
    "--flag=g_log:3:c-format",
    "--flag=g_print:1:c-format",
    "--flag=g_printerr:1:c-format",
    "--flag=g_printf:1:c-format",
    "--flag=g_fprintf:2:c-format",
    "--flag=g_sprintf:2:c-format",
    "--flag=g_snprintf:3:c-format",
]


def fail(message):
    print(f"check-translations: {message}", file=sys.stderr)
    sys.exit(2)


def read_linguas(path):
    """The language codes of a LINGUAS file, as gettext and meson read it."""
    langs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                langs += line.split()
    return langs


def run(argv, **kwargs):
    done = subprocess.run(argv, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        fail(f"{' '.join(argv)} failed:\n{done.stderr.strip()}")
    return done


def unquote(text):
    """A PO string literal's value."""
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError(f"not a string: {text}")
    out, i, body = [], 0, text[1:-1]
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            out.append(escapes.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def entries(path):
    """The live messages of a PO file: dicts with msgctxt, msgid, the list
    of msgstr forms and whether it is fuzzy. Obsolete (#~) entries and the
    header are left out."""
    result = []
    current = None
    field = None

    def finish():
        if current is not None and current.get("msgid") is not None:
            result.append(current)

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            stripped = line.strip()
            if not stripped:
                finish()
                current, field = None, None
                continue
            if stripped.startswith("#~"):
                continue
            if current is None:
                current = {"msgctxt": None, "msgid": None, "msgstr": {},
                           "fuzzy": False}
            if stripped.startswith("#,"):
                current["fuzzy"] |= "fuzzy" in [f.strip() for f in stripped[2:].split(",")]
                continue
            if stripped.startswith("#"):
                continue
            keyword, _, rest = stripped.partition(" ")
            if keyword in ("msgctxt", "msgid", "msgid_plural"):
                field = keyword
                current[field] = unquote(rest)
            elif keyword.startswith("msgstr"):
                field = keyword
                current["msgstr"][field] = unquote(rest)
            elif stripped.startswith('"') and field is not None:
                if field.startswith("msgstr"):
                    current["msgstr"][field] += unquote(stripped)
                else:
                    current[field] += unquote(stripped)
            else:
                raise ValueError(f"{path}: cannot read: {line}")
    finish()
    return [e for e in result if not (e["msgid"] == "" and e["msgctxt"] is None)]


def show(entry):
    text = entry["msgid"].replace("\n", "\\n")
    if len(text) > 70:
        text = text[:67] + "…"
    if entry["msgctxt"] is not None:
        return f'    [{entry["msgctxt"]}] "{text}"'
    return f'    "{text}"'


def completeness(label, po_file, template, workdir):
    """Problems of po_file against template, as lines."""
    if not os.path.exists(po_file):
        return [f"{label}: {po_file} is listed in LINGUAS but does not exist"]
    merged = os.path.join(workdir, os.path.basename(po_file) + ".merged")
    run(["msgmerge", "--quiet", "-o", merged, po_file, template])
    live = entries(merged)
    # A plural message with one form left empty is untranslated too.
    untranslated = [e for e in live
                    if not e["fuzzy"] and not (e["msgstr"] and all(e["msgstr"].values()))]
    fuzzy = [e for e in live if e["fuzzy"]]
    stats = run(["msgfmt", "--statistics", "-o", os.devnull, merged])
    print(f"{label}: {len(live)} messages; {stats.stderr.strip()}")
    problems = []
    for kind, found in (("untranslated", untranslated), ("fuzzy", fuzzy)):
        if found:
            problems.append(f"{label}: {len(found)} {kind} message(s) "
                            f"of {len(live)}, the first:")
            problems += [show(e) for e in found[:SHOWN]]
    return problems


def check_po(top):
    langs = read_linguas(os.path.join(top, "po", "LINGUAS"))
    if not langs:
        print("po/LINGUAS lists no language")
        return []
    with tempfile.TemporaryDirectory() as workdir:
        template = os.path.join(workdir, "sitrep.pot")
        run(["xgettext", "--package-name=sitrep", "-f",
             os.path.join(top, "po", "POTFILES.in"), "-D", top, "-k_",
             "-o", template] + GLIB_PRESET)
        problems = []
        for lang in langs:
            problems += completeness(f"po/{lang}.po",
                                     os.path.join(top, "po", lang + ".po"),
                                     template, workdir)
        return problems


def check_help(top, built, yelp_check, pages):
    langs = read_linguas(os.path.join(top, "help", "LINGUAS"))
    if not langs:
        print("help/LINGUAS lists no language")
        return []
    problems = []
    with tempfile.TemporaryDirectory() as workdir:
        template = os.path.join(workdir, "help.pot")
        run(["itstool", "-o", template]
            + [os.path.join(top, "help", "C", page) for page in pages])
        for lang in langs:
            label = f"help/{lang}/{lang}.po"
            problems += completeness(label,
                                     os.path.join(top, "help", lang, lang + ".po"),
                                     template, workdir)
            translated = [os.path.join(built, lang, page) for page in pages]
            missing = [p for p in translated if not os.path.exists(p)]
            problems += [f"help/{lang}: {p} was not built" for p in missing]
            present = [p for p in translated if os.path.exists(p)]
            if yelp_check is None:
                print(f"help/{lang}: pages not validated, no yelp-check")
            elif present:
                done = subprocess.run([yelp_check, "validate"] + present,
                                      capture_output=True, text=True)
                output = (done.stdout + done.stderr).strip()
                if done.returncode != 0 or output:
                    problems.append(f"help/{lang}: yelp-check validate fails:")
                    problems += ["    " + l for l in output.splitlines()]
                else:
                    print(f"help/{lang}: {len(present)} pages valid")
    return problems


def main():
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "po":
        problems = check_po(args[1])
    elif len(args) >= 4 and args[0] == "help":
        top, built, rest = args[1], args[2], args[3:]
        yelp_check = None
        if rest[0] == "--yelp-check":
            yelp_check, rest = rest[1], rest[2:]
        if not rest:
            fail("no help page given")
        problems = check_help(top, built, yelp_check, rest)
    else:
        fail("usage: " + __doc__.split("usage: ")[1].split("\n\n")[0])
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
