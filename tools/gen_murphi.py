#!/usr/bin/env python3
"""Generate the Murphi model of the coherence protocol (for rumur) from the protocol table
rtl/coherence_ctrl/protocol.py, the same table the RTL's package and step modules come from
(tools/gen_protocol.py).

usage: gen_murphi.py [--nodes N] [--lines L] [--values V] [--fail none|home|other|fw]
                     [--firewall 0|1] [--evict 0|1] [--liveness 0|1] [--canon 0|1]
                     [--bug NAME] OUTPUT.m
       gen_murphi.py --list-bugs
       gen_murphi.py run --set formal|test|bugs|sweep [--timeout S] [--work DIR] [--json F]
                         [--only NAME,...]

The output is: the configuration constants and the enums (messages, home and L1 states and
events) generated from the table, the hand-written declarations (model/decls.m) and actions
and guards (model/actions.m, one procedure per action name, one function per guard name), the
canonical form every rule ends with (model/canon.m: dead values zeroed, values renamed, the
lines and the non-home nodes sorted; --canon 0 leaves it out to measure what it saves), the generated dispatch (one `if state = X & event = Y & guards then actions; next state` branch per
table row, for the home and for the L1) and the hand-written rules and invariants
(model/rules.m). --bug plants a known protocol bug (a changed copy of the table) so that the
checker can be shown to reject it. --fail chooses the one fault a run may take: the home
node fails, another node fails, or (fw) a firewall bit clears with no sweep, the only way to an
owner whose writeback or recalled line the home must refuse.
"""
import argparse
import copy
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen_protocol as G  # noqa: E402  (the table's parser and checks)

P = G.P
MODEL = os.path.join(HERE, "..", "rtl", "coherence_ctrl", "model")


# --------------------------------------------------------------------- planted bugs
def _replace(rows, st, ev, guard, new):
    out, hit = [], 0
    for r in rows:
        if r[0] == st and r[1] == ev and (guard is None or r[2] == guard):
            out.append(new(r))
            hit += 1
        else:
            out.append(r)
    assert hit, (st, ev, guard)
    return out


BUGS = {
    "double_invack": ("a sharer answers an invalidation with two INVACKs (an ack counted twice)",
                      lambda h, c: (h, _replace(c, "S", "INV", "",
                                                lambda r: (r[0], r[1], r[2], r[3], ["invack", "invack"])))),
    "fw_skip_wb": ("the firewall check is skipped on a writeback (a refused PUTM writes memory)",
                   lambda h, c: (_replace(h, "M", "PUTM", "src_owner & !fw_ok",
                                          lambda r: (r[0], r[1], r[2], r[3], ["memwr"] + r[4])), c)),
    "no_defer": ("an INV that reaches ISD is acked at once instead of deferred",
                 lambda h, c: (h, _replace(c, "ISD", "INV", "",
                                           lambda r: (r[0], r[1], r[2], r[3], ["invack"])))),
    "fw_skip_getm": ("the firewall check is skipped on GETM from I (the refused hart gets M)",
                     lambda h, c: (_replace(h, "I", "GETM", "!fw_ok",
                                            lambda r: (r[0], r[1], r[2], "BMEM", ["save_m", "memrd"])), c)),
    "fw_skip_recack": ("the firewall check is skipped on a recalled dirty line (a refused RECACK "
                       "of an eviction writes memory)",
                       lambda h, c: (_replace(h, "BREC", "RECACK", "evict & dirty & !fw_ok",
                                              lambda r: (r[0], r[1], r[2], r[3], ["memwr"] + r[4])), c)),
    "wb_recall_stale": ("a recall of a line in the writeback buffer is answered as if the line "
                        "were clean and invalid (the dirty copy is dropped)",
                        lambda h, c: (h, [(r[0], r[1], r[2], r[3],
                                           ["recack"] if r[4] == ["recack_wb"] and r[0] == "I" else r[4])
                                          for r in c])),
}


