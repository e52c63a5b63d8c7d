"""The coherence protocol of the Hive SoC: the one table that the RTL's encodings and
next-state functions are generated from (tools/gen_protocol.py -> build/gen/coh_pkg.sv), and
that a model checker's input is generated from.

A blocking, home-centric directory protocol (docs/coherence.md). The home handles one
transaction per line at a time and NACKs requests for a busy line; every reply to a requester
comes from the home, so a dirty miss takes four hops (requester -> home -> owner -> home ->
requester). Each L1 cache (I or D of a hart) is its own agent with its own sharer bit.
An E grant counts as ownership. Four networks: requests (cache -> home), forwards
(home -> cache), acks (cache -> home: INVACK, RECACK) and responses (home -> cache, and the
SIPS and device answers). Caches always sink responses; a home takes an ack only when it can
send what the ack makes it send, which the response network always drains, so the chain of
waits ends at a cache and cannot close into a cycle (acks sharing the response network with
the home's replies once deadlocked 4x2: a full home waited on a router whose input held acks
for that home).

Guards and actions are named; the RTL implements each action once and the generated function
says which ones a transition performs.
"""

# name, network, carries a line of data, meaning
MESSAGES = [
    ("GETS", "req", False, "read a line (D cache); may be granted E"),
    ("GETSI", "req", False, "read a line for the I cache; never granted E"),
    ("GETM", "req", False, "read a line for ownership (also an upgrade from S)"),
    ("PUTM", "req", True, "write back an owned line (E or M) being evicted"),
    ("INV", "fwd", False, "invalidate a shared copy; answer INVACK"),
    ("RECS", "fwd", False, "recall an owned line, keep it shared; answer RECACK with data"),
    ("RECI", "fwd", False, "recall an owned line and invalidate it; answer RECACK with data"),
    ("DATAS", "resp", True, "grant: shared copy"),
    ("DATAE", "resp", True, "grant: exclusive clean copy"),
    ("DATAM", "resp", True, "grant: owned copy, to be treated as dirty"),
    ("NACK", "resp", False, "the line is busy at its home: retry (flag wb: it was a PUTM)"),
    ("WBACK", "resp", False, "a PUTM is done; the writeback buffer may be freed"),
    ("ERR", "resp", False, "the request ends in a bus error"),
    ("INVACK", "ack", False, "a shared copy is gone"),
    ("RECACK", "ack", True, "the recalled line (flag dirty)"),
    # uncached accesses to another node's device block (not part of the coherence protocol:
    # they ride the request and response networks to the target node's device decoder)
    ("IO", "req", True, "a device access: flag = write; data[63:0] value, [71:64] byte enables, [77:72] address bits 5:0"),
    ("IOACK", "resp", True, "its answer: flag = bus error; data[63:0] the doubleword read"),
    # short interprocessor messages (rtl/sips/, docs/sips.md): not part of the coherence
    # protocol either; they ride the request and response networks between SIPS units
    ("SIPS", "req", True, "a 64-byte message: flag = reply queue; line[13:6] the sender's tag; src_node/src_agent stamped by the sender's hardware (agent 2 * hartid)"),
    ("SIPSACK", "resp", False, "its answer: flag = NACK (the queue was full: retry); line[13:6] the tag echoed"),
]

