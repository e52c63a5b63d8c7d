-- Hand-written part of the Murphi model: one procedure per action name and one function per
-- guard name of rtl/coherence_ctrl/protocol.py. Home: h_ACTION(l, ev), hg_GUARD(l, ev);
-- L1: c_ACTION(n, l, ev), cg_GUARD(n, l, ev). The generated dispatch (tools/gen_murphi.py)
-- calls them, one table row at a time, actions first, then the next state.

function mkev(src: Node; l: Line; v: Val; f: boolean; isputm: boolean; st: LState;
              store: boolean): Ev;
var ev: Ev;
begin
  ev.src := src; ev.line := l; ev.val := v; ev.flag := f; ev.isputm := isputm; ev.st := st;
  ev.store := store; ev.isrecack := false;
  return ev;
end;

function msgkey(s: Slot): 0..1000000000;
begin
  if !s.valid then return 1000000000; endif;
  return (((((s.m.mtype * NODES + s.m.src) * NODES + s.m.dst) * LINES + s.m.line) * VALUES
          + s.m.val) * 2) + (s.m.flag ? 1 : 0);
end;

-- sorts a network by msgkey (see decls.m); canon calls it once per network after every rule.
-- The keys are computed once, and the passes stop when one swaps nothing: a rule changes a
-- few slots of an array that was sorted, so it takes one or two passes.
procedure net_sort(var net: Net);
var k: array[0..NETCAP-1] of 0..1000000000; t: Slot; tk: 0..1000000000; swapped: boolean;
begin
  for i: 0..NETCAP-1 do k[i] := msgkey(net[i]); endfor;
  swapped := true;
  while swapped do
    swapped := false;
    for j: 0..NETCAP-2 do
      if k[j] > k[j+1] then
        t := net[j]; net[j] := net[j+1]; net[j+1] := t;
        tk := k[j]; k[j] := k[j+1]; k[j+1] := tk;
        swapped := true;
      endif;
    endfor;
  endwhile;
end;

procedure slot_clear(var s: Slot);
begin
  s.valid := false; s.m.mtype := 0; s.m.src := 0; s.m.dst := 0; s.m.line := 0; s.m.val := 0;
  s.m.flag := false;
end;

procedure net_add(var net: Net; m: Msg);
var done: boolean;
begin
  done := false;
  for i: 0..NETCAP-1 do
    if !done & !net[i].valid then net[i].valid := true; net[i].m := m; done := true; endif;
  endfor;
  assert done "a network is full (raise NETCAP)";
end;

procedure net_remove(var net: Net; i: 0..NETCAP-1);
begin
  slot_clear(net[i]);
end;

-- a failed node swallows every message that reaches it
procedure send_req(t: MsgType; src: Node; l: Line; v: Val; f: boolean);
var m: Msg;
begin
  m.mtype := t; m.src := src; m.dst := HOME; m.line := l; m.val := v; m.flag := f;
  if alive[HOME] then net_add(reqnet, m); endif;
end;

procedure send_fwd(t: MsgType; dst: Node; l: Line);
var m: Msg;
begin
  m.mtype := t; m.src := HOME; m.dst := dst; m.line := l; m.val := 0; m.flag := false;
  if alive[dst] then net_add(fwdnet, m); endif;
end;

procedure send_resp(t: MsgType; src: Node; dst: Node; l: Line; v: Val; f: boolean);
var m: Msg;
begin
  -- after a failure no live node obtains data from the failed node's cache: a dead node sends
  -- nothing (checked here for every message, data-carrying or not)
  assert alive[src] "a failed node sent a message";
  m.mtype := t; m.src := src; m.dst := dst; m.line := l; m.val := v; m.flag := f;
  if alive[dst] then net_add(respnet, m); endif;
end;

------------------------------------------------------------------ home guards
-- as the RTL: a writeback or recalled line passes while its line's sweep is pending
function hg_fw_ok(l: Line; ev: Ev): boolean;
begin
  return perm[ev.src][l] | ((ev.isputm | ev.isrecack) & sweep[l]);
end;
function hg_owner_fw_ok(l: Line; ev: Ev): boolean; begin return perm[dir[l].owner][l]; end;
function hg_others(l: Line; ev: Ev): boolean;
begin
  for n: Node do if n != ev.src & dir[l].sharers[n] then return true; endif; endfor;
  return false;
end;
function hg_last_ack(l: Line; ev: Ev): boolean; begin return dir[l].acks = 1; end;
function hg_evict(l: Line; ev: Ev): boolean; begin return dir[l].evict; end;
function hg_pend_s(l: Line; ev: Ev): boolean; begin return dir[l].pgrant = G_S; end;
function hg_src_owner(l: Line; ev: Ev): boolean; begin return dir[l].owner = ev.src; end;
function hg_dirty(l: Line; ev: Ev): boolean; begin return ev.flag; end;

------------------------------------------------------------------ home actions
procedure h_nack(l: Line; ev: Ev); begin send_resp(M_NACK, HOME, ev.src, l, 0, ev.isputm); end;
procedure h_err_pend(l: Line; ev: Ev); begin send_resp(M_ERR, HOME, dir[l].pend, l, 0, false); end;
procedure h_count_lost(l: Line; ev: Ev);
begin
  -- the only valid copy is gone: from now on the line's value is what memory holds
  last[l] := dir[l].mem;
end;
procedure h_deny(l: Line; ev: Ev);
begin
  -- a refused writeback or recalled line is dropped: the hart's writes are discarded by design
  if ev.isputm | ev.isrecack then last[l] := dir[l].mem; endif;