# --------------------------------------------------------------------- generation
def guard_expr(g, pre, args):
    terms = G.parse_guard(g, G.names(P.HOME_GUARDS if pre == "hg" else P.L1_GUARDS))
    return [("" if want else "!") + f"{pre}_{n}({args})" for n, want in terms]


def enums():
    out = ["const"] + [f"  M_{m[0]}: {i};" for i, m in enumerate(P.MESSAGES)] + ["type"]
    out.append(f"  MsgType: 0..{len(P.MESSAGES) - 1};   -- a range, so that a network can be sorted")
    out.append("  HState: enum {" + ", ".join(f"H_{s[0]}" for s in P.HOME_STATES) + "};")
    out.append("  HEvent: enum {" + ", ".join(f"HE_{e[0]}" for e in P.HOME_EVENTS) + "};")
    out.append("  LState: enum {" + ", ".join(f"L_{s[0]}" for s in P.L1_STATES) + "};")
    out.append("  LEvent: enum {" + ", ".join(f"LE_{e[0]}" for e in P.L1_EVENTS) + "};")
    # an L1 or home state as a number, for the symmetry keys (canon.m): Murphi enums have no ord
    out += ["const", f"  LSTATES: {len(P.L1_STATES)};", f"  HSTATES: {len(P.HOME_STATES)};"]
    for fn, typ, pre, states in (("lstate_ord", "LState", "L", P.L1_STATES),
                                 ("hstate_ord", "HState", "H", P.HOME_STATES)):
        out += ["", f"function {fn}(s: {typ}): 0..{len(states) - 1};", "begin", "  switch s"]
        out += [f"    case {pre}_{st[0]}: return {i};" for i, st in enumerate(states)]
        out += ["  endswitch;", "end;"]
    return out


def dispatch(rows, kind):
    """The step procedure, the can-fire function and (L1) the defers function."""
    if kind == "home":
        sig, call, stv, spre, epre, apre, gpre, gargs = (
            "l: Line; e: HEvent; ev: Ev", "l, ev", "dir[l].state", "H", "HE", "h", "hg", "l, ev")
        name = "home"
    else:
        sig, call, stv, spre, epre, apre, gpre, gargs = (
            "n: Node; l: Line; e: LEvent; ev: Ev", "n, l, ev", "l1[n][l].state", "L", "LE", "c",
            "cg", "n, l, ev")
        name = "l1"
    out = [f"-- {name}: one branch per row of protocol.py ({len(rows)} rows)",
           f"procedure {name}_step({sig});", "begin"]
    # rumur cannot call a function returning a record inside a rule's guard: the can-fire and
    # defers functions take the source and build the event themselves
    csig = sig.replace("; ev: Ev", "; src: Node")
    mk = ("  ev := mkev(src, l, 0, false, false, L_I, false);" if kind == "home" else
          "  ev := mkev(src, l, 0, false, false, l1[n][l].state, false);")
    can = [f"function {name}_can({csig}): boolean;", "var ev: Ev;", "begin", mk]
    dfr = [f"function {name}_defers({csig}): boolean;", "var ev: Ev;", "begin", mk]
    kw = "if"
    for st, ev, g, nx, acts in rows:
        cond = " & ".join([f"{stv} = {spre}_{st}", f"e = {epre}_{ev}"] + guard_expr(g, gpre, gargs))
        body = "".join(f" {apre}_{a}({call});" for a in acts if a != "defer")
        out.append(f"  {kw} {cond} then  -- {st} {ev} [{g}] -> {nx}: {', '.join(acts)}")
        out.append(f"   {body} {stv} := {spre}_{nx};")
        can.append(f"  if {cond} then return true; endif;")
        if "defer" in acts:
            dfr.append(f"  if {cond} then return true; endif;")
        kw = "elsif"
    out += [f"  else error \"{name}: no row of the table for this state and event\";", "  endif;",
            "end;", ""]
    can += ["  return false;", "end;", ""]
    dfr += ["  return false;", "end;", ""]
    return can + (dfr if kind == "l1" else []) + out


