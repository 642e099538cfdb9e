#!/usr/bin/env python3
"""bench/run.sh's CSV turned into its Markdown (the tables, each ratio beside its target of
issue 16) and its SVG plot (p50 and p99 latency against connections), next to the CSV; and
the README's table between its markers, rewritten.
usage: report.py RESULTS.csv [README.md]"""
import csv
import math
import re
import sys
from pathlib import Path

PAGES = {
    "home_anonymous": "/ anonymous",
    "connexion": "/connexion",
    "home_logged_in": "/ logged in",
    "tab2_get": "wizard tab 2 GET",
    "tab2_post": "wizard tab 2 POST (one commit)",
}
BACKENDS = {"sqlite": "SQLite", "postgresql": "PostgreSQL 15"}
RUSH = {"rush": "(each logs in)", "rush_session": "(sessions written in the database)",
        "rush_enregistrer": "(Enregistrer alone: drafts and sessions written in the database)"}
STEPS = ["connexion", "m'inscrire"] + [f"onglet {n}" for n in range(1, 8)] + ["enregistrer"]


class Results:
    def __init__(self, path):
        self.rows = list(csv.DictReader(open(path, newline="")))

    def get(self, kind, name, backend="", connections=None, field="value"):
        for r in self.rows:
            if (r["kind"], r["name"]) == (kind, name) and (not backend or r["backend"] == backend) \
                    and (connections is None or r["connections"] == str(connections)):
                return r[field]
        return ""

    def num(self, *args, **kwargs):
        v = self.get(*args, **kwargs)
        try:
            return float(v)
        except ValueError:
            return None

    def backends(self):
        return [b for b in BACKENDS if any(r["backend"] == b and r["kind"] == "page"
                                           for r in self.rows)]


def fmt(v, digits=0):
    return "–" if v is None else f"{v:,.{digits}f}"


def verdict(value, target, higher_is_better=True):
    if value is None or target is None:
        return "not measured"
    met = value >= target if higher_is_better else value <= target
    if met:
        return "**met**"
    return f"missed, {abs(1 - value / target) * 100:.0f} % {'short' if higher_is_better else 'over'}"


def targets(res):
    """(what, measured, target, verdict) of issue 16 item 2."""
    out = []
    for c in (64, 256):
        nginx_rps = res.num("page", "nginx", "anchor", c)
        nginx_p99 = res.num("page", "nginx", "anchor", c, "p99_ms")
        for backend, ratio_min, p99_factor, levels in (
                ("sqlite", {64: 0.50, 256: 0.40}, 3, (64, 256)),
                ("postgresql", {64: 0.25}, 5, (64,))):
            if c not in levels or backend not in res.backends():
                continue
            rps = res.num("page", "home_logged_in", backend, c)
            p99 = res.num("page", "home_logged_in", backend, c, "p99_ms")
            ratio = rps / nginx_rps if rps and nginx_rps else None
            out.append((f"logged-in home, {BACKENDS[backend]}, c{c}: ratio to nginx",
                        fmt(ratio, 2), f"≥ {ratio_min[c]:.2f}", verdict(ratio, ratio_min[c])))
            limit = p99_factor * nginx_p99 if nginx_p99 else None
            out.append((f"logged-in home, {BACKENDS[backend]}, c{c}: p99",
                        f"{fmt(p99, 1)} ms", f"≤ {p99_factor} × nginx's = {fmt(limit, 1)} ms",
                        verdict(p99, limit, higher_is_better=False)))
    for backend, anchor in (("sqlite", "sqlite_commits"), ("postgresql", "pg_commits")):
        rate = res.num("rush_enregistrer", "registrations_per_s", backend)
        commits = res.num("anchor", anchor, backend)
        if rate is not None and commits:
            out.append((f"completed Enregistrer/s, {BACKENDS[backend]}, against its commits/s",
                        f"{rate:,.0f}/s = {rate / commits * 100:.1f} %",
                        f"≥ 30 % = {0.3 * commits:,.0f}/s", verdict(rate / commits, 0.30)))
        # Whole registrations: the login's Argon2id, 20 requests and two PDFs each; shown
        # beside the target, which is Enregistrer's.
        for kind in ("rush", "rush_session"):
            rate = res.num(kind, "registrations_per_s", backend)
            if rate is not None:
                out.append((f"whole registrations/s {RUSH[kind]}, {BACKENDS[backend]}",
                            f"{rate:.1f}/s", "(no target: see below)", ""))
    argon = res.num("anchor", "argon2id_ms")
    cores = res.num("meta", "cores")
    threads = res.num("meta", "hashing_threads")
    for backend in res.backends():
        logins = res.num("logins", "logins", backend)
        if logins is None or not argon:
            continue
        # The target counts the cores given to Argon2id (the hashing pool); the brief's
        # cores × 1/hash-time, the whole machine's, is shown beside it.
        for n, what in ((threads, "hashing threads"), (cores, "cores")):
            bound = n * 1000 / argon
            out.append((f"logins/s, {BACKENDS[backend]}, against {n:.0f} {what} / Argon2id",
                        f"{logins:.1f}/s = {logins / bound * 100:.0f} %",
                        f"≥ 90 % of {bound:.0f}/s", verdict(logins / bound, 0.90)))
    for backend in res.backends():
        rss = res.num("rss", "idle", backend)
        n = res.get("rss", "idle", backend, field="connections")
        out.append((f"RSS with {n} idle connections, {BACKENDS[backend]}", f"{fmt(rss)} MB",
                    "< 300 MB", verdict(rss, 300, higher_is_better=False)))
    return out


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def pages_table(res):
    rows = []
    for backend in ["anchor"] + res.backends():
        names = ["nginx"] if backend == "anchor" else list(PAGES)
        for name in names:
            cells = ["nginx, 5 KB static page" if backend == "anchor"
                     else f"{PAGES[name]}, {BACKENDS[backend]}"]
            for c in (64, 256):
                rps = res.num("page", name, backend, c)
                nginx = res.num("page", "nginx", "anchor", c)
                ratio = f" ({rps / nginx:.2f})" if rps and nginx else ""
                cells += [fmt(rps) + ratio, fmt(res.num("page", name, backend, c, "p50_ms"), 2),
                          fmt(res.num("page", name, backend, c, "p99_ms"), 1)]
            rows.append(cells)
    return table(["page", "c64 req/s (ratio)", "p50 ms", "p99 ms", "c256 req/s (ratio)",
                  "p50 ms", "p99 ms"], rows)