# ---------------------------------------------------------------- home (directory)
HOME_STATES = [
    ("I", "no cache holds the line (the entry is free)"),
    ("S", "the sharers hold clean copies"),
    ("M", "the owner holds the line in E or M"),
    ("BMEM", "busy: waiting for the memory read of a grant"),
    ("BINV", "busy: waiting for invalidation acks"),
    ("BREC", "busy: waiting for the owner's recalled line"),
    ("LOST", "the only valid copy was in a failed node: requests get ERR until cleared"),
]
HOME_EVENTS = [
    ("GETS", "request"), ("GETSI", "request"), ("GETM", "request"), ("PUTM", "request"),
    ("INVACK", "response from a sharer, or an invalidation that timed out"),
    ("RECACK", "response from the owner"),
    ("INVTIMEOUT", "invalidation acks did not all come in time: the silent sharers are dead"),
    ("RECFAIL", "the owner did not answer a recall in time: its node failed"),
    ("MEMDATA", "the memory read of this line returned"),
    ("EVICT", "the directory set is full: give this entry up"),
    ("CLEAR", "the home's kernel cleared a lost line (register write)"),
]
HOME_GUARDS = [
    ("fw_ok", "the firewall lets the requesting hart write the page (a writeback or a recalled "
              "dirty line also passes while a fill or its revocation sweep is in progress: its "
              "data was written with permission)"),
    ("owner_fw_ok", "the firewall lets the owner's hart write the page (an owner that may not "
                    "is recalled with RECI: it must keep no copy of data the home may refuse)"),
    ("others", "sharers other than the requester remain"),
    ("last_ack", "this ack is the last one awaited"),
    ("evict", "the transaction gives the entry up (no requester)"),
    ("pend_s", "the pending grant is a shared one"),
    ("src_owner", "the message comes from the recorded owner"),
    ("dirty", "the recalled line is dirty"),
]
HOME_ACTIONS = [
    ("nack", "reply NACK to the source"),
    ("err_pend", "reply ERR to the pending requester"),
    ("count_lost", "count a line lost"),
    ("deny", "count a firewall refusal (a refused writeback or recalled dirty line also "
             "interrupts this node)"),
    ("err", "reply ERR to the source"),
    ("memrd", "read the line from memory (MEMDATA follows)"),
    ("memwr", "write the message's line to memory"),
    ("send_inv", "INV to every sharer but the requester; await that many acks"),
    ("send_recs", "RECS to the owner"),
    ("send_reci", "RECI to the owner"),
    ("grant", "send the pending grant (DATAS/DATAE/DATAM) with the data at hand"),
    ("wback", "reply WBACK to the source"),
    ("save_s", "record the source as requester of a shared grant"),
    ("save_e", "record the source as requester of an exclusive grant"),
    ("save_m", "record the source as requester of an owned grant"),
    ("save_evict", "record that the transaction evicts the entry"),
    ("set_owner", "the requester becomes the only holder (owner)"),
    ("add_req", "add the requester to the sharers"),
    ("add_owner", "the old owner becomes a sharer"),
    ("dec_ack", "one ack fewer awaited"),
    ("free", "the entry is free again"),
]

