#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The timeline's kind chips are readable: for every .kind-chip rule in
src/gui/style.css (light) and src/gui/style-dark.css (dark), the text
colour against its tint composited over each background a list row can
have in that style is at least 4.5:1 (WCAG AA), and every kind the light
style colours the dark style colours too."""

import re
import sys

LIGHT_BACKGROUNDS = ["#ffffff", "#fafafa", "#f6f5f4"]
DARK_BACKGROUNDS = ["#1e1e1e", "#242424", "#303030", "#383838"]
RULE = re.compile(r"([^{}]*\.kind-chip[^{}]*)\{([^}]*)\}")
COLOR = re.compile(r"(?:^|;)\s*color:\s*(#[0-9a-fA-F]{6})\s*;")
TINT = re.compile(r"background-color:\s*alpha\((#[0-9a-fA-F]{6}),\s*([0-9.]+)\)")


def channels(c):
    return [int(c[i:i + 2], 16) for i in (1, 3, 5)]


def luminance(rgb):
    def f(x):
        x /= 255
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4
    r, g, b = rgb
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)


def over(fg, bg, alpha):
    return [round(a * alpha + b * (1 - alpha)) for a, b in zip(channels(fg), channels(bg))]


def ratio(a, b):
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def rules(path):
    css = re.sub(r"/\*.*?\*/", "", open(path).read(), flags=re.S)
    found = {}
    for selectors, body in RULE.findall(css):
        color, tint = COLOR.search(body), TINT.search(body)
        for selector in selectors.split(","):
            for kind in re.findall(r"\.kind-([a-z]+)", selector):
                if kind != "chip":
                    found[kind] = (color and color.group(1),
                                   tint and (tint.group(1), float(tint.group(2))))
    return found


def main(top):
    failures = []
    light = rules(f"{top}/src/gui/style.css")
    dark = rules(f"{top}/src/gui/style-dark.css")
    if not light:
        failures.append("style.css colours no kind chip")
    for kind in light:
        if kind not in dark:
            failures.append(f"style-dark.css does not colour .kind-{kind}")
    for style, found, backgrounds in (("light", light, LIGHT_BACKGROUNDS),
                                      ("dark", dark, DARK_BACKGROUNDS)):
        for kind, (color, tint) in sorted(found.items()):
            if color is None or tint is None:
                failures.append(f"{style} .kind-{kind}: needs a hex color and alpha(#hex, a) tint")
                continue
            worst = min(ratio(channels(color), over(tint[0], bg, tint[1])) for bg in backgrounds)
            print(f"{style:5s} .kind-{kind:13s} {worst:.2f}:1")
            if worst < 4.5:
                failures.append(f"{style} .kind-{kind}: {worst:.2f}:1 is below 4.5:1")
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
