#!/usr/bin/env python3
"""Alternating runs of two builds on the same database (README, "Performance").

The machine's speed moves by up to twice from one hour to the next, so a
change is judged by alternating runs: build A, build B, A, B … on the same
generated programme, each route measured against the floor in the same round.

    cp target/release/kakehashi /tmp/kakehashi-before    # then change, rebuild
    python3 scripts/compare.py /tmp/kakehashi-before target/release/kakehashi \\
        --routes queue,plans --rounds 3
    python3 scripts/compare.py A B --backend postgres \\
        --pg-url postgres://postgres@127.0.0.1:5432/postgres

The programme (`kakehashi demo`, written by the first build) is kept in
--work between runs; --fresh writes it again. Only GET pages and APIs signed
in as the coordinator (queue, plans, stalled, candidates_page,
candidates_api) and the submissions (intake_submit, sheet_submit, against
`/floor/write`): the programme's load kit then holds --kit drafts of each
kind for every run of every build, and each run submits its own share.
"""
import argparse
import os
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import load  # noqa: E402

ROUTES = {
    "queue": ("/coordinator/intakes", "floor_list"),
    "plans": ("/coordinator/plans", "floor_list"),
    "stalled": ("/coordinator/stalled", "floor_list"),
    "candidates_page": ("/coordinator/intakes/{queued}/candidates", "floor_one"),
    "candidates_api": ("/api/v1/intakes/{queued}/candidates", "floor_one"),
    "intake_submit": ("/api/v1/intake/submit", "floor_write"),
    "sheet_submit": ("/api/v1/sessions/{session}/sheet/submit", "floor_write"),
}
FLOORS = {"floor_list": "/floor/list", "floor_one": "/floor/one?id=1", "floor_write": "/floor/write"}
SUBMISSIONS = {"intake_submit": "intakes.txt", "sheet_submit": "sheets.txt"}


