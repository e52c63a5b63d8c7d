-- Hand-written part of the Murphi model: the canonical form of a state, which `canon` makes
-- after every rule so that states that cannot behave differently are stored once.
--
-- Dead values: a value no rule reads before it is written again is set to 0. An L1 line in
-- I, ISD or IMD holds no data (a fill overwrites it; only a proto_err row, itself an error,
-- would read it), and an empty writeback buffer holds no line or data.
--
-- Symmetry of data values, per line: values are only stored and compared for equality, so
-- swapping two values everywhere a line's data lives (L1 copies, writeback buffers, memory,
-- data-carrying messages, the ghost `last`) gives an equivalent state; `canon` renames each
-- line's values so that its last written value is 0.
--
-- Symmetry over the nodes that are not the home: every line is homed at node 0, and the
-- other nodes run the same L1 and are treated alike by every rule (the node that fails in
-- `--fail other` is any of them). Renaming two of them everywhere in a state (caches,
-- writeback buffers, firewall bits, directory fields, messages) gives a state that behaves
-- the same and satisfies the same properties, so `canon` sorts the non-home nodes by a key of
-- their own state, and states that differ only by such a renaming become one state. Nodes
-- with equal keys keep their order: that leaves some reduction unused, it never merges states
-- that are not renamings of each other. rumur's own symmetry reduction needs scalarsets,
-- which cannot hold the distinguished home. Counterexample traces show canonical states: node
-- numbers may change between steps.
--
-- Symmetry over the lines: all lines have the same home and every rule is a ruleset over them,
-- so renaming two lines everywhere (directory entries, L1 copies, firewall bits, sweeps,
-- writeback buffers, messages, ghosts) is a symmetry too; `canon` sorts the lines by their
-- state, compared field by field (line_gt), before it sorts the nodes.

function ord_bool(b: boolean): 0..1; begin if b then return 1; else return 0; endif; end;

function net_count(var net: Net; n: Node): 0..NETCAP;   -- messages from or to n
var c: 0..NETCAP;
begin
  c := 0;
  for i: 0..NETCAP-1 do
    if net[i].valid & (net[i].m.src = n | net[i].m.dst = n) then c := c + 1; endif;
  endfor;
  return c;
end;

function nodekey(n: Node): 0..4000000000000000000;
var k: 0..4000000000000000000;
begin
  k := ord_bool(alive[n]) * 2 + ord_bool(fwf & fwf_node = n);
  k := (k * 2 + ord_bool(wbuf[n].valid)) * LINES + wbuf[n].line;
  k := k * VALUES + wbuf[n].val;
  for l: Line do
    k := (k * LSTATES + lstate_ord(l1[n][l].state)) * VALUES + l1[n][l].val;
    k := (k * 2 + ord_bool(perm[n][l])) * 2 + ord_bool(dir[l].sharers[n]);
    k := (k * 2 + ord_bool(dir[l].awaiting[n])) * 2 + ord_bool(dir[l].owner = n);
    k := k * 2 + ord_bool(dir[l].pend = n);
  endfor;
  k := (k * (NETCAP + 1) + net_count(reqnet, n)) * (NETCAP + 1) + net_count(fwdnet, n);
  return k * (NETCAP + 1) + net_count(respnet, n);
end;

function vswap(v: Val; a: Val): Val;   -- the renaming that swaps values 0 and a
begin
  if v = 0 then return a; elsif v = a then return 0; else return v; endif;
end;

function carries_data(t: MsgType): boolean;
begin
  return t = M_PUTM | t = M_RECACK | t = M_DATAS | t = M_DATAE | t = M_DATAM;
end;

procedure net_vswap(var net: Net; l: Line; a: Val);
begin
  for i: 0..NETCAP-1 do
    if net[i].valid & net[i].m.line = l & carries_data(net[i].m.mtype) then
      net[i].m.val := vswap(net[i].m.val, a);
    endif;
  endfor;
end;

procedure line_vswap(l: Line; a: Val);
begin
  for n: Node do
    l1[n][l].val := vswap(l1[n][l].val, a);
    if wbuf[n].valid & wbuf[n].line = l then wbuf[n].val := vswap(wbuf[n].val, a); endif;
  endfor;
  dir[l].mem := vswap(dir[l].mem, a);
  last[l] := vswap(last[l], a);
  net_vswap(reqnet, l, a);
  net_vswap(fwdnet, l, a);
  net_vswap(respnet, l, a);
end;

function rename(n: Node; a: Node; b: Node): Node;
begin
  if n = a then return b; elsif n = b then return a; else return n; endif;
end;

procedure net_rename(var net: Net; a: Node; b: Node);
begin
  for i: 0..NETCAP-1 do
    if net[i].valid then
      net[i].m.src := rename(net[i].m.src, a, b);
      net[i].m.dst := rename(net[i].m.dst, a, b);
    endif;
  endfor;
end;

procedure swap_nodes(a: Node; b: Node);
var c: Cache; w: WBuf; t: boolean;
begin
  w := wbuf[a]; wbuf[a] := wbuf[b]; wbuf[b] := w;
  t := alive[a]; alive[a] := alive[b]; alive[b] := t;
  for l: Line do
    c := l1[a][l]; l1[a][l] := l1[b][l]; l1[b][l] := c;
    t := perm[a][l]; perm[a][l] := perm[b][l]; perm[b][l] := t;
    t := dir[l].sharers[a]; dir[l].sharers[a] := dir[l].sharers[b]; dir[l].sharers[b] := t;
    t := dir[l].awaiting[a]; dir[l].awaiting[a] := dir[l].awaiting[b]; dir[l].awaiting[b] := t;
    dir[l].owner := rename(dir[l].owner, a, b);
    dir[l].pend := rename(dir[l].pend, a, b);
  endfor;
  fwf_node := rename(fwf_node, a, b);
  net_rename(reqnet, a, b);
  net_rename(fwdnet, a, b);
  net_rename(respnet, a, b);