# state, event, guard (conjunction of guards, "!" negates, "" = always), next state, actions
HOME = [
    ("I", "GETS", "fw_ok", "BMEM", ["save_e", "memrd"]),
    ("I", "GETS", "!fw_ok", "BMEM", ["save_s", "memrd"]),
    ("I", "GETSI", "", "BMEM", ["save_s", "memrd"]),
    ("I", "GETM", "fw_ok", "BMEM", ["save_m", "memrd"]),
    ("I", "GETM", "!fw_ok", "I", ["err", "deny"]),
    ("I", "PUTM", "", "I", ["wback"]),
    ("S", "GETS", "", "BMEM", ["save_s", "memrd"]),
    ("S", "GETSI", "", "BMEM", ["save_s", "memrd"]),
    ("S", "GETM", "fw_ok & others", "BINV", ["save_m", "send_inv"]),
    ("S", "GETM", "fw_ok & !others", "BMEM", ["save_m", "memrd"]),
    ("S", "GETM", "!fw_ok", "S", ["err", "deny"]),
    ("S", "PUTM", "", "S", ["wback"]),
    ("S", "EVICT", "", "BINV", ["save_evict", "send_inv"]),
    ("M", "GETS", "owner_fw_ok", "BREC", ["save_s", "send_recs"]),
    ("M", "GETS", "!owner_fw_ok", "BREC", ["save_s", "send_reci"]),
    ("M", "GETSI", "owner_fw_ok", "BREC", ["save_s", "send_recs"]),
    ("M", "GETSI", "!owner_fw_ok", "BREC", ["save_s", "send_reci"]),
    ("M", "GETM", "fw_ok", "BREC", ["save_m", "send_reci"]),
    ("M", "GETM", "!fw_ok", "M", ["err", "deny"]),
    ("M", "PUTM", "src_owner & fw_ok", "I", ["memwr", "wback", "free"]),
    ("M", "PUTM", "src_owner & !fw_ok", "I", ["wback", "free", "deny"]),
    ("M", "PUTM", "!src_owner", "M", ["wback"]),
    ("M", "EVICT", "", "BREC", ["save_evict", "send_reci"]),
    ("BMEM", "MEMDATA", "pend_s", "S", ["grant", "add_req"]),
    ("BMEM", "MEMDATA", "!pend_s", "M", ["grant", "set_owner"]),
    ("BINV", "INVACK", "!last_ack", "BINV", ["dec_ack"]),
    ("BINV", "INVACK", "last_ack & evict", "I", ["free"]),
    ("BINV", "INVACK", "last_ack & !evict", "BMEM", ["memrd"]),
    # a recalled dirty line is a writeback too: refused, it changes no memory and is passed to
    # no one; the pending grant then waits for memory's copy
    ("BREC", "RECACK", "evict & dirty & fw_ok", "I", ["memwr", "free"]),
    ("BREC", "RECACK", "evict & dirty & !fw_ok", "I", ["free", "deny"]),
    ("BREC", "RECACK", "evict & !dirty", "I", ["free"]),
    ("BREC", "RECACK", "!evict & pend_s & dirty & fw_ok", "S", ["memwr", "grant", "add_owner", "add_req"]),
    # (after RECS the old owner may still hold a shared copy: it stays a sharer, so that the next
    # write invalidates it)
    ("BREC", "RECACK", "!evict & pend_s & dirty & !fw_ok", "BMEM", ["deny", "add_owner", "memrd"]),
    ("BREC", "RECACK", "!evict & pend_s & !dirty", "S", ["grant", "add_owner", "add_req"]),
    ("BREC", "RECACK", "!evict & !pend_s & dirty & fw_ok", "M", ["grant", "set_owner"]),
    ("BREC", "RECACK", "!evict & !pend_s & dirty & !fw_ok", "BMEM", ["deny", "memrd"]),
    ("BREC", "RECACK", "!evict & !pend_s & !dirty", "M", ["grant", "set_owner"]),
    ("BINV", "INVTIMEOUT", "evict", "I", ["free"]),
    ("BINV", "INVTIMEOUT", "!evict", "BMEM", ["memrd"]),
    ("BREC", "RECFAIL", "evict", "LOST", ["count_lost"]),
    ("BREC", "RECFAIL", "!evict", "LOST", ["err_pend", "count_lost"]),
    ("LOST", "GETS", "", "LOST", ["err"]),
    ("LOST", "GETSI", "", "LOST", ["err"]),
    ("LOST", "GETM", "", "LOST", ["err"]),
    ("LOST", "PUTM", "", "LOST", ["wback"]),
    ("LOST", "CLEAR", "", "I", ["free"]),
] + [(s, e, "", s, ["nack"]) for s in ("BMEM", "BINV", "BREC")
     for e in ("GETS", "GETSI", "GETM", "PUTM")]

