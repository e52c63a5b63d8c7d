-- Hand-written part of the Murphi model: the environment (cores, networks, memory, watchdogs,
-- failures, firewall), the start state and the invariants. Transitions of the home and the L1
-- go through the generated home_step / l1_step (one branch per row of protocol.py).

function wb_holds(n: Node; l: Line): boolean;
begin return wbuf[n].valid & wbuf[n].line = l; end;

function is_transient(s: LState): boolean;
begin return s = L_ISD | s = L_IMD | s = L_SMD; end;

function resp_to(n: Node; l: Line): boolean;   -- a reply to agent n about line l is in flight
begin
  return exists i: 0..NETCAP-1 do respnet[i].valid & respnet[i].m.dst = n & respnet[i].m.line = l
                       & respnet[i].m.mtype != M_WBACK & !(respnet[i].m.mtype = M_NACK & respnet[i].m.flag) endexists;
end;

------------------------------------------------------------------ cores
ruleset n: Node; l: Line do
  rule "load"
    alive[n] & !wb_holds(n, l) & l1_can(n, l, LE_LOAD, n)
  ==>
    l1_step(n, l, LE_LOAD, mkev(n, l, 0, false, false, l1[n][l].state, false));
    canon();
  endrule;

  ruleset v: Val do
    rule "store"
      alive[n] & !wb_holds(n, l) & l1_can(n, l, LE_STORE, n)
    ==>
      l1_step(n, l, LE_STORE, mkev(n, l, v, false, false, l1[n][l].state, true));
      canon();
    endrule;
  endruleset;

  rule "replace"
    alive[n] & (l1[n][l].state = L_S | !wbuf[n].valid)
    & l1_can(n, l, LE_REPL, n)
  ==>
    l1_step(n, l, LE_REPL, mkev(n, l, 0, false, false, l1[n][l].state, false));
    canon();
  endrule;
endruleset;

------------------------------------------------------------------ networks (unordered)
ruleset i: 0..NETCAP-1 do
  rule "home takes a request"
    reqnet[i].valid & alive[HOME]
  ==>
  var m: Msg; e: HEvent;
  begin
    m := reqnet[i].m;
    net_remove(reqnet, i);
    switch m.mtype
      case M_GETS: e := HE_GETS;
      case M_GETSI: e := HE_GETSI;
      case M_GETM: e := HE_GETM;
      case M_PUTM: e := HE_PUTM;
    else error "unexpected request";
    endswitch;
    home_step(m.line, e, mkev(m.src, m.line, m.val, m.flag, m.mtype = M_PUTM, L_I, false));
    canon();
  endrule;
endruleset;

ruleset i: 0..NETCAP-1 do
  rule "L1 takes a forward"
    fwdnet[i].valid & alive[fwdnet[i].m.dst]
    & !l1_defers(fwdnet[i].m.dst, fwdnet[i].m.line,
                 (fwdnet[i].m.mtype = M_INV ? LE_INV : (fwdnet[i].m.mtype = M_RECS ? LE_RECS : LE_RECI)),
                 fwdnet[i].m.src)
  ==>
  var m: Msg; e: LEvent;
  begin
    m := fwdnet[i].m;
    net_remove(fwdnet, i);
    switch m.mtype
      case M_INV: e := LE_INV;
      case M_RECS: e := LE_RECS;
      case M_RECI: e := LE_RECI;
    else error "unexpected forward";
    endswitch;
    l1_step(m.dst, m.line, e, mkev(m.src, m.line, 0, false, false, l1[m.dst][m.line].state, false));
    canon();
  endrule;
endruleset;