class Kept:
    """A programme kept between runs: a SQLite file or a PostgreSQL database."""

    def __init__(self, backend, work, size, pg_url):
        self.backend = backend
        if backend == "sqlite":
            self.path = os.path.join(work, f"m{size}.db")
            self.url = f"sqlite://{self.path}?mode=rwc"
        else:
            parts = urllib.parse.urlsplit(pg_url)
            self.admin, self.name = pg_url, f"kakehashi_compare_m{size}"
            self.url = urllib.parse.urlunsplit(parts._replace(path="/" + self.name))

    def psql(self, sql):
        return subprocess.run(["psql", self.admin, "-Atc", sql], check=True, capture_output=True,
                              text=True, timeout=120).stdout.strip()

    def exists(self):
        if self.backend == "sqlite":
            return os.path.exists(self.path)
        return self.psql(f"SELECT 1 FROM pg_database WHERE datname = '{self.name}'") == "1"

    def drop(self):
        if self.backend == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(self.path + suffix):
                    os.remove(self.path + suffix)
        else:
            self.psql(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def create(self):
        if self.backend == "postgres":
            self.psql(f'CREATE DATABASE "{self.name}"')


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("a", help="the build before (a copy of target/release/kakehashi)")
    p.add_argument("b", help="the build after")
    p.add_argument("--routes", default="queue,plans,stalled")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--seconds", type=int, default=5)
    p.add_argument("--connections", type=int, default=32)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--mentees", type=int, default=100_000)
    p.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    p.add_argument("--pg-url", default=os.environ.get("KAKEHASHI_LOAD_POSTGRES_URL"))
    p.add_argument("--work", default=os.path.join("/tmp", "kakehashi-compare"))
    p.add_argument("--fresh", action="store_true", help="write the programme again")
    p.add_argument("--kit", type=int, default=9_000, help="drafts of each kind written before each submission run")
    opts = p.parse_args()
    routes = opts.routes.split(",")
    unknown = [r for r in routes if r not in ROUTES]
    if unknown:
        sys.exit(f"compare: unknown routes {unknown}; known: {sorted(ROUTES)}")
    if opts.backend == "postgres" and not opts.pg_url:
        sys.exit("compare: --backend postgres needs --pg-url or KAKEHASHI_LOAD_POSTGRES_URL")
    a, b = os.path.abspath(opts.a), os.path.abspath(opts.b)
    load.ensure_wrk()
    os.makedirs(opts.work, exist_ok=True)
    db = Kept(opts.backend, opts.work, opts.mentees, opts.pg_url)
    kit = os.path.join(opts.work, f"kit-{opts.backend}-{opts.mentees}")
    app_port, floor_port = load.free_port(), load.free_port()
    env = load.env_for(db, opts.work, app_port)
    submitting = any(r in SUBMISSIONS for r in routes)
    kit_size = opts.kit * 2 * opts.rounds if submitting else 1
    # Drafts once submitted answer 200 again without writing: a kit is used once.
    spent = os.path.join(opts.work, f"kit-{opts.backend}-{opts.mentees}.spent")
    if opts.fresh or not db.exists() or not os.path.exists(os.path.join(kit, "queued-intake")):
        if os.path.exists(spent):
            os.remove(spent)
        db.drop()
        db.create()
        took, _ = load.run([a, "demo", "--mentees", str(opts.mentees), "--mentors", str(max(30, opts.mentees // 10))],
                           env, opts.work, 1800)
        load.say(f"programme of {opts.mentees:,} mentees written in {took:.0f} s")
        load.run([a, "load-kit", "--count", str(kit_size), "--out", kit], env, opts.work, 900)
    if submitting:
        if os.path.exists(spent):
            sys.exit("compare: the kept load kit's drafts were submitted by an earlier run: add --fresh")
        open(spent, "w").close()
        load.say(f"the load kit adds {2 * kit_size:,} mentees to the programme (half with an active plan)")
    shares = {}
    for route, name in SUBMISSIONS.items():
        lines = open(os.path.join(kit, name)).read().splitlines()
        if route in routes and len(lines) < kit_size:
            sys.exit(f"compare: the kept load kit holds {len(lines)} drafts, {kit_size} are needed: add --fresh")
        for run_ in range(kit_size // opts.kit if route in routes else 0):
            share = os.path.join(opts.work, f"{route}-{run_}.txt")
            with open(share, "w") as f:
                f.write("\n".join(lines[run_ * opts.kit:(run_ + 1) * opts.kit]) + "\n")
            shares[(route, run_)] = share
    queued = open(os.path.join(kit, "queued-intake")).read().strip()
    token = open(os.path.join(kit, "coordinator.token")).read().strip()
    floor = load.serve([a, "floor"], load.env_for(db, opts.work, floor_port), opts.work,
                       f"http://127.0.0.1:{floor_port}/floor/plain")
    fbase = f"http://127.0.0.1:{floor_port}"
    table = {}
    try:
        for round_ in range(opts.rounds):
            for label, binary in (("A", a), ("B", b)):
                app = load.serve([binary], env, opts.work, f"http://127.0.0.1:{app_port}/healthz")
                try:
                    load.settle(app)
                    base = f"http://127.0.0.1:{app_port}"
                    cookie = load.login(base)
                    for route in routes:
                        path, floor_route = ROUTES[route]
                        path = path.replace("{queued}", queued)
                        load.settle(app, 60)
                        method = "POST" if floor_route == "floor_write" else "GET"
                        f = load.wrk(fbase, FLOORS[floor_route], opts, method)
                        if route in SUBMISSIONS:
                            share = shares[(route, 2 * round_ + (label == "B"))]
                            r = load.wrk(base, path, opts, "POST", tokens=share)
                            if r["requests"] >= opts.kit:
                                sys.exit(f"compare: {route} used up its kit; raise --kit")
                        elif route.endswith("_api"):
                            r = load.wrk(base, path, opts, bearer=token)
                        else:
                            r = load.wrk(base, path, opts, cookie=cookie)
                        if r["errors"]:
                            sys.exit(f"compare: {route} on {label} had {r['errors']} failed requests")
                        ratio = r["rps"] / max(f["rps"], 1e-9)
                        table.setdefault((route, label), []).append(ratio)
                        load.say(f"round {round_ + 1} {label} {route:<16} {r['rps']:>8.0f}/s "
                                 f"p99 {r['p99_ms']:6.1f} ms  {floor_route} {f['rps']:>8.0f}/s  "
                                 f"ratio {ratio:.2f}")
                finally:
                    load.stop(app)
    finally:
        load.stop(floor)
    load.say(f"\n{opts.backend}, {opts.mentees:,} mentees, {opts.rounds} rounds of {opts.seconds} s")
    for route in routes:
        ra, rb = table[(route, "A")], table[(route, "B")]
        fmt = lambda xs: " ".join(f"{x:.2f}" for x in xs)
        load.say(f"{route:<16} A {fmt(ra)} (mean {sum(ra) / len(ra):.2f})   "
                 f"B {fmt(rb)} (mean {sum(rb) / len(rb):.2f})")


if __name__ == "__main__":
    main()
