-- Hand-written part of the Murphi model (types and state). The constants NODES, LINES, VALUES,
-- HOME, CANFAIL, FAILHOME and the enums MsgType, HState, HEvent, LState, LEvent come first, generated
-- by tools/gen_murphi.py from rtl/coherence_ctrl/protocol.py.
type
  Node: 0..NODES-1;
  Line: 0..LINES-1;
  Val: 0..VALUES-1;
  Grant: enum {G_S, G_E, G_M};

  Msg: record
    mtype: MsgType;
    src: Node;
    dst: Node;
    line: Line;
    val: Val;
    flag: boolean;     -- NACK: it was a PUTM; RECACK: dirty
  end;

  -- what a step works on: the message (or core access, or home event) being handled
  Ev: record
    src: Node;
    line: Line;
    val: Val;
    flag: boolean;
    isputm: boolean;   -- the request being handled is a PUTM
    isrecack: boolean; -- the response being handled is a RECACK
    store: boolean;    -- the core access is a store (of val)
    st: LState;
  end;

  Dir: record
    state: HState;
    sharers: array[Node] of boolean;
    owner: Node;
    pend: Node;
    pgrant: Grant;
    evict: boolean;
    acks: 0..NODES;
    awaiting: array[Node] of boolean;   -- whose ack is still awaited (for the watchdog)
    mem: Val;
  end;

  Cache: record
    state: LState;
    val: Val;
  end;

  -- an unordered network: rumur has no multisets, so a network is an array that every rule
  -- leaves sorted by msgkey (canon, also without the reductions of canon.m), which makes
  -- states that differ only in the order of delivery the same state
  Slot: record
    valid: boolean;
    m: Msg;
  end;
  Net: array[0..NETCAP-1] of Slot;

  WBuf: record
    valid: boolean;
    line: Line;
    val: Val;
  end;

var
  reqnet: Net;
  fwdnet: Net;
  respnet: Net;
  dir: array[Line] of Dir;
  l1: array[Node] of array[Line] of Cache;   -- one agent per node: the D cache
  wbuf: array[Node] of WBuf;
  alive: array[Node] of boolean;
  perm: array[Node] of array[Line] of boolean;   -- the firewall: may this hart write the line
  sweep: array[Line] of boolean;                  -- a revocation sweep is pending for the line
  fwf: boolean;                                   -- FWFAULT: a bit has cleared (fwf_node's
  fwf_node: Node;                                 -- for fwf_line) with no sweep: it may own
  fwf_line: Line;                                 -- that line without permission
  -- ghosts
  last: array[Line] of Val;                       -- last value written