def other_tables(res):
    argon = res.num("anchor", "argon2id_ms")
    cores = res.num("meta", "cores")
    parts = [table(["anchor", "value"], [
        ["SQLite WAL single-row commits/s (synchronous=FULL, one connection)",
         fmt(res.num("anchor", "sqlite_commits"))],
        ["PostgreSQL single-row inserts/s (pgbench, 16 clients)", fmt(res.num("anchor", "pg_commits"))],
        ["Argon2id INTERACTIVE, ms per hash", fmt(argon, 1)],
        [f"logins/s Argon2id allows on {cores:.0f} cores", fmt(cores * 1000 / argon if argon else None)],
    ])]
    rows = []
    for b in res.backends():
        storm = res.get("storm", "during", b, field="connections")
        rows += [[f"{BACKENDS[b]}: logins/s (wrk -c16, one account)",
                  f"{res.get('logins', 'logins', b)} ({res.get('logins', 'refused', b) or 0} refused)"],
                 [f"{BACKENDS[b]}: / logged in, p50 / p99 ms alone (c4)",
                  f"{res.get('storm', 'alone', b, field='p50_ms')} / {res.get('storm', 'alone', b, field='p99_ms')}"],
                 [f"{BACKENDS[b]}: the same during {storm} parallel logins "
                  f"({res.get('storm', 'during', b)} logins/s)",
                  f"{res.get('storm', 'during', b, field='p50_ms')} / {res.get('storm', 'during', b, field='p99_ms')}"],
                 [f"{BACKENDS[b]}: tab 7's PDF rendered per request, req/s c64 (p50 / p99 ms)",
                  f"{res.get('documents', 'apercu_pdf', b)} ({res.get('documents', 'apercu_pdf', b, field='p50_ms')}"
                  f" / {res.get('documents', 'apercu_pdf', b, field='p99_ms')})"],
                 [f"{BACKENDS[b]}: tab 2 POST on one connection, req/s", res.get("documents", "tab2_post_c1", b)],
                 [f"{BACKENDS[b]}: modification + Enregistrer on one connection, versions/s",
                  res.get("documents", "enregistrer_c1", b)],
                 [f"{BACKENDS[b]}: documents ready / queued after them", res.get("documents", "ready", b)],
                 [f"{BACKENDS[b]}: RSS MB, idle → {res.get('rss', 'idle', b, field='connections')} idle "
                  "keep-alive connections",
                  f"{res.get('rss', 'before', b)} → {res.get('rss', 'idle', b)}"
                  + (f" ({res.get('rss', 'failed', b)})" if res.get("rss", "failed", b) else "")]]
    parts.append(table(["logins, storm, documents, memory", "value"], rows))
    for b in res.backends():
        for kind, what in RUSH.items():
            clients = res.get(kind, "registrations_per_s", b, field="connections")
            steps = [[s, res.get(kind, s, b), res.get(kind, s, b, field="p50_ms"),
                      res.get(kind, s, b, field="p99_ms")] for s in STEPS
                     if res.num(kind, s, b)]
            parts.append(
                f"Closing hour {what} on {BACKENDS[b]}: {clients} candidates at once, each step "
                "timed from its form's GET to the POST's answer: "
                f"**{res.get(kind, 'registrations_per_s', b)} registrations/s** "
                f"({res.get(kind, 'failed', b) or 0} failed; documents ready / queued afterwards: "
                f"{res.get(kind, 'documents_ready', b)}"
                + (f"; documents and mails all done {res.get(kind, 'queues_drained_s', b)} s later, before the next run"
                   if res.get(kind, "queues_drained_s", b) else "")
                + ").\n\n"
                + table(["step", "count", "p50 ms", "p99 ms"], steps))
    errors = [f"{r['name']}, {r['backend']}, c{r['connections']}: {r['value']}"
              for r in res.rows if r["kind"] == "errors"]
    if errors:
        parts.append("Answers other than 2xx/3xx, or socket errors, during the page runs: "
                     + "; ".join(errors) + ".")
    return parts


