#!/usr/bin/env python3
"""Run nextpnr (the command after `--`) and follow its log: print its progress (the placer's
iterations, the placement's Fmax estimate, each routing pass with the wires still overused, the
routed Fmax) and stop a route that has stalled. Router2 never gives up by itself: a design that
does not route (the 2x1 on the LFE5U-85F) runs for hours with tens of thousands of wires
overused, silently, since the flow runs nextpnr with -q.

Stalled: for STALL passes no pass has brought the overused wires below the fewest before them,
and more than FLOOR are left. The floor is there because a route near its end can take a hundred
passes over its last few wires (the 1x1 at 25 MHz spent 60 passes on one and then routed).

Seeds (--seeds 1,13,5): whether a netlist routes at 25 MHz depends on the placer's seed (change
65's 1x1 stalled with seed 13 and routed with seed 1), so the command is run with `--seed S` for
each seed in turn until one routes and meets its clock. A try that stalls, fails or misses the
clock leaves its outputs (the files after --log, --textcfg, --report, --write) renamed with
`.seedS`; when no seed meets the clock, the routed try with the highest Fmax is put back (or,
when none routed, the last try stays). --record FILE gets one line per try.

usage: pnr_watch.py --log PNR_LOG [--stall N] [--floor W] [--every S] [--seeds LIST] [--record FILE]
                    -- nextpnr-ecp5 ... --log PNR_LOG
Exit status: that of the try whose outputs stand (nextpnr's own); 3 when that route was stopped as
stalled (the log stays: fpga-report reads a stopped run from it)."""
import argparse
import os
import re
import signal
import subprocess
import sys
import time

PLACER_ITER = re.compile(r"iter=(\d+) steplen=")           # the static placer's iterations
ROUTER_PASS = re.compile(r"iter=(\d+) wires=\d+ overused=(\d+)")
FMAX = re.compile(r"Max frequency for clock '[^']*': ([0-9.]+) MHz \((PASS|FAIL) at ([0-9.]+) MHz\)")
STALLED = 3


class Watch:
    """Reads the log's new lines, says what happened, and decides whether the route stalled."""

    def __init__(self, stall, floor, out=sys.stdout):
        self.stall, self.floor, self.out = stall, floor, out
        self.fewest = None   # (overused wires, pass)
        self.last = None     # (pass, overused wires)
        self.routing = False
        self.fmax = None     # the latest Fmax line's figure: the placement's, then the route's
        self.routed = None   # (Fmax, met) once the route has ended

    def say(self, text):
        print("pnr: " + text, file=self.out, flush=True)

    def line(self, text):
        """Take one log line; True when the route has stalled."""
        m = ROUTER_PASS.search(text)
        if m:
            p, o = int(m.group(1)), int(m.group(2))
            if not self.routing:
                self.routing = True
                self.say("routing" + (" (placement estimate %s MHz)" % self.fmax if self.fmax else ""))
            if self.fewest is None or o < self.fewest[0]:
                self.fewest = (o, p)
            self.last = (p, o)
            if p <= 10 or p % 10 == 0:
                self.say("routing pass %d: %d wires overused (fewest %d, at pass %d)"
                         % (p, o, self.fewest[0], self.fewest[1]))
            return self.stall > 0 and p - self.fewest[1] >= self.stall and self.fewest[0] > self.floor
        m = PLACER_ITER.search(text)
        if m and not self.routing:
            if int(m.group(1)) % 100 == 0 and m.group(1) != "0":
                self.say("placing, iteration %s" % m.group(1))
            return False
        m = FMAX.search(text)
        if m:
            self.fmax = m.group(1)
            if self.routing:
                self.routed = (float(m.group(1)), m.group(2) == "PASS")
                self.say("routed in %d passes: Fmax %s MHz, %s at %s MHz"
                         % (self.last[0] if self.last else 0, m.group(1), m.group(2), m.group(3)))
            return False
        if text.startswith("ERROR"):
            self.say(text.rstrip())
        return False

    def stalled_text(self):
        return ("stopped: the route stalled, %d wires overused after %d passes, the fewest (%d) at "
                "pass %d and none fewer in the %d passes since (FPGA_PNR_STALL=0 routes on)"
                % (self.last[1], self.last[0], self.fewest[0], self.fewest[1], self.stall))


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def run(cmd, log, watch, every):
    try:
        os.remove(log)  # the previous run's: only this run's lines count
    except FileNotFoundError:
        pass
    try:
        proc = subprocess.Popen(cmd)
    except OSError as e:
        watch.say("cannot run %s: %s" % (cmd[0], e))
        return 127
    pos, partial = 0, ""
    try:
        while True:
            done = proc.poll() is not None
            if os.path.exists(log):
                with open(log, errors="replace") as f:
                    f.seek(pos)
                    chunk = f.read()
                    pos = f.tell()
                lines = (partial + chunk).split("\n")
                partial = lines.pop()
                for text in lines:
                    if watch.line(text):
                        watch.say(watch.stalled_text())
                        stop(proc)
                        return STALLED
            if done:
                if partial:
                    watch.line(partial)
                return proc.returncode
            time.sleep(every)
    except KeyboardInterrupt:
        stop(proc)
        raise