def generate(a):
    home, l1 = copy.deepcopy(P.HOME), copy.deepcopy(P.L1)
    G.check(home, G.names(P.HOME_STATES), G.names(P.HOME_EVENTS), G.names(P.HOME_GUARDS),
            G.names(P.HOME_ACTIONS), "home")
    G.check(l1, G.names(P.L1_STATES), G.names(P.L1_EVENTS), G.names(P.L1_GUARDS),
            G.names(P.L1_ACTIONS), "l1")
    if a.bug:
        home, l1 = BUGS[a.bug][1](home, l1)
    canfail, failhome, fwfault = {"none": ("false", "false", "false"),
                                  "home": ("true", "true", "false"),
                                  "other": ("true", "false", "false"),
                                  "fw": ("false", "false", "true")}[a.fail]
    out = [f"-- GENERATED by tools/gen_murphi.py from rtl/coherence_ctrl/protocol.py: do not edit.",
           f"-- nodes={a.nodes} lines={a.lines} values={a.values} fail={a.fail} "
           f"firewall={a.firewall} evict={a.evict} bug={a.bug or 'none'} canon={a.canon}",
           "const",
           f"  NODES: {a.nodes};", f"  LINES: {a.lines};", f"  VALUES: {a.values};",
           "  HOME: 0;   -- every line's home is node 0",
           f"  CANFAIL: {canfail};   -- one node fails, once",
           f"  FAILHOME: {failhome};  -- the home fails (else any other node)",
           f"  FWFAULT: {fwfault};  -- one firewall bit clears, once, with no sweep",
           f"  FIREWALL: {'true' if a.firewall else 'false'};",
           f"  DIR_EVICT: {'true' if a.evict else 'false'};",
           f"  NETCAP: {2 * a.nodes * a.lines + 2};", ""]
    out += enums() + [""]
    for f in ("decls.m", "actions.m", "canon.m"):
        out.append(f"-- ---- {f}")
        if f == "canon.m" and not a.canon:   # to measure what the reductions save: only the
            out.append("procedure canon(); begin net_sort(reqnet); net_sort(fwdnet); "  # order
                       "net_sort(respnet); end;")                                     # of nets
            continue
        out.append(open(os.path.join(MODEL, f)).read())
    out.append("-- ---- generated dispatch")
    out += dispatch(home, "home") + dispatch(l1, "l1")
    out.append("-- ---- rules.m")
    rules = open(os.path.join(MODEL, "rules.m")).read()
    if not a.liveness:
        rules = rules[:rules.index("-- every outstanding request can still end")]
    out.append(rules)
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------- running rumur
import hashlib  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402


def config_args(cfg):
    """A configuration (CONFIGS' form) as generate()'s arguments, with the defaults."""
    return argparse.Namespace(nodes=cfg.get("nodes", 2), lines=cfg.get("lines", 1),
                              values=cfg.get("values", 2), fail=cfg.get("fail", "none"),
                              firewall=cfg.get("firewall", 1), evict=cfg.get("evict", 1),
                              bug=cfg.get("bug"), liveness=cfg.get("liveness", 0),
                              canon=cfg.get("canon", 1))


