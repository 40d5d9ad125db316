#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The timeline's kind chips and the badges are readable.

Kind chips: for every .kind-chip rule in src/gui/style.css (light) and
src/gui/style-dark.css (dark), the text colour against its tint composited
over each background a list row can have in that style is at least 4.5:1
(WCAG AA), and every kind the light style colours the dark style colours
too.

Badges (severity, status, major): in each of the four styles libadwaita
loads (style.css, then style-dark.css and/or style-hc.css over it), the
badge's text against its background, a tint composited over each
background it can sit on, is at least 4.5:1: they are small bold text."""

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


# libadwaita 1.2's named palette colours (the GNOME palette), which the
# badges use.
PALETTE = {
    "blue_1": "#99c1f1", "blue_2": "#62a0ea", "blue_3": "#3584e4", "blue_4": "#1c71d8", "blue_5": "#1a5fb4",
    "green_1": "#8ff0a4", "green_2": "#57e389", "green_3": "#33d17a", "green_4": "#2ec27e", "green_5": "#26a269",
    "yellow_1": "#f9f06b", "yellow_2": "#f8e45c", "yellow_3": "#f6d32d", "yellow_4": "#f5c211", "yellow_5": "#e5a50a",
    "orange_1": "#ffbe6f", "orange_2": "#ffa348", "orange_3": "#ff7800", "orange_4": "#e66100", "orange_5": "#c64600",
    "red_1": "#f66151", "red_2": "#ed333b", "red_3": "#e01b24", "red_4": "#c01c28", "red_5": "#a51d2d",
    "purple_1": "#dc8add", "purple_2": "#c061cb", "purple_3": "#9141ac", "purple_4": "#813d9c", "purple_5": "#613583",
    "brown_1": "#cdab8f", "brown_2": "#b5835a", "brown_3": "#986a44", "brown_4": "#865e3c", "brown_5": "#63452c",
    "light_1": "#ffffff", "light_2": "#f6f5f4", "light_3": "#deddda", "light_4": "#c0bfbc", "light_5": "#9a9996",
    "dark_1": "#77767b", "dark_2": "#5e5c64", "dark_3": "#3d3846", "dark_4": "#241f31", "dark_5": "#000000",
    "white": "#ffffff", "black": "#000000",
}
BADGES = [".severity-badge.severity-p1", ".severity-badge.severity-p2",
          ".severity-badge.severity-p3", ".severity-badge.severity-p4",
          ".status-badge.status-investigating", ".status-badge.status-identified",
          ".status-badge.status-monitoring", ".status-badge.status-resolved",
          ".major-badge"]
ANY_RULE = re.compile(r"([^{}]+)\{([^}]*)\}")
DECLARATION = re.compile(r"(color|background-color)\s*:\s*([^;]+);")


def resolve(value):
    """(hex, alpha) of a colour value: #hex, @name, name or alpha(x, a)."""
    value = value.strip()
    m = re.fullmatch(r"alpha\((.+),\s*([0-9.]+)\)", value)
    if m:
        inner = resolve(m.group(1))
        return inner and (inner[0], inner[1] * float(m.group(2)))
    if re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        return (value, 1.0)
    name = value.lstrip("@")
    return (PALETTE[name], 1.0) if name in PALETTE else None


def declarations(paths):
    """For each badge selector, its color and background-color as the
    style sheets leave them, later sheets and rules over earlier ones; the
    base classes (.severity-badge, .status-badge) count for their variants."""
    found = {badge: {} for badge in BADGES}
    for path in paths:
        css = re.sub(r"/\*.*?\*/", "", open(path).read(), flags=re.S)
        for selectors, body in ANY_RULE.findall(css):
            decls = dict(DECLARATION.findall(body))
            for selector in (x.strip() for x in selectors.split(",")):
                for badge in BADGES:
                    base = badge.split(".")[1]
                    if selector in (badge, "." + base):
                        found[badge].update(decls)
    return found


def check_badges(top, failures):
    gui = f"{top}/src/gui"
    styles = (("light", [f"{gui}/style.css"], LIGHT_BACKGROUNDS),
              ("dark", [f"{gui}/style.css", f"{gui}/style-dark.css"], DARK_BACKGROUNDS),
              ("hc", [f"{gui}/style.css", f"{gui}/style-hc.css"], LIGHT_BACKGROUNDS),
              ("hc-dark", [f"{gui}/style.css", f"{gui}/style-dark.css", f"{gui}/style-hc.css"],
               DARK_BACKGROUNDS))
    for style, paths, backgrounds in styles:
        for badge, decls in declarations(paths).items():
            color = resolve(decls.get("color", ""))
            background = resolve(decls.get("background-color", ""))
            if color is None or background is None or color[1] != 1.0:
                failures.append(f"{style} {badge}: needs an opaque text colour and a background "
                                f"(named, #hex or alpha()), has {decls}")
                continue
            worst = min(ratio(channels(color[0]), over(background[0], bg, background[1]))
                        for bg in backgrounds)
            print(f"{style:7s} {badge:36s} {worst:.2f}:1")
            if worst < 4.5:
                failures.append(f"{style} {badge}: {worst:.2f}:1 is below 4.5:1")


def main(top):
    failures = []
    check_badges(top, failures)
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
