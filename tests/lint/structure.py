#!/ usr / bin / env python3
"""The structure of src/ (docs/decisions/0007-layering.md): its layering, checked on every
#include, and no source file over MAX_LINES lines.

Each folder of src/ is a layer and may include only the layers listed for it; a few libraries
stay inside the one layer that wraps them. The third-party rule is checked on each file's
whole include closure (through our own headers), so that no file reaches both Beast and
SOCI, or both SOCI and the templates, even indirectly. Exit status 1 lists every breach.
"""
import os
import pathlib
import re
import sys

#The folder checked : the repository's src/, or another (the test of this script).
SRC = pathlib.Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2] / "src"

#Layer->the layers it may include(itself always).app / is the composition root.
ALLOWED = {
    "texte": set(),
    "log": {"texte"},
    "crypto": set(),
    "templates": set(),
    "domain": {"texte"},
    "refdata": {"texte"},
    "catalogue": {"domain", "texte"},
    "store": {"domain", "refdata", "texte", "log"},
    "fichiers": {"domain", "crypto", "log", "texte"},
    "http": {"log", "texte"},
    "pdf": {"texte"},
    "documents": {"pdf", "domain", "texte"},
    "mail": {"store", "templates", "crypto", "domain", "log", "texte"},
    "actions": {"domain", "store", "mail", "crypto", "templates", "catalogue", "pdf", "documents",
                "fichiers", "log", "texte"},
    "web": {"templates", "domain", "texte"},
    "portail": {"actions", "web", "http", "templates", "domain", "store", "crypto", "mail",
                "log", "texte"},
    "gestion": {"portail", "actions", "web", "http", "templates", "domain", "store", "log",
                "texte"},
    "app": None,
}

#Library(include prefix)->the layers whose files may include it directly.
LIBRARIES = {
    "soci/": {"store"},
    "boost/beast": {"http"},
    "kainjow/": {"templates"},
    "sodium": {"crypto"},
    "curl/": {"mail"},
    "cairo": {"pdf"},
    "pango/": {"pdf"},
    "qrencode": {"pdf"},
    "brotli/": {"http"},
    "zlib.h": {"http"},
    "magic.h": {"fichiers"},
}

#Pairs of libraries no file may reach together, even through headers.
APART = [("boost/beast", "soci/"), ("soci/", "kainjow/")]

#Inside store /, SOCI is for the.cpp files and the internal headers.
SOCI_HEADERS = {"store/sql.hpp", "store/statements.hpp"}

#A file longer than this holds more than one thing : split it by what it does.
#(STRUCTURE_MAX_LINES lowers it for the test of this script.)
MAX_LINES = int(os.environ.get("STRUCTURE_MAX_LINES", "600"))

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


def includes(path):
    return INCLUDE.findall(path.read_text(encoding="utf-8"))


def main():
    files = sorted(p for p in SRC.rglob("*") if p.suffix in (".cpp", ".hpp"))
    direct = {p: includes(p) for p in files}
    breaches = []
    for path, incs in direct.items():
        rel = path.relative_to(SRC).as_posix()
        layer = rel.split("/")[0]
        if layer not in ALLOWED:
            breaches.append(f"{rel}: folder {layer}/ is not a known layer (add it to {__file__})")
            continue
        allowed = ALLOWED[layer]
        for kind, name in incs:
            if kind == '"':
                target = name.split("/")[0]
                if allowed is not None and target != layer and target not in allowed:
                    breaches.append(f"{rel}: {layer}/ may not include {name}")
            else:
                for lib, owners in LIBRARIES.items():
                    if name.startswith(lib) and layer not in owners and layer != "app":
                        breaches.append(f"{rel}: only {', '.join(sorted(owners))}/ may include <{name}>")
                if (name.startswith("soci/") and rel.endswith(".hpp")
                        and rel not in SOCI_HEADERS):
                    breaches.append(f"{rel}: SOCI in a header other than {', '.join(SOCI_HEADERS)}")

#Third - party libraries reached by each file through our own headers.
    memo = {}

    def reached(path, seen):
        if path in memo:
            return memo[path]
        libs = set()
        for kind, name in direct.get(path, []):
            if kind == "<":
                libs.update(lib for lib in LIBRARIES if name.startswith(lib))
            else:
                target = SRC / name
                if target in direct and target not in seen:
                    libs |= reached(target, seen | {target})
        memo[path] = libs
        return libs

    for path in files:
        libs = reached(path, {path})
        for a, b in APART:
            if a in libs and b in libs:
                breaches.append(f"{path.relative_to(SRC)}: reaches both <{a}…> and <{b}…>")

    for path in files:
        lines = path.read_text(encoding="utf-8").count("\n")
        if lines > MAX_LINES:
            breaches.append(f"{path.relative_to(SRC)}: {lines} lines, over {MAX_LINES}")

    for b in breaches:
        print(b)
    print(f"structure: {len(files)} files, {len(breaches)} breach(es)")
    return 1 if breaches else 0


if __name__ == "__main__":
    sys.exit(main())