def check(cfg, workdir, timeout=1800):
    """Generate, compile and run one configuration; returns a dict (status 'ok' | 'error' |
    'timeout' | 'tool', states, rules, seconds, message, trace)."""
    name = cfg["name"]
    os.makedirs(workdir, exist_ok=True)
    m, c, exe = (os.path.join(workdir, name + s) for s in (".m", ".c", ""))
    args = config_args(cfg)
    conf = {k: getattr(args, k) for k in vars(args)}
    model = generate(args)
    with open(m, "w") as f:
        f.write(model)
    err = build_verifier(model, m, c, exe)
    if err:
        return {"name": name, "config": conf, "status": "tool", "message": err}
    t0 = time.time()
    try:
        r = subprocess.run([exe], capture_output=True, text=True, timeout=timeout, errors="replace")
    except subprocess.TimeoutExpired:
        return {"name": name, "config": conf, "model": model_key(model)[:12], "status": "timeout",
                "seconds": round(time.time() - t0, 1)}
    out = r.stdout + r.stderr
    with open(os.path.join(workdir, name + ".log"), "w") as f:
        f.write(out)
    res = {"name": name, "config": conf, "model": model_key(model)[:12],
           "seconds": round(time.time() - t0, 1)}
    mm = re.search(r"(\d+) states, (\d+) rules fired in", out)
    if mm:
        res["states"], res["rules_fired"] = int(mm.group(1)), int(mm.group(2))
    if "No error found" in out and r.returncode == 0:
        res["status"] = "ok"
    else:
        res["status"] = "error"
        em = re.search(r"error trace for the error:\s*\n\s*(.+)", out)
        res["message"] = em.group(1).strip() if em else tail(out)
        res["log"] = os.path.join(workdir, name + ".log")
    return res


def verifier_cache():
    """Where compiled verifiers are kept between runs (like ccache's directory, it outlives a
    clean checkout): HIVE_FORMAL_CACHE, else $XDG_CACHE_HOME/hive-formal or ~/.cache/hive-formal;
    '' or 'off' disables it."""
    d = os.environ.get("HIVE_FORMAL_CACHE")
    if d is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        d = os.path.join(base, "hive-formal")
    return None if d in ("", "off") else d


def model_key(model):
    """A hash of the model text and the tools' versions: names a compiled verifier, and tells
    which model a result in formal.json came from."""
    tools = "".join(subprocess.run([t, "--version"], capture_output=True, text=True).stdout
                    for t in ("rumur", "cc"))
    return hashlib.sha256((model + tools + " ".join(CC_FLAGS)).encode()).hexdigest()[:24]


# -O3 checks the same states half again as fast as -O2: it inlines the verifier's bit-field
# reads of the packed state, where most of its time goes (perf, docs/formal.md)
CC_FLAGS = ["-O3", "-mcx16", "-pthread"]


def build_verifier(model, m, c, exe):
    """rumur + cc: model -> exe; returns an error message or None. Generating and compiling a
    verifier takes a minute, so the executable is cached under a hash of the model text and the
    tools' versions: the check itself always runs again."""
    key = model_key(model)
    cache = verifier_cache()
    cached = os.path.join(cache, key) if cache else None
    if cached and os.path.exists(cached):
        shutil.copy2(cached, exe)
        return None
    r = subprocess.run(["rumur", m, "-o", c], capture_output=True, text=True)
    if r.returncode:
        return "rumur: " + r.stderr[-2000:]
    r = subprocess.run(["cc", *CC_FLAGS, c, "-o", exe], capture_output=True,
                       text=True)
    if r.returncode:
        return "cc: " + r.stderr[-2000:]
    if cached:
        os.makedirs(cache, exist_ok=True)
        shutil.copy2(exe, cached + ".tmp")
        os.replace(cached + ".tmp", cached)  # concurrent runs never see half a file
    return None


def tail(text, n=8):
    return "\n".join(text.strip().splitlines()[-n:])


