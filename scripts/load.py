#!/usr/bin/env python3
"""The load scenario of issue 7 (README, "Performance").

In one run, for each backend (SQLite, and PostgreSQL when a URL is given):
  1. writes a demo programme of --mentees mentees (and --small for the growth
     comparison) with `kakehashi demo`, and the load kit (API tokens for
     mentees ready to submit an intake or a sheet) with `kakehashi load-kit`;
  2. starts `kakehashi floor` (the yardstick: the same crates doing the least)
     and the real application on that same database, on loopback;
  3. runs wrk against each route for --seconds with --connections
     connections, and prints requests per second, p50, p99 and the ratio to
     its floor route, then the application's peak RSS (VmHWM).

Only the standard library and wrk (Debian package `wrk`, installed when
missing and apt-get is usable). Bounded in time: every wrk run lasts
--seconds, every wait has a timeout, every process is stopped at the end.

    python3 scripts/load.py                      # 100,000 mentees, SQLite
    KAKEHASHI_LOAD_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        python3 scripts/load.py                  # and PostgreSQL
    python3 scripts/load.py --quick              # 1,000 mentees, 1 s each (CI)
"""
import argparse
import http.cookiejar
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LUA = os.path.join(ROOT, "scripts", "load.lua")
BINARY = os.path.join(ROOT, "target", "release", "kakehashi")
COORDINATOR = "office@demo.kakehashi.jp"
PASSWORD = "kakehashi-demo-2026"


def say(*args):
    print(*args, flush=True)


def ensure_wrk():
    if shutil.which("wrk"):
        return
    say("wrk is missing; installing Debian's package")
    apt = ["apt-get", "-o", "DPkg::Lock::Timeout=120", "install", "-y", "wrk"]
    if os.geteuid() != 0:
        apt = ["sudo", "-n"] + apt
    subprocess.run(apt, check=True, timeout=600, stdout=subprocess.DEVNULL)
    if not shutil.which("wrk"):
        sys.exit("load: wrk could not be installed")


