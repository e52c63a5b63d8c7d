#!/usr/bin/env python3
"""Tests of fpga/tools/pnr_watch.py against a stand-in for nextpnr (a script written here that
writes router2's lines into its --log as nextpnr does, then ends or runs on): a route that ends
is followed to its Fmax and exit status; a stalled one is stopped, its process ended; one that
lingers over a few wires (under the floor) is not stopped; a failing run's status and error come
through; a command that does not exist is reported."""
import os
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest

WATCH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools", "pnr_watch.py")

# the stand-in: argv[1] a list of overused-wire counts (one router2 pass each), argv[2] what to do
# at the end (done, fail, hang), then nextpnr's own `--log PATH`
FAKE = textwrap.dedent("""\
    import sys, time
    counts, end, log = sys.argv[1], sys.argv[2], sys.argv[sys.argv.index("--log") + 1]
    with open(log, "w") as f:
        print("Info: iter=100 steplen=0.5 a=1.0 penalty=[0.00]", file=f, flush=True)
        print("Info: Max frequency for clock '$glbnet$clk': 24.20 MHz (FAIL at 25.00 MHz)", file=f, flush=True)
        print("Info: Running router2...", file=f, flush=True)
        for i, o in enumerate(counts.split(","), 1):
            print("Info:     iter=%d wires=600000 overused=%s overuse=%s archfail=NA" % (i, o, o), file=f, flush=True)
            time.sleep(0.01)
        if end == "done":
            print("Info: Max frequency for clock '$glbnet$clk': 25.24 MHz (PASS at 25.00 MHz)", file=f)
            print("Info: Program finished normally.", file=f)
            sys.exit(0)
        if end == "fail":
            print("ERROR: Failed to route design", file=f)
            sys.exit(1)
        time.sleep(60)
""")


class WatchTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.fake = os.path.join(self.dir.name, "fake_nextpnr.py")
        with open(self.fake, "w") as f:
            f.write(FAKE)
        self.log = os.path.join(self.dir.name, "pnr.log")

    def tearDown(self):
        self.dir.cleanup()

    def watch(self, counts, end, stall=5, floor=100):
        t = time.time()
        p = subprocess.run([sys.executable, WATCH, "--log", self.log, "--stall", str(stall),
                            "--floor", str(floor), "--every", "0.05", "--",
                            sys.executable, self.fake, counts, end, "--log", self.log],
                           capture_output=True, text=True, timeout=50)
        return p.returncode, p.stdout + p.stderr, time.time() - t

    def test_routed(self):
        rc, out, _ = self.watch("5000,300,40,2,0", "done")
        self.assertEqual(rc, 0)
        self.assertIn("routing (placement estimate 24.20 MHz)", out)
        self.assertIn("routing pass 3: 40 wires overused (fewest 40, at pass 3)", out)
        self.assertIn("routed in 5 passes: Fmax 25.24 MHz, PASS at 25.00 MHz", out)

    def test_stalled_is_stopped(self):
        # fewest 900 at pass 3, then five passes without fewer: stopped at pass 8, not after 60 s
        rc, out, took = self.watch("5000,2000,900,950,1000,990,940,905,901,899", "hang")
        self.assertEqual(rc, 3)
        self.assertIn("the route stalled, 905 wires overused after 8 passes, the fewest (900) at pass 3",
                      out)
        self.assertLess(took, 40)
        with open(self.log) as f:  # the log stays for fpga-report, up to where it was stopped
            self.assertIn("iter=8 ", f.read())

    def test_few_wires_left_are_not_a_stall(self):
        rc, out, _ = self.watch("5000,80,1,1,1,1,1,1,1,1,1,1,0", "done")
        self.assertEqual(rc, 0)
        self.assertNotIn("stalled", out)

    def test_no_stall_check(self):
        rc, _, _ = self.watch("5000,900,950,950,950,950,950,950,950,0", "done", stall=0)
        self.assertEqual(rc, 0)

    def test_failure_comes_through(self):
        rc, out, _ = self.watch("5000,300", "fail")
        self.assertEqual(rc, 1)
        self.assertIn("ERROR: Failed to route design", out)

    def test_missing_command(self):
        p = subprocess.run([sys.executable, WATCH, "--log", self.log, "--", "/nonexistent/nextpnr"],
                           capture_output=True, text=True, timeout=20)
        self.assertEqual(p.returncode, 127)
        self.assertIn("cannot run /nonexistent/nextpnr", p.stdout + p.stderr)

    def test_bad_options(self):
        for args in (["--log", self.log], ["--log", self.log, "--stall", "-1", "--", "x"],
                     ["--log", self.log, "--"]):
            p = subprocess.run([sys.executable, WATCH] + args, capture_output=True, text=True, timeout=20)
            self.assertEqual(p.returncode, 2, args)


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=1).result
    failed = len(result.failures) + len(result.errors)
    print("%d passed, %d failed" % (result.testsRun - failed, failed))
    sys.exit(1 if failed else 0)