# make formal / make test: the configurations (issue 6) and the planted bugs
CONFIGS = {
    "2n1l2v": dict(nodes=2, lines=1, values=2, liveness=1),
    "2n1l2v-nolive": dict(nodes=2, lines=1, values=2, liveness=0),
    "2n1l2v-nocanon": dict(nodes=2, lines=1, values=2, liveness=0, canon=0),   # what canon saves
    "2n1l2v-failhome": dict(nodes=2, lines=1, values=2, fail="home", liveness=1),
    "2n1l2v-failother": dict(nodes=2, lines=1, values=2, fail="other", liveness=1),
    "2n1l2v-failfw": dict(nodes=2, lines=1, values=2, fail="fw", liveness=1),
    # the larger ones without liveness: its proof after the search costs more than the search
    "3n1l2v": dict(nodes=3, lines=1, values=2),
    "3n1l2v-failhome": dict(nodes=3, lines=1, values=2, fail="home"),
    "3n1l2v-failother": dict(nodes=3, lines=1, values=2, fail="other"),
    # two lines meet only in a node's one writeback buffer: the firewall and the directory's
    # evictions act on each line alone and are checked with one line, where they multiply the
    # states (these three against 2n1l2v-nolive); with two lines the factor comes squared, out of
    # this machine's reach (docs/formal.md)
    "2n1l2v-nofw": dict(nodes=2, lines=1, values=2, firewall=0),
    "2n1l2v-noevict": dict(nodes=2, lines=1, values=2, evict=0),
    "2n1l2v-nofw-noevict": dict(nodes=2, lines=1, values=2, firewall=0, evict=0),
    "2n2l2v": dict(nodes=2, lines=2, values=2, firewall=0, evict=0),
    "2n2l2v-failhome": dict(nodes=2, lines=2, values=2, firewall=0, evict=0, fail="home"),
    "2n2l2v-failother": dict(nodes=2, lines=2, values=2, firewall=0, evict=0, fail="other"),
}
TEST_CONFIGS = {"2n1l2v-nolive": dict(nodes=2, lines=1, values=2, liveness=0)}
TIMEOUT_S = 4 * 3600   # a configuration of make formal / make regress that runs longer fails

# make formal-sweep: candidates in growing order, no failure, no liveness (the state space is
# what grows); a candidate at least as large in every dimension as one that ran out of time is
# skipped. The largest that finishes is the one with most states.
SWEEP = [dict(nodes=n, lines=l, values=v, liveness=0)
         for n, l, v in [(2, 1, 2), (2, 1, 3), (3, 1, 2), (2, 2, 2), (3, 1, 3), (4, 1, 2),
                         (2, 2, 3), (3, 2, 2), (4, 1, 3), (5, 1, 2), (4, 2, 2)]]


def sweep_configs():
    return {f"sweep-{c['nodes']}n{c['lines']}l{c['values']}v": c for c in SWEEP}


def dominates(big, small):
    return all(big[k] >= small[k] for k in ("nodes", "lines", "values"))


# the bugs in a refusal row: only an owner without permission reaches them, i.e. a firewall fault
FW_FAULT_BUGS = {"fw_skip_wb", "fw_skip_recack"}


def bug_configs():
    return {f"bug-{b}": dict(nodes=2, lines=1, values=2, bug=b, liveness=0,
                             fail="fw" if b in FW_FAULT_BUGS else "none")
            for b in sorted(BUGS)}


def reused(known, cfg, timeout):
    """The result `known` holds for cfg's model, as a result of this run (a check that took
    longer than `timeout` counts as one that ran out of time), or None."""
    r = known.get(model_key(generate(config_args(cfg)))[:12])
    if r is None or (r["status"] == "timeout" and r.get("seconds", 0) < timeout):
        return None
    res = dict(r, name=cfg["name"], reused=r["name"])
    if res["status"] == "ok" and res.get("seconds", 0) > timeout:
        res = {k: v for k, v in res.items() if k not in ("states", "rules_fired")}
        res["status"] = "timeout"
    return res