ruleset i: 0..NETCAP-1 do
  rule "a response is taken"
    respnet[i].valid & alive[respnet[i].m.dst]
  ==>
  var m: Msg; e: LEvent; ev: Ev;
  begin
    m := respnet[i].m;
    net_remove(respnet, i);
    switch m.mtype
      case M_INVACK:
        home_step(m.line, HE_INVACK, mkev(m.src, m.line, m.val, m.flag, false, L_I, false));
      case M_RECACK:
        ev := mkev(m.src, m.line, m.val, m.flag, false, L_I, false);
        ev.isrecack := true;
        home_step(m.line, HE_RECACK, ev);
      case M_WBACK:
        assert wbuf[m.dst].valid & wbuf[m.dst].line = m.line "WBACK without a writeback";
        wbuf[m.dst].valid := false;
      case M_NACK:
        if m.flag then   -- a refused PUTM: send it again from the writeback buffer
          if wbuf[m.dst].valid & wbuf[m.dst].line = m.line then
            send_req(M_PUTM, m.dst, m.line, wbuf[m.dst].val, false);
          endif;
        else
          l1_step(m.dst, m.line, LE_NACK, mkev(m.src, m.line, m.val, m.flag, false, l1[m.dst][m.line].state, false));
        endif;
      case M_DATAS, M_DATAE, M_DATAM, M_ERR:
        switch m.mtype
          case M_DATAS: e := LE_DATAS;
          case M_DATAE: e := LE_DATAE;
          case M_DATAM: e := LE_DATAM;
          case M_ERR: e := LE_ERR;
        endswitch;
        l1_step(m.dst, m.line, e, mkev(m.src, m.line, m.val, m.flag, false, l1[m.dst][m.line].state, false));
    else error "unexpected response";
    endswitch;
    canon();
  endrule;
endruleset;

------------------------------------------------------------------ the home's environment
ruleset l: Line do
  rule "memory read returns"
    alive[HOME] & dir[l].state = H_BMEM
  ==>
    home_step(l, HE_MEMDATA, mkev(dir[l].pend, l, dir[l].mem, false, false, L_I, false));
    canon();
  endrule;

  rule "directory set full: evict"
    DIR_EVICT & alive[HOME] & home_can(l, HE_EVICT, 0)
  ==>
    home_step(l, HE_EVICT, mkev(0, l, 0, false, false, L_I, false));
    canon();
  endrule;

  -- the watchdog waits far longer than a live agent takes to answer: it fires only when some
  -- awaited agent is dead, every awaited agent is dead and no ack is still in flight
  rule "home watchdog: INVTIMEOUT"
    alive[HOME] & dir[l].state = H_BINV
    & (exists n: Node do dir[l].awaiting[n] & !alive[n] endexists)
    & (forall n: Node do dir[l].awaiting[n] -> !alive[n] endforall)
    & !(exists i: 0..NETCAP-1 do respnet[i].valid & respnet[i].m.line = l
          & respnet[i].m.mtype = M_INVACK endexists)
  ==>
    home_step(l, HE_INVTIMEOUT, mkev(0, l, 0, false, false, L_I, false));
    canon();
  endrule;

  rule "home watchdog: RECFAIL"
    alive[HOME] & dir[l].state = H_BREC & !alive[dir[l].owner]
    & !(exists i: 0..NETCAP-1 do respnet[i].valid & respnet[i].m.src = dir[l].owner & respnet[i].m.line = l
                    & respnet[i].m.mtype = M_RECACK endexists)
  ==>
    home_step(l, HE_RECFAIL, mkev(dir[l].owner, l, 0, false, false, L_I, false));
    canon();
  endrule;

  rule "kernel clears a lost line"
    alive[HOME] & dir[l].state = H_LOST
  ==>
    home_step(l, HE_CLEAR, mkev(0, l, 0, false, false, L_I, false));
    canon();
  endrule;

  -- the firewall: a hart's write permission is revoked (nondeterministically); the revocation
  -- sweep recalls lines owned against the new vectors (EVICT of an owned entry), waiting for a
  -- busy entry to become stable
  rule "firewall sweep"
    FIREWALL & alive[HOME] & sweep[l]
    & (dir[l].state = H_I | dir[l].state = H_S | dir[l].state = H_M | dir[l].state = H_LOST)
  ==>
    if dir[l].state = H_M & !perm[dir[l].owner][l] then
      home_step(l, HE_EVICT, mkev(0, l, 0, false, false, L_I, false));
    else
      sweep[l] := false;
    endif;
    canon();
  endrule;

  ruleset n: Node do
    rule "firewall revokes"
      FIREWALL & perm[n][l]
    ==>
      perm[n][l] := false; sweep[l] := true;
      canon();
    endrule;
    rule "firewall fault: a bit clears with no sweep"
      FWFAULT & !fwf & perm[n][l]
    ==>
      perm[n][l] := false; fwf := true; fwf_node := n; fwf_line := l;
      canon();
    endrule;
    rule "firewall grants"
      FIREWALL & !perm[n][l] & !sweep[l]
    ==>
      perm[n][l] := true;
      canon();
    endrule;

    rule "requester watchdog: bus error"
      alive[n] & !alive[HOME] & is_transient(l1[n][l].state) & !resp_to(n, l)
    ==>
      l1_step(n, l, LE_ERR, mkev(HOME, l, 0, false, false, l1[n][l].state, false));
      canon();
    endrule;
  endruleset;