# ---------------------------------------------------------------- L1 cache (one agent)
L1_STATES = [
    ("I", "invalid"), ("S", "shared, clean"), ("E", "exclusive, clean"), ("M", "modified"),
    ("ISD", "GETS sent, waiting for data"), ("IMD", "GETM sent from I, waiting for data"),
    ("SMD", "GETM sent from S (still readable), waiting for data"),
]
L1_EVENTS = [
    ("LOAD", "the core reads the line"), ("STORE", "the core needs ownership (store, AMO, SC)"),
    ("REPL", "the line is the victim of a refill"),
    ("DATAS", "grant"), ("DATAE", "grant"), ("DATAM", "grant"), ("NACK", "retry"),
    ("ERR", "bus error"), ("INV", "forward"), ("RECS", "forward"), ("RECI", "forward"),
]
L1_GUARDS = [
    ("wb", "the writeback buffer holds this line (a cache never requests a line that its "
           "writeback buffer still holds, so a recall of such a line is about that copy)"),
]
L1_ACTIONS = [
    ("hit", "the core's access completes on the line"),
    ("send_gets", "send GETS (GETSI from an I cache)"),
    ("send_getm", "send GETM"),
    ("writeback", "move the line to the writeback buffer and send PUTM"),
    ("fill", "install the granted line"),
    ("retry", "send the request again later"),
    ("buserr", "the core's access ends in a bus error"),
    ("invack", "answer INVACK"),
    ("recack", "answer RECACK with the line (dirty if M)"),
    ("recack_wb", "answer RECACK from the writeback buffer (dirty)"),
    ("defer", "hold the forward back until the request for its line is answered (grant, NACK "
              "or ERR); the L1 parks it out of the forward network"),
    ("proto_err", "cannot happen; counted, answered so that the home is not stuck"),
]
# state, event, guard, next state, actions
L1 = [
    ("I", "LOAD", "", "ISD", ["send_gets"]), ("I", "STORE", "", "IMD", ["send_getm"]),
    ("S", "LOAD", "", "S", ["hit"]), ("S", "STORE", "", "SMD", ["send_getm"]),
    ("E", "LOAD", "", "E", ["hit"]), ("E", "STORE", "", "M", ["hit"]),
    ("M", "LOAD", "", "M", ["hit"]), ("M", "STORE", "", "M", ["hit"]),
    ("S", "REPL", "", "I", []), ("E", "REPL", "", "I", ["writeback"]),
    ("M", "REPL", "", "I", ["writeback"]),
    ("ISD", "DATAS", "", "S", ["fill"]), ("ISD", "DATAE", "", "E", ["fill"]),
    ("IMD", "DATAM", "", "M", ["fill"]), ("SMD", "DATAM", "", "M", ["fill"]),
    ("ISD", "NACK", "", "I", ["retry"]), ("IMD", "NACK", "", "I", ["retry"]),
    ("SMD", "NACK", "", "S", ["retry"]),
    ("ISD", "ERR", "", "I", ["buserr"]), ("IMD", "ERR", "", "I", ["buserr"]),
    ("SMD", "ERR", "", "S", ["buserr"]),
    ("I", "INV", "", "I", ["invack"]), ("S", "INV", "", "I", ["invack"]),
    ("E", "INV", "", "E", ["proto_err", "invack"]), ("M", "INV", "", "M", ["proto_err", "invack"]),
    ("ISD", "INV", "", "ISD", ["defer"]), ("IMD", "INV", "", "IMD", ["invack"]),
    ("SMD", "INV", "", "IMD", ["invack"]),
] + [(st, ev, "wb", st, ["recack_wb"]) for st in ("I", "S", "E", "M", "ISD", "IMD", "SMD")
     for ev in ("RECS", "RECI")] + [
    ("E", "RECS", "!wb", "S", ["recack"]), ("M", "RECS", "!wb", "S", ["recack"]),
    ("E", "RECI", "!wb", "I", ["recack"]), ("M", "RECI", "!wb", "I", ["recack"]),
    ("I", "RECS", "!wb", "I", ["proto_err", "recack"]), ("I", "RECI", "!wb", "I", ["proto_err", "recack"]),
    ("S", "RECS", "!wb", "S", ["proto_err", "recack"]), ("S", "RECI", "!wb", "I", ["proto_err", "recack"]),
] + [(st, ev, "!wb", st, ["defer"]) for st in ("ISD", "IMD", "SMD") for ev in ("RECS", "RECI")]