OUTPUT_OPTS = ("--log", "--textcfg", "--report", "--write")


def outputs(cmd):
    """The files a nextpnr command writes (the values of OUTPUT_OPTS)."""
    return [cmd[i + 1] for i, a in enumerate(cmd[:-1]) if a in OUTPUT_OPTS]


def set_aside(files, seed, back=False):
    """Rename a try's outputs to NAME.seedS (or back)."""
    for f in files:
        a, b = f, "%s.seed%s" % (f, seed)
        if back:
            a, b = b, a
        if os.path.exists(a):
            os.replace(a, b)


def outcome(rc, watch):
    if rc == STALLED:
        return "stalled (fewest %d wires overused, at pass %d)" % (watch.fewest[0], watch.fewest[1])
    if rc == 0 and watch.routed:
        return "routed in %d passes, Fmax %.2f MHz (%s)" % (
            watch.last[0] if watch.last else 0, watch.routed[0], "met" if watch.routed[1] else "clock missed")
    return "failed (exit status %d)" % rc


def tries(cmd, log, seeds, make_watch, every, record):
    """Run cmd once per seed until one routes and meets its clock; the exit status of the try
    whose outputs stand."""
    files = outputs(cmd)
    lines, missed = [], []   # missed: (seed, rc, Fmax of a routed try or None)
    for n, seed in enumerate(seeds):
        watch = make_watch()
        if len(seeds) > 1:
            watch.say("seed %s (try %d of %d)" % (seed, n + 1, len(seeds)))
        rc = run(cmd + ["--seed", seed], log, watch, every)
        lines.append("seed %s: %s" % (seed, outcome(rc, watch)))
        if len(seeds) > 1:
            watch.say(lines[-1])
        if rc == 0 and watch.routed and watch.routed[1]:
            lines.append("kept: seed %s" % seed)
            break
        missed.append((seed, rc, watch.routed[0] if rc == 0 and watch.routed else None))
        if n + 1 < len(seeds):
            set_aside(files, seed)
    if len(missed) == len(seeds):   # the best routed try's outputs stand, else the last try's
        routed = [m for m in missed if m[2] is not None]
        best = max(routed, key=lambda m: m[2]) if routed else missed[-1]
        if best is not missed[-1]:
            set_aside(files, missed[-1][0])
            set_aside(files, best[0], back=True)
            watch.say("no seed met the clock: seed %s's route (the highest Fmax) stands" % best[0])
        rc = best[1]
        lines.append("kept: seed %s" % best[0])
    if record:
        with open(record, "w") as f:
            f.write("\n".join(lines) + "\n")
    return rc


def main(argv):
    if "--" not in argv:
        print(__doc__, file=sys.stderr)
        return 2
    cut = argv.index("--")
    ap = argparse.ArgumentParser(description="Run nextpnr, print its progress, stop a stalled route.")
    ap.add_argument("--log", required=True, help="the log nextpnr writes (its --log)")
    ap.add_argument("--stall", type=int, default=50,
                    help="passes without fewer overused wires after which the route stops (0: never)")
    ap.add_argument("--floor", type=int, default=100,
                    help="a route with at most this many wires overused is never stopped")
    ap.add_argument("--every", type=float, default=2.0, help="seconds between looks at the log")
    ap.add_argument("--seeds", help="placer seeds to try in turn (1,13,5) until one meets the clock")
    ap.add_argument("--record", help="file for one line per try: its seed and outcome")
    args = ap.parse_args(argv[1:cut])
    cmd = argv[cut + 1:]
    if not cmd:
        ap.error("no nextpnr command after --")
    if args.stall < 0 or args.floor < 0 or args.every <= 0:
        ap.error("--stall and --floor take a count (0 or more), --every a positive time")
    make_watch = lambda: Watch(args.stall, args.floor)  # noqa: E731
    if args.seeds is None:
        return run(cmd, args.log, make_watch(), args.every)
    seeds = args.seeds.replace(",", " ").split()
    if not seeds or not all(x.isdigit() for x in seeds):
        ap.error("--seeds takes placer seeds, whole numbers: %r" % args.seeds)
    if "--seed" in cmd:
        ap.error("--seeds and a --seed in the nextpnr command: give one of them")
    return tries(cmd, args.log, seeds, make_watch, args.every, args.record)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