end;
procedure h_err(l: Line; ev: Ev); begin send_resp(M_ERR, HOME, ev.src, l, 0, false); end;
procedure h_memrd(l: Line; ev: Ev); begin end;   -- MEMDATA follows (rule "memdata")
procedure h_memwr(l: Line; ev: Ev);
begin
  -- a denied write never changes memory
  assert !((ev.isputm | ev.isrecack) & !hg_fw_ok(l, ev))
    "a writeback refused by the firewall changed memory";
  dir[l].mem := ev.val;
end;
procedure h_send_inv(l: Line; ev: Ev);
begin
  dir[l].acks := 0;
  for n: Node do
    dir[l].awaiting[n] := false;
    if dir[l].sharers[n] & !(!dir[l].evict & n = dir[l].pend) then
      dir[l].acks := dir[l].acks + 1;
      dir[l].awaiting[n] := true;
      send_fwd(M_INV, n, l);
    endif;
  endfor;
end;
procedure h_send_recs(l: Line; ev: Ev); begin send_fwd(M_RECS, dir[l].owner, l); end;
procedure h_send_reci(l: Line; ev: Ev); begin send_fwd(M_RECI, dir[l].owner, l); end;
procedure h_grant(l: Line; ev: Ev);
begin
  switch dir[l].pgrant
    case G_S: send_resp(M_DATAS, HOME, dir[l].pend, l, ev.val, false);
    case G_E: send_resp(M_DATAE, HOME, dir[l].pend, l, ev.val, false);
    case G_M: send_resp(M_DATAM, HOME, dir[l].pend, l, ev.val, false);
  endswitch;
end;
procedure h_wback(l: Line; ev: Ev); begin send_resp(M_WBACK, HOME, ev.src, l, 0, false); end;
procedure h_save_s(l: Line; ev: Ev); begin dir[l].pend := ev.src; dir[l].pgrant := G_S; dir[l].evict := false; end;
procedure h_save_e(l: Line; ev: Ev); begin dir[l].pend := ev.src; dir[l].pgrant := G_E; dir[l].evict := false; end;
procedure h_save_m(l: Line; ev: Ev); begin dir[l].pend := ev.src; dir[l].pgrant := G_M; dir[l].evict := false; end;
procedure h_save_evict(l: Line; ev: Ev); begin dir[l].evict := true; end;
procedure h_set_owner(l: Line; ev: Ev);
begin
  for n: Node do dir[l].sharers[n] := false; endfor;
  dir[l].sharers[dir[l].pend] := true;
  dir[l].owner := dir[l].pend;
end;
procedure h_add_req(l: Line; ev: Ev); begin dir[l].sharers[dir[l].pend] := true; end;
procedure h_add_owner(l: Line; ev: Ev);
begin
  for n: Node do dir[l].sharers[n] := false; endfor;   -- the owner was the only holder
  dir[l].sharers[dir[l].owner] := true;
end;
procedure h_dec_ack(l: Line; ev: Ev);
begin
  dir[l].acks := dir[l].acks - 1;
  dir[l].awaiting[ev.src] := false;
end;
procedure h_free(l: Line; ev: Ev);
begin
  for n: Node do dir[l].sharers[n] := false; dir[l].awaiting[n] := false; endfor;
  dir[l].owner := 0; dir[l].pend := 0; dir[l].pgrant := G_S; dir[l].evict := false;
  dir[l].acks := 0;
end;

------------------------------------------------------------------ L1 guards
function cg_wb(n: Node; l: Line; ev: Ev): boolean;
begin return wbuf[n].valid & wbuf[n].line = l; end;

------------------------------------------------------------------ L1 actions
procedure c_hit(n: Node; l: Line; ev: Ev);
begin
  if ev.store then
    l1[n][l].val := ev.val;
    last[l] := ev.val;
  else
    -- the data value invariant: a load returns the last value written (the faulted hart's own
    -- refused data excepted, as in rules.m)
    assert dir[l].state = H_LOST | l1[n][l].val = last[l] | (fwf & fwf_node = n & fwf_line = l)
      "a load returned a stale value";
  endif;
end;
procedure c_send_gets(n: Node; l: Line; ev: Ev); begin send_req(M_GETS, n, l, 0, false); end;
procedure c_send_getm(n: Node; l: Line; ev: Ev); begin send_req(M_GETM, n, l, 0, false); end;
procedure c_writeback(n: Node; l: Line; ev: Ev);
begin
  assert !wbuf[n].valid "writeback buffer busy";
  wbuf[n].valid := true; wbuf[n].line := l; wbuf[n].val := l1[n][l].val;
  send_req(M_PUTM, n, l, l1[n][l].val, false);
end;
procedure c_fill(n: Node; l: Line; ev: Ev);
begin
  l1[n][l].val := ev.val;
  if ev.st = L_ISD then   -- the load completes on the fill
    assert dir[l].state = H_LOST | ev.val = last[l] "a load was granted a stale value";
  endif;
end;
procedure c_retry(n: Node; l: Line; ev: Ev); begin end;   -- the core issues the access again
procedure c_buserr(n: Node; l: Line; ev: Ev); begin end;
procedure c_invack(n: Node; l: Line; ev: Ev); begin send_resp(M_INVACK, n, HOME, l, 0, false); end;
procedure c_recack(n: Node; l: Line; ev: Ev);
begin send_resp(M_RECACK, n, HOME, l, l1[n][l].val, ev.st = L_M); end;
procedure c_recack_wb(n: Node; l: Line; ev: Ev);
begin send_resp(M_RECACK, n, HOME, l, wbuf[n].val, true); end;
procedure c_defer(n: Node; l: Line; ev: Ev); begin end;   -- handled by the delivery rule
procedure c_proto_err(n: Node; l: Line; ev: Ev); begin error "L1 protocol error (cannot happen)"; end;
