#!/usr/bin/env python3
"""Run nextpnr (the command after `--`) and follow its log: print its progress (the placer's
iterations, the placement's Fmax estimate, each routing pass with the wires still overused, the
routed Fmax) and stop a route that has stalled. Router2 never gives up by itself: a design that
does not route (the 2x1 on the LFE5U-85F) runs for hours with tens of thousands of wires
overused, silently, since the flow runs nextpnr with -q.

Stalled: for STALL passes no pass has brought the overused wires below the fewest before them,
and more than FLOOR are left. The floor is there because a route near its end can take a hundred
passes over its last few wires (the 1x1 at 25 MHz spent 60 passes on one and then routed).

usage: pnr_watch.py --log PNR_LOG [--stall N] [--floor W] [--every S] -- nextpnr-ecp5 ... --log PNR_LOG
Exit status: nextpnr's own; 3 when the route was stopped as stalled (the log stays: fpga-report
reads a stopped run from it)."""
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
        self.fmax = None

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
    args = ap.parse_args(argv[1:cut])
    if not argv[cut + 1:]:
        ap.error("no nextpnr command after --")
    if args.stall < 0 or args.floor < 0 or args.every <= 0:
        ap.error("--stall and --floor take a count (0 or more), --every a positive time")
    return run(argv[cut + 1:], args.log, Watch(args.stall, args.floor), args.every)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
