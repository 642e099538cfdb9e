#!/usr/bin/env python3
"""EXPLAIN of every statement of the hot paths on a generated data set (issue 16).

usage: explain.py EXAMENS_BIN SOURCE_DIR [URL]
EXPLAIN_STATEMENTS names another statements file; EXPLAIN_SYNC_ONLY=1 checks the copies
against the source only, without a database.
Without URL: a throwaway cluster and a reduced data set (scripts/dataset.sh, EXPLAIN_COMPTES
accounts, 1.5 times as many candidatures). With URL: that database, already generated
(the national one of `make dataset`). Each statement of tests/explain/hot_paths.sql must still
be found in the source file it names; its plan must not scan a large table sequentially.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

LARGE = {"comptes", "numeros_candidat", "candidatures", "candidature_versions", "brouillons",
         "documents", "justificatifs", "depots", "sessions", "audit", "messages", "agents"}
PSQL = "/usr/lib/postgresql/15/bin/psql"


def literal_runs(path):
    """The string literals of a C++ file, adjacent ones joined, white space collapsed."""
    text = open(path, encoding="utf-8").read()
    runs, current, end = [], None, -1
    for m in re.finditer(r'"((?:[^"\\\n]|\\.)*)"', text):
        value = m.group(1).replace('\\"', '"')
        if current is not None and text[end:m.start()].strip() == "":
            current += value
        else:
            if current is not None:
                runs.append(current)
            current = value
        end = m.end()
    if current is not None:
        runs.append(current)
    return [" ".join(r.split()) for r in runs]


def blocks(path):
    """(name, source files, {param: literal}, statement lines, tables allowed) of each block."""
    out, name, params, lines, allowed = [], None, {}, [], set()
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        header = re.match(r"-- name: (.*) \((src/[^)]*)\)$", line)
        param = re.match(r"-- :(\w+) = (.*)$", line)
        allow = re.match(r"-- allow: (\w+) ", line)
        if header:
            name, params, lines, allowed = header.groups(), {}, [], set()
        elif allow and name:
            allowed.add(allow.group(1))
        elif param and name:
            params[param.group(1)] = param.group(2)
        elif line.startswith("--") or not line.strip() or not name:
            continue
        else:
            lines.append(line.rstrip(";"))
            if line.endswith(";"):
                out.append((name[0], name[1], params, lines, allowed))
                name = None
    return out


def bind(sql, params, name):
    def value(m):
        if m.group(1) not in params:
            sys.exit(f"explain: {name}: no value for :{m.group(1)}")
        return params[m.group(1)]
    return re.sub(r"(?<![:\w]):(\w+)", value, sql)


def scans(plan):
    """(node type, relation, index) of every node of a JSON plan."""
    yield plan.get("Node Type"), plan.get("Relation Name"), plan.get("Index Name")
    for child in plan.get("Plans", []):
        yield from scans(child)


def main():
    binary, source = sys.argv[1], sys.argv[2]
    statements = blocks(os.environ.get("EXPLAIN_STATEMENTS",
                                       os.path.join(source, "tests/explain/hot_paths.sql")))
    failures = []
    runs = {}
    for name, file, _, lines, _ in statements:
        files = file.split(", ")
        for f in files:
            runs.setdefault(f, literal_runs(os.path.join(source, f)))
        for line in lines:
            wanted = " ".join(line.split())
            if not any(wanted in run for f in files for run in runs[f]):
                failures.append(f"{name}: « {wanted} » is no longer in {file}: "
                                "update tests/explain/hot_paths.sql")
    with tempfile.TemporaryDirectory() as work:
        if os.environ.get("EXPLAIN_SYNC_ONLY"):
            statements = []
        try:
            if len(sys.argv) > 3:
                url = sys.argv[3]
            elif statements:
                comptes = int(os.environ.get("EXPLAIN_COMPTES", "50000"))
                env = dict(os.environ, DATASET_COMPTES=str(comptes),
                           DATASET_CANDIDATURES=str(comptes * 3 // 2), DATASET_DIR=work,
                           EXAMENS_BIN=binary)
                subprocess.run([os.path.join(source, "scripts/dataset.sh")], env=env, check=True)
                url = open(os.path.join(work, "pg/url")).read().strip()
            for name, file, params, lines, allowed in statements:
                sql = bind(" ".join(lines), params, name)
                result = subprocess.run([PSQL, "-XAtq", url, "-c", "EXPLAIN (FORMAT JSON) " + sql],
                                        capture_output=True, text=True)
                if result.returncode != 0:
                    failures.append(f"{name}: {result.stderr.strip()}")
                    continue
                nodes = list(scans(json.loads(result.stdout)[0]["Plan"]))
                shown = ", ".join(f"{n} on {r}" + (f" ({i})" if i else "")
                                  for n, r, i in nodes if r)
                print(f"{name}: {shown or nodes[0][0]}")
                for node, relation, _ in nodes:
                    if node == "Seq Scan" and relation in LARGE - allowed:
                        failures.append(f"{name}: sequential scan of {relation}")
        finally:
            if len(sys.argv) <= 3 and statements:
                subprocess.run([os.path.join(source, "tests/support/pg.sh"), "stop",
                                os.path.join(work, "pg")], check=False, capture_output=True)
    for failure in failures:
        print("FAIL " + failure)
    print(f"explain: {len(statements)} plans, {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