def run_main(argv):
    ap = argparse.ArgumentParser(prog="gen_murphi.py run")
    ap.add_argument("--set", choices=["formal", "test", "bugs", "sweep"], default="formal")
    ap.add_argument("--work", default="build/formal")
    ap.add_argument("--json", default=None)
    ap.add_argument("--timeout", type=int, default=TIMEOUT_S, help="seconds per configuration")
    ap.add_argument("--reuse", metavar="JSON",
                    help="take the result of a configuration whose model (hash) already has one "
                         "in this file (make formal's) instead of checking it again")
    ap.add_argument("--only", metavar="NAME,...",
                    help="run only these configurations of the set; with --json, the file keeps "
                         "its results for the others")
    a = ap.parse_args(argv)
    cfgs = {"formal": CONFIGS, "test": TEST_CONFIGS, "bugs": bug_configs(),
            "sweep": sweep_configs()}[a.set]
    order, kept = list(cfgs), []
    if a.only:
        only = a.only.split(",")
        unknown = [n for n in only if n not in cfgs]
        if unknown:
            ap.error(f"--only: no configuration {', '.join(unknown)} in set {a.set} "
                     f"(it has {', '.join(cfgs)})")
        cfgs = {n: c for n, c in cfgs.items() if n in only}
        if a.json and os.path.exists(a.json):
            with open(a.json) as f:
                kept = [r for r in json.load(f)["configs"] if r["name"] not in cfgs]
    known = {}
    if a.reuse and os.path.exists(a.reuse):
        with open(a.reuse) as f:
            known = {r["model"]: r for r in json.load(f)["configs"]
                     if r.get("model") and r["status"] in ("ok", "timeout")}
    results, bad, too_big = [], 0, []
    for name, cfg in cfgs.items():
        if any(dominates(cfg, t) for t in too_big):
            print(f"SKIP formal/{name} (at least as large as one that ran out of time)", flush=True)
            continue
        res = reused(known, dict(cfg, name=name), a.timeout) or check(dict(cfg, name=name),
                                                                      a.work, a.timeout)
        if a.set == "sweep" and res["status"] == "timeout":
            too_big.append(cfg)
        want = "error" if "bug" in cfg else "ok"
        ok = res["status"] == want or (a.set == "sweep" and res["status"] == "timeout")
        bad += not ok
        extra = f"{res.get('states', '?')} states, {res.get('rules_fired', '?')} rules, {res.get('seconds', '?')} s"
        print(f"{'PASS' if ok else 'FAIL'} formal/{name} ({extra})"
              + (f": {res.get('message', '')}" if res["status"] != "ok" else ""), flush=True)
        results.append(res)
        if a.json:   # after every configuration: a long run stopped halfway keeps what it found
            os.makedirs(os.path.dirname(os.path.abspath(a.json)), exist_ok=True)
            with open(a.json + ".tmp", "w") as f:
                json.dump({"tool": "rumur", "set": a.set, "timeout": a.timeout,
                           "configs": sorted(kept + results,
                                             key=lambda r: order.index(r["name"])
                                             if r["name"] in order else len(order))},
                          f, indent=1)
            os.replace(a.json + ".tmp", a.json)
    return 1 if bad else 0


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "run":
        sys.exit(run_main(sys.argv[2:]))
    ap = argparse.ArgumentParser()
    ap.add_argument("--nodes", type=int, default=2)
    ap.add_argument("--lines", type=int, default=1)
    ap.add_argument("--values", type=int, default=2)
    ap.add_argument("--fail", choices=["none", "home", "other", "fw"], default="none")
    ap.add_argument("--firewall", type=int, default=1)
    ap.add_argument("--evict", type=int, default=1)
    ap.add_argument("--bug", choices=sorted(BUGS))
    ap.add_argument("--liveness", type=int, default=1)
    ap.add_argument("--canon", type=int, default=1, help="0: no state-space reduction (canon.m)")
    ap.add_argument("--list-bugs", action="store_true")
    ap.add_argument("output", nargs="?")
    a = ap.parse_args()
    if a.list_bugs:
        for k in sorted(BUGS):
            print(f"{k}\t{BUGS[k][0]}")
        return
    if not a.output:
        ap.error("OUTPUT missing")
    text = generate(a)
    os.makedirs(os.path.dirname(os.path.abspath(a.output)), exist_ok=True)
    with open(a.output, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