def free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Database:
    """A fresh database for one programme size on one backend."""

    def __init__(self, backend, work, name, pg_url):
        self.backend = backend
        if backend == "sqlite":
            self.url = f"sqlite://{os.path.join(work, name)}.db?mode=rwc"
        else:
            parts = urllib.parse.urlsplit(pg_url)
            self.admin = pg_url
            self.name = f"kakehashi_load_{name}_{os.getpid()}"
            self.url = urllib.parse.urlunsplit(parts._replace(path="/" + self.name))
            self.psql(f'DROP DATABASE IF EXISTS "{self.name}"')
            self.psql(f'CREATE DATABASE "{self.name}"')

    def psql(self, sql):
        subprocess.run(["psql", "-q", "-d", self.admin, "-c", sql], check=True, timeout=120)

    def drop(self):
        if self.backend == "postgres":
            self.psql(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def env_for(db, work, port):
    env = dict(os.environ)
    env.update(
        ROCKET_DATABASE_URL=db.url,
        ROCKET_PORT=str(port),
        ROCKET_ADDRESS="127.0.0.1",
        ROCKET_LOG_LEVEL="critical",
        ROCKET_PUBLIC_URL=f"http://127.0.0.1:{port}",
        ROCKET_MAIL='{transport="file",dir="%s",from="Kakehashi <no-reply@kakehashi.localhost>"}'
        % os.path.join(work, "mail"),
        ROCKET_CLI_COLORS="false",
        RUST_LOG="warn",
    )
    return env


def run(args, env, cwd, timeout):
    started = time.monotonic()
    out = subprocess.run(args, env=env, cwd=cwd, timeout=timeout, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"load: {' '.join(args)} failed:\n{out.stdout}{out.stderr}")
    return time.monotonic() - started, out.stdout


def serve(command, env, cwd, probe):
    proc = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"load: {' '.join(command)} exited: {proc.stderr.read().decode()}")
        try:
            with urllib.request.urlopen(probe, timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    sys.exit(f"load: {probe} did not answer within 60 s")


def stop(proc):
    if proc and proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def cpu_seconds(proc):
    with open(f"/proc/{proc.pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def settle(proc, limit=180):
    """Wait until the application's start-up work (due reminders, nudges and
    their mail) is done: less than 2 % of a CPU over a second."""
    deadline = time.monotonic() + limit
    last = cpu_seconds(proc)
    while time.monotonic() < deadline:
        time.sleep(1)
        now = cpu_seconds(proc)
        if now - last < 0.02:
            return
        last = now
    say(f"  (the application was still busy after {limit} s; measuring anyway)")


def peak_rss_mb(proc):
    with open(f"/proc/{proc.pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def login(base):
    """Sign the coordinator in through the pages; answer the Cookie header."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/login", timeout=10).read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrf_token": token, "email": COORDINATOR, "password": PASSWORD}).encode()
    opener.open(base + "/login", data=form, timeout=30).read()
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    if "kk_session" not in cookie:
        sys.exit("load: the coordinator could not sign in")
    return cookie


def check(base, path, headers, expect):
    """One request before the run: the route must answer 200 with `expect`."""
    req = urllib.request.Request(base + path, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            body = r.read().decode()
            if r.status != 200 or expect not in body:
                dump = os.path.join(tempfile.gettempdir(), "kakehashi-load-check.html")
                with open(dump, "w") as f:
                    f.write(body)
                sys.exit(f"load: {path} answered {r.status} without {expect!r} (body in {dump})")
    except urllib.error.HTTPError as e:
        sys.exit(f"load: {path} answered {e.code}")


def wrk(base, path, opts, method="GET", cookie=None, bearer=None, tokens=None):
    env = dict(os.environ, LOAD_METHOD=method, LOAD_PATH=path, LOAD_THREADS=str(opts.threads))
    for key, value in (("LOAD_COOKIE", cookie), ("LOAD_BEARER", bearer), ("LOAD_TOKENS", tokens)):
        if value:
            env[key] = value
    out = subprocess.run(
        ["wrk", f"-t{opts.threads}", f"-c{opts.connections}", f"-d{opts.seconds}s", "--timeout", "10s",
         "-s", LUA, base],
        env=env, capture_output=True, text=True, timeout=opts.seconds + 60,
    )
    line = next((l for l in out.stdout.splitlines() if l.startswith("RESULT ")), None)
    if line is None:
        sys.exit(f"load: wrk gave no result for {path}:\n{out.stdout}{out.stderr}")
    r = json.loads(line[len("RESULT "):])
    r["rps"] = r["requests"] / (r["duration_us"] / 1e6)
    r["p50_ms"] = r["p50_us"] / 1000
    r["p99_ms"] = r["p99_us"] / 1000
    r["errors"] = r["socket_errors"] + r["non_2xx"]
    if r["requests"] == 0:
        # Nothing finished within the run: as slow as it gets.
        r["p50_ms"] = r["p99_ms"] = float("inf")
        r["note"] = "no request finished within the run"
    return r


def measure(backend, work, size, opts, pg_url, full):
    """One programme size on one backend: generate, serve, measure."""
    db = Database(backend, work, f"m{size}", pg_url)
    kit = os.path.join(work, f"kit-{backend}-{size}")
    app_port, floor_port = free_port(), free_port()
    env = env_for(db, work, app_port)
    mentors = max(30, size // 10)
    took, _ = run([BINARY, "demo", "--mentees", str(size), "--mentors", str(mentors)], env, work, 1800)
    say(f"  {backend}: demo programme of {size:,} mentees and {mentors:,} mentors written in {took:.1f} s")
    # The kit's mentees are extra (each sheet one has an active plan), so the
    # growth pass, which submits nothing, takes the fewest it can.
    run([BINARY, "load-kit", "--count", str(opts.kit if full else 1), "--out", kit], env, work, 600)
    read = lambda name: open(os.path.join(kit, name)).read().strip()
    coordinator_token, queued = read("coordinator.token"), read("queued-intake")
    started = time.monotonic()
    app = serve([BINARY], env, work, f"http://127.0.0.1:{app_port}/healthz")
    startup = time.monotonic() - started
    floor = serve([BINARY, "floor"], env_for(db, work, floor_port), work,
                  f"http://127.0.0.1:{floor_port}/floor/plain")
    settle(app)
    results = {"startup_ms": startup * 1000}
    try:
        a, f = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{floor_port}"
        cookie = login(a)
        first_sheet = open(os.path.join(kit, "sheets.txt")).readline().split()
        scenarios = [
            # name, base, path, method, auth, check (headers, expected text)
            ("floor_plain", f, "/floor/plain", "GET", {}, "ok"),
            ("floor_one", f, "/floor/one?id=1", "GET", {}, "<h1>"),
            ("floor_list", f, "/floor/list", "GET", {}, "<table>"),
            ("queue", a, "/coordinator/intakes", "GET", {"cookie": cookie}, "<table"),
            ("plans", a, "/coordinator/plans", "GET", {"cookie": cookie}, "<table"),
            ("stalled", a, "/coordinator/stalled", "GET", {"cookie": cookie}, "<table"),
        ]
        if full:
            scenarios += [
                ("candidates_page", a, f"/coordinator/intakes/{queued}/candidates", "GET", {"cookie": cookie}, "候補"),
                ("candidates_api", a, f"/api/v1/intakes/{queued}/candidates", "GET",
                 {"bearer": coordinator_token}, "candidates"),
                ("invitation", a, "/api/v1/sessions/{session}/invite.ics", "GET",
                 {"tokens": os.path.join(kit, "sheets.txt")}, "BEGIN:VCALENDAR"),
                ("floor_write", f, "/floor/write", "POST", {}, None),
                ("intake_submit", a, "/api/v1/intake/submit", "POST",
                 {"tokens": os.path.join(kit, "intakes.txt")}, None),
                ("sheet_submit", a, "/api/v1/sessions/{session}/sheet/submit", "POST",
                 {"tokens": os.path.join(kit, "sheets.txt")}, None),
            ]
        if opts.only:
            wanted = set(opts.only.split(",")) | {"floor_plain", "floor_one", "floor_list", "floor_write"}
            scenarios = [s for s in scenarios if s[0] in wanted]
        for name, base, path, method, auth, expect in scenarios:
            # What a run left behind (requests wrk gave up on) is finished first.
            settle(app, 60)
            settle(floor, 60)
            if expect is not None:
                headers = {}
                if "cookie" in auth:
                    headers["Cookie"] = auth["cookie"]
                if "bearer" in auth:
                    headers["Authorization"] = f"Bearer {auth['bearer']}"
                if "tokens" in auth:
                    headers["Authorization"] = f"Bearer {first_sheet[0]}"
                check(base, path.replace("{session}", first_sheet[1]), headers, expect)
            r = wrk(base, path, opts, method, auth.get("cookie"), auth.get("bearer"), auth.get("tokens"))
            if "tokens" in auth and method == "POST" and r["requests"] > opts.kit:
                r["note"] = "load kit exhausted: raise --kit"
            results[name] = r
            say(f"  {backend} {size:>7,} {name:<16} {r['rps']:>9.0f}/s  p50 {r['p50_ms']:6.2f} ms  "
                f"p99 {r['p99_ms']:6.2f} ms  errors {r['errors']}{'  ' + r['note'] if 'note' in r else ''}")
        results["peak_rss_mb"] = peak_rss_mb(app)
        results["floor_peak_rss_mb"] = peak_rss_mb(floor)
    finally:
        stop(app)
        stop(floor)
        if not opts.keep:
            db.drop()
    return results


def ratio(results, name, floor):
    return results[name]["rps"] / max(results[floor]["rps"], 1e-9)


def report(backend, small, big, opts):
    """The budgets of issue 7, each with what was measured."""
    rows = []

    def row(what, budget, measured, ok):
        rows.append((what, budget, measured, ok))

    for page in ("queue", "plans", "stalled"):
        if page not in big:
            continue
        r, fl = big[page], big["floor_list"]
        rr = ratio(big, page, "floor_list")
        pr = r["p99_ms"] / fl["p99_ms"]
        row(f"{page} page, 100 rows", "≥ 0.6× floor_list, p99 ≤ 2×",
            f"{rr:.2f}× ({r['rps']:.0f}/s), p99 {r['p99_ms']:.1f} ms = {pr:.2f}×", rr >= 0.6 and pr <= 2)
        if small is not None and page in small:
            growth = ratio(small, page, "floor_list") / rr if rr > 0 else float("inf")
            row(f"{page} page, {opts.small:,} → {opts.mentees:,} mentees", "cost ≤ 1.5×",
                f"{growth:.2f}×" if growth != float("inf") else "no request finished at the larger size",
                growth <= 1.5)
    for page in ("candidates_page", "candidates_api"):
        if page not in big:
            continue
        rr = ratio(big, page, "floor_one")
        row(page.replace("_", " "), "≥ 0.3× floor_one", f"{rr:.2f}× ({big[page]['rps']:.0f}/s)", rr >= 0.3)
    if "invitation" in big:
        rr = ratio(big, "invitation", "floor_one")
        row("invitation download", "(ratio shown)", f"{rr:.2f}× floor_one ({big['invitation']['rps']:.0f}/s)", True)
    for sub in ("intake_submit", "sheet_submit"):
        if sub not in big:
            continue
        r = big[sub]
        rr = ratio(big, sub, "floor_write")
        row(f"{sub.replace('_', ' ')} + email, {opts.connections} conns", "≥ 0.7× floor_write, p99 ≤ 50 ms",
            f"{rr:.2f}× ({r['rps']:.0f}/s), p99 {r['p99_ms']:.1f} ms", rr >= 0.7 and r["p99_ms"] <= 50)
    row("peak RSS under the scenario", "≤ 100 MB", f"{big['peak_rss_mb']:.0f} MB", big["peak_rss_mb"] <= 100)
    row("start-up to first answer", "≤ 1 s", f"{big['startup_ms']:.0f} ms", big["startup_ms"] <= 1000)
    errors = sum(v["errors"] for v in big.values() if isinstance(v, dict))
    if small is not None:
        errors += sum(v["errors"] for v in small.values() if isinstance(v, dict))
    say(f"\n{backend}: {opts.mentees:,} mentees, {opts.connections} connections, {opts.seconds} s per route")
    say("| what | budget | measured | |")
    say("|---|---|---|---|")
    for what, budget, measured, ok in rows:
        say(f"| {what} | {budget} | {measured} | {'met' if ok else 'MISSED'} |")
    say(f"errors: {errors}")
    return errors, rows


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--mentees", type=int, default=100_000)
    p.add_argument("--small", type=int, default=1_000, help="the smaller programme for the growth budget (0: skip)")
    p.add_argument("--seconds", type=int, default=10)
    p.add_argument("--connections", type=int, default=32)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--kit", type=int, default=10_000, help="mentees ready to submit, per kind")
    p.add_argument("--backend", choices=["sqlite", "postgres", "both"], default=None)
    p.add_argument("--quick", action="store_true", help="1,000 mentees, 1 s per route, no growth pass (CI)")
    p.add_argument("--no-build", action="store_true")
    p.add_argument("--keep", action="store_true", help="keep the databases and the work directory")
    p.add_argument("--json", help="write every figure here")
    p.add_argument("--only", help="measure only these routes (comma-separated names; the floors always run)")
    opts = p.parse_args()
    if opts.quick:
        opts.mentees, opts.small, opts.seconds, opts.kit = 1_000, 0, 1, 3_000
    pg_url = os.environ.get("KAKEHASHI_LOAD_POSTGRES_URL") or os.environ.get("KAKEHASHI_TEST_POSTGRES_URL")
    backends = {"sqlite": ["sqlite"], "postgres": ["postgres"], "both": ["sqlite", "postgres"]}.get(
        opts.backend, ["sqlite", "postgres"] if pg_url else ["sqlite"])
    if "postgres" in backends and not pg_url:
        sys.exit("load: PostgreSQL asked for but KAKEHASHI_LOAD_POSTGRES_URL is not set")
    if "postgres" not in backends:
        say("load: PostgreSQL skipped (set KAKEHASHI_LOAD_POSTGRES_URL to include it)")
    ensure_wrk()
    if not opts.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    work = tempfile.mkdtemp(prefix="kakehashi-load-")
    say(f"load: working in {work}; {time.strftime('%Y-%m-%d %H:%M %Z')}; {os.cpu_count()} CPUs")
    everything, total_errors = {}, 0
    try:
        for backend in backends:
            small = measure(backend, work, opts.small, opts, pg_url, False) if opts.small else None
            big = measure(backend, work, opts.mentees, opts, pg_url, True)
            errors, rows = report(backend, small, big, opts)
            total_errors += errors
            everything[backend] = {"small": small, "big": big, "budgets": rows}
    finally:
        if not opts.keep:
            shutil.rmtree(work, ignore_errors=True)
    if opts.json:
        with open(opts.json, "w") as f:
            json.dump(everything, f, indent=2, ensure_ascii=False)
    if total_errors:
        sys.exit(f"load: {total_errors} requests failed")


if __name__ == "__main__":
    main()