endruleset;

ruleset n: Node do
  rule "writeback watchdog: given up"
    alive[n] & wbuf[n].valid & !alive[HOME]
    & !(exists i: 0..NETCAP-1 do respnet[i].valid & respnet[i].m.dst = n
          & (respnet[i].m.mtype = M_WBACK | (respnet[i].m.mtype = M_NACK & respnet[i].m.flag)) endexists)
    -- the watchdog waits far longer than any message in flight: a recall sent before the home
    -- failed arrives first
    & !(exists i: 0..NETCAP-1 do fwdnet[i].valid & fwdnet[i].m.dst = n endexists)
  ==>
    wbuf[n].valid := false;
    canon();
  endrule;
endruleset;

-- one node fails, once: the home (`--fail home`) or any other node (`--fail other`)
ruleset n: Node do
  rule "a node fails"
    CANFAIL & (FAILHOME ? n = HOME : n != HOME) & (forall m: Node do alive[m] endforall)
  ==>
    alive[n] := false;
    for l: Line do l1[n][l].state := L_I; l1[n][l].val := 0; endfor;
    wbuf[n].valid := false; wbuf[n].line := 0; wbuf[n].val := 0;
    for i: 0..NETCAP-1 do if reqnet[i].valid & reqnet[i].m.dst = n then slot_clear(reqnet[i]); endif; endfor;
    for i: 0..NETCAP-1 do if fwdnet[i].valid & fwdnet[i].m.dst = n then slot_clear(fwdnet[i]); endif; endfor;
    for i: 0..NETCAP-1 do if respnet[i].valid & respnet[i].m.dst = n then slot_clear(respnet[i]); endif; endfor;
    canon();
  endrule;
endruleset;

------------------------------------------------------------------ start state
startstate
begin
  for l: Line do
    dir[l].state := H_I;
    for n: Node do dir[l].sharers[n] := false; dir[l].awaiting[n] := false; endfor;
    dir[l].owner := 0; dir[l].pend := 0; dir[l].pgrant := G_S; dir[l].evict := false;
    dir[l].acks := 0; dir[l].mem := 0;
    last[l] := 0;
    sweep[l] := false;
  endfor;
  fwf := false; fwf_node := 0; fwf_line := 0;
  for n: Node do
    alive[n] := true;
    wbuf[n].valid := false; wbuf[n].line := 0; wbuf[n].val := 0;
    for l: Line do l1[n][l].state := L_I; l1[n][l].val := 0; perm[n][l] := true; endfor;
  endfor;
  for i: 0..NETCAP-1 do slot_clear(reqnet[i]); slot_clear(fwdnet[i]); slot_clear(respnet[i]); endfor;
end;

------------------------------------------------------------------ invariants
invariant "single writer or multiple readers"
  forall l: Line do forall a: Node do forall b: Node do
    (a != b & alive[a] & alive[b] & (l1[a][l].state = L_E | l1[a][l].state = L_M))
    -> (l1[b][l].state = L_I | l1[b][l].state = L_ISD | l1[b][l].state = L_IMD)
  endforall endforall endforall;

invariant "a hart without permission holds no line in E or M (once the sweep is over)"
  forall l: Line do forall n: Node do
    (alive[n] & !perm[n][l] & (l1[n][l].state = L_E | l1[n][l].state = L_M))
    -> sweep[l] | (fwf & fwf_node = n & fwf_line = l)
  endforall endforall;

-- (but for the faulted hart's own copy after a fault of the firewall: a RECS answered before
-- the fault leaves it a shared copy of the data the home then refused; docs/flash.md)
invariant "a readable copy holds the last value written"
  forall l: Line do forall n: Node do
    (alive[n] & dir[l].state != H_LOST & !(fwf & fwf_node = n & fwf_line = l)
     & (l1[n][l].state = L_S | l1[n][l].state = L_E | l1[n][l].state = L_M | l1[n][l].state = L_SMD))
    -> l1[n][l].val = last[l]
  endforall endforall;

-- every outstanding request can still end (completion or bus error): from every state a state
-- with no request outstanding is reachable
liveness "every outstanding request can end"
  forall n: Node do forall l: Line do !is_transient(l1[n][l].state) endforall endforall;