end;

function grant_ord(g: Grant): 0..2;
begin if g = G_S then return 0; elsif g = G_E then return 1; else return 2; endif; end;

function dirkey(l: Line): 0..4000000000000000000;   -- the directory entry and its sweep
var k: 0..4000000000000000000;
begin
  k := ((hstate_ord(dir[l].state) * 2 + ord_bool(sweep[l])) * 3 + grant_ord(dir[l].pgrant)) * 2
       + ord_bool(dir[l].evict);
  k := ((k * (NODES + 1) + dir[l].acks) * NODES + dir[l].owner) * NODES + dir[l].pend;
  k := k * VALUES + dir[l].mem;
  for n: Node do
    k := (k * 2 + ord_bool(dir[l].sharers[n])) * 2 + ord_bool(dir[l].awaiting[n]);
  endfor;
  return k;
end;

function copykey(n: Node; l: Line): 0..4000000000000000000;   -- what node n holds of line l
var k: 0..4000000000000000000;
begin
  k := (lstate_ord(l1[n][l].state) * VALUES + l1[n][l].val) * 2 + ord_bool(perm[n][l]);
  if wbuf[n].valid & wbuf[n].line = l then k := (k * 2 + 1) * VALUES + wbuf[n].val;
  else k := k * 2 * VALUES; endif;
  return k * 2 + ord_bool(fwf & fwf_node = n & fwf_line = l);
end;

function line_count(var net: Net; l: Line): 0..NETCAP;   -- messages about line l
var c: 0..NETCAP;
begin
  c := 0;
  for i: 0..NETCAP-1 do
    if net[i].valid & net[i].m.line = l then c := c + 1; endif;
  endfor;
  return c;
end;

function netkey(l: Line): 0..4000000000000000000;
begin
  return (line_count(reqnet, l) * (NETCAP + 1) + line_count(fwdnet, l)) * (NETCAP + 1)
         + line_count(respnet, l);
end;

function line_gt(a: Line; b: Line): boolean;   -- a's state sorts after b's
var ka: 0..4000000000000000000; kb: 0..4000000000000000000;
begin
  ka := dirkey(a); kb := dirkey(b);
  if ka != kb then return ka > kb; endif;
  for n: Node do
    ka := copykey(n, a); kb := copykey(n, b);
    if ka != kb then return ka > kb; endif;
  endfor;
  return netkey(a) > netkey(b);
end;

function rename_line(x: Line; a: Line; b: Line): Line;
begin
  if x = a then return b; elsif x = b then return a; else return x; endif;
end;

procedure net_rename_line(var net: Net; a: Line; b: Line);
begin
  for i: 0..NETCAP-1 do
    if net[i].valid then net[i].m.line := rename_line(net[i].m.line, a, b); endif;
  endfor;
end;

procedure swap_lines(a: Line; b: Line);
var d: Dir; c: Cache; t: boolean; v: Val;
begin
  d := dir[a]; dir[a] := dir[b]; dir[b] := d;
  t := sweep[a]; sweep[a] := sweep[b]; sweep[b] := t;
  v := last[a]; last[a] := last[b]; last[b] := v;
  for n: Node do
    c := l1[n][a]; l1[n][a] := l1[n][b]; l1[n][b] := c;
    t := perm[n][a]; perm[n][a] := perm[n][b]; perm[n][b] := t;
    -- an empty buffer's line, and fwf_line with no fault, stay the canonical 0
    if wbuf[n].valid then wbuf[n].line := rename_line(wbuf[n].line, a, b); endif;
  endfor;
  if fwf then fwf_line := rename_line(fwf_line, a, b); endif;
  net_rename_line(reqnet, a, b);
  net_rename_line(fwdnet, a, b);
  net_rename_line(respnet, a, b);
end;

-- values renamed, dead values zeroed, a bubble sort of the lines by line_gt (none with one
-- line) and of nodes 1..NODES-1 by nodekey (none with two nodes), then the networks sorted
-- (decls.m)
procedure canon();
begin
  for l: Line do
    if last[l] != 0 then line_vswap(l, last[l]); endif;
  endfor;
  for n: Node do
    for l: Line do
      if l1[n][l].state = L_I | l1[n][l].state = L_ISD | l1[n][l].state = L_IMD then
        l1[n][l].val := 0;
      endif;
    endfor;
    if !wbuf[n].valid then wbuf[n].line := 0; wbuf[n].val := 0; endif;
  endfor;
  for pass: Line do
    for j: Line do
      if j < LINES - 1 then
        if line_gt(j, j + 1) then swap_lines(j, j + 1); endif;
      endif;
    endfor;
  endfor;
  for pass: Node do
    for j: Node do
      if j >= 1 & j < NODES - 1 then
        if nodekey(j) > nodekey(j + 1) then swap_nodes(j, j + 1); endif;
      endif;
    endfor;
  endfor;
  net_sort(reqnet); net_sort(fwdnet); net_sort(respnet);
end;