def svg(res):
    """p50 (dashed) and p99 latency against connections, log-log, one line a page."""
    w, h, left, top, right, bottom = 840, 440, 60, 20, 330, 50
    series = [("nginx", "anchor", "nginx 5 KB")]
    series += [(n, b, f"{PAGES[n]}, {BACKENDS[b]}") for b in res.backends() for n in PAGES]
    values = [res.num("page", n, b, c, f) for n, b, _ in series for c in (64, 256)
              for f in ("p50_ms", "p99_ms")]
    values = [v for v in values if v]
    lo = 10 ** math.floor(math.log10(min(values))) if values else 0.01
    hi = 10 ** math.ceil(math.log10(max(values))) if values else 1000
    pw, ph = w - left - right, h - top - bottom
    x = {64: left + pw * 0.1, 256: left + pw * 0.9}

    def y(v):
        return top + ph * (1 - (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo)))

    colours = ["#000", "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#1b9e77",
               "#d95f02", "#7570b3", "#e7298a", "#66a61e"]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
           f'font-family="sans-serif" font-size="11">',
           f'<rect width="{w}" height="{h}" fill="#fff"/>',
           f'<text x="{left}" y="{h - 8}">connections (wrk -t2); p99 solid, p50 dashed; '
           'PostgreSQL lines thicker</text>']
    decade = lo
    while decade <= hi * 1.001:
        out.append(f'<line x1="{left}" x2="{left + pw}" y1="{y(decade):.1f}" y2="{y(decade):.1f}" '
                   'stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y(decade) + 4:.1f}" text-anchor="end">{decade:g} ms</text>')
        decade *= 10
    for c, px in x.items():
        out.append(f'<text x="{px:.1f}" y="{top + ph + 16}" text-anchor="middle">{c}</text>')
    for i, (n, b, label) in enumerate(series):
        colour, width = colours[i % len(colours)], 2.5 if b == "postgresql" else 1.2
        for field, dash in (("p99_ms", ""), ("p50_ms", ' stroke-dasharray="4 3"')):
            pts = [(x[c], res.num("page", n, b, c, field)) for c in (64, 256)]
            pts = [(px, y(v)) for px, v in pts if v]
            if len(pts) == 2:
                out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="{width}"{dash} '
                           f'points="{" ".join(f"{px:.1f},{py:.1f}" for px, py in pts)}"/>')
        ly = top + 14 * i + 10
        out.append(f'<line x1="{w - right + 10}" x2="{w - right + 30}" y1="{ly - 4}" y2="{ly - 4}" '
                   f'stroke="{colour}" stroke-width="{width}"/>')
        out.append(f'<text x="{w - right + 35}" y="{ly}">{label}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    path = Path(sys.argv[1])
    res = Results(path)
    md, plot = path.with_suffix(".md"), path.with_suffix(".svg")
    header = (
        f"# make bench — {path.stem}, {res.get('meta', 'cores')} cores, "
        f"BENCH_SECONDS={res.get('meta', 'seconds')}\n\n"
        f"Load average (1/5/15 min) at the start {res.get('meta', 'loadavg_start')}, at the end "
        f"{res.get('meta', 'loadavg_end')}. This machine is shared with other agents' builds: "
        "figures measured while it is loaded are noisy, so compare ratios to the same run's "
        "anchors rather than counts. Everything on 127.0.0.1; wrk -t2 --latency.")
    target_rows = targets(res)
    body = [header, pages_table(res), f"![latency against load]({plot.name})",
            "Targets of issue 16 (item 2), ratios to this run's anchors:",
            table(["target", "measured", "target", "verdict"], target_rows)] + other_tables(res)
    md.write_text("\n\n".join(body) + "\n")
    plot.write_text(svg(res))
    if len(sys.argv) > 2:
        readme = Path(sys.argv[2])
        text = readme.read_text()
        section = (f"<!-- bench:begin (written by bench/report.py) -->\nLatest `make bench`: "
                   f"[`bench/results/{md.name}`](bench/results/{md.name}) "
                   f"(load average {res.get('meta', 'loadavg_start')} → "
                   f"{res.get('meta', 'loadavg_end')}, BENCH_SECONDS={res.get('meta', 'seconds')}; "
                   "a shared machine: noisy).\n\n"
                   + pages_table(res) + "\n\n"
                   + table(["target (issue 16)", "measured", "target", "verdict"], target_rows)
                   + f"\n\n![latency against load](bench/results/{plot.name})\n<!-- bench:end -->")
        new, count = re.subn(r"<!-- bench:begin.*?<!-- bench:end -->", lambda _: section, text,
                             flags=re.S)
        if count != 1:
            sys.exit(f"report.py: no bench:begin/bench:end markers in {readme}")
        readme.write_text(new)


main()
