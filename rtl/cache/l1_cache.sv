// L1 cache, instruction or data (ICACHE), and its coherence agent: direct mapped, 64-byte
// lines, write-back, with a combinational hit path so that a hit completes in the cycle it is
// asked. It runs the L1 side of the protocol table (coh_pkg::l1_step): one miss outstanding
// (the MSHR), one writeback buffer, forwards (INV, RECS, RECI) answered when they arrive or
// parked while the answer to this cache's own request for the line is on its way.
//
// The core's request is a level: it stays until `done`. A miss starts when the MSHR is free;
// the refill installs the line and the unchanged request then hits. `err` with `done` reports a
// bus error (an ERR reply to this line). Loads, stores, LR/SC and AMOs happen in the line; stores,
// SC and AMOs need ownership (E or M). `flush` (fence.i) writes every owned line back and
// raises `flush_done`, so that memory holds what the program wrote.
module l1_cache #(
    parameter bit     ICACHE = 1'b0,
    parameter int     LINES = 256,
    parameter int     AGENT = 0,          // this cache's agent number (hart * 2 + ICACHE)
    parameter int     NODE_ID = 0,
    // 1 (the boards): the parked forward's readiness is registered, and a forward is looked up
    // a cycle before its step is carried out (below)
    parameter bit     SHORT_PATHS = 1'b0,
    localparam int    MW = coh_pkg::MSG_BITS
) (
    input  logic          clk,
    input  logic          rst,
    // core
    input  logic          req,
    input  logic [2:0]    op,          // 0 load, 1 store, 2 LR, 3 SC, 4 AMO
    /* verilator lint_off UNUSEDSIGNAL */  // bits 63:ADDR_BITS are zero (below)
    input  logic [63:0]   addr,        // global physical address, naturally aligned
    /* verilator lint_on UNUSEDSIGNAL */
    input  logic [1:0]    size,
    input  logic [63:0]   wdata,
    input  logic [4:0]    amo,
    output logic          done,
    output logic          ready,       // done, were the core to ask (the I cache: core.sv tests
                                       // it beside its own fetch checks, not after them)
    output logic          err,
    output logic [63:0]   rdata,       // load/AMO old value right-aligned; SC: 0 ok, 1 failed
    output logic [511:0]  line_data,   // the whole line of a hit (instruction fetch)
    input  logic          flush,
    output logic          flush_done,
    input  logic          inval_all,   // I cache: fence.i drops every line
    input  logic [31:0]   timeout,     // cycles without a reply before a request is given up
    // coherence: requests out, responses in, forwards in, acks out
    output logic          req_valid,
    output logic [MW-1:0] req_msg,
    input  logic          req_ready,
    input  logic          rsp_valid,   // always taken
    input  logic [MW-1:0] rsp_msg,
    input  logic          fwd_valid,
    input  logic [MW-1:0] fwd_msg,
    output logic          fwd_pop,
    output logic          ack_valid,
    output logic [MW-1:0] ack_msg,
    input  logic          ack_ready,
    output logic          ev_miss,
    output logic          ev_wb_lost,  // a writeback got no answer in time: its home is dead
    output logic          ev_proto_err
);
  localparam int IW = $clog2(LINES);
  // A line's address is kept as its bits GW-1:6 (coh_pkg::line_t, as messages carry it): only
  // memory lines reach an L1 (the core asks it for memory only, homes forward their own lines),
  // and every one lies below 2^hive_pkg::ADDR_BITS, so the tags, the line registers and their
  // compares need no more
  localparam int GW = coh_pkg::LINE_BITS + 6;
  localparam int TW = GW - 6 - IW;
  localparam logic [2:0] OP_LOAD = 3'd0, OP_LR = 3'd2, OP_SC = 3'd3, OP_AMO = 3'd4;  // 1: store

  // line state: S = valid, E = valid & own, M = valid & own & dirty
  logic [LINES-1:0] valid, own, dirty;
  logic [TW-1:0]    tags [LINES];
  logic [511:0]     data [LINES];

  // MSHR: the one outstanding request
  coh_pkg::l1_state_e mshr;          // L_I (free), L_ISD, L_IMD or L_SMD
  coh_pkg::line_t     mshr_line;
  logic               mshr_send;     // the request still has to go out
  // Backoff after a NACK: random (an LFSR per cache) within a window that doubles with each
  // NACK in a row, so that harts NACKed at a busy line do not retry in lockstep and a hart
  // that keeps losing the race for a line gets a chance (a fixed delay starved some harts).
  logic [7:0]         backoff;       // cycles to wait before asking again after a NACK
  logic [1:0]         nacks;         // NACKs in a row (saturating): the window is 16 << nacks
  logic [15:0]        lfsr;
  logic               err_valid;     // an ERR for err_line waits for the core
  coh_pkg::line_t     err_line;
  // writeback buffer
  logic               wb_valid, wb_send;
  coh_pkg::line_t     wb_line;
  logic [511:0]       wb_data;
  // reply watchdogs (memory fault model): a request or writeback whose home does not answer
  // within `timeout` cycles ends in a bus error or is counted lost; any reply restarts them
  logic [31:0]        mshr_wait, wb_wait;
  logic               mshr_tmo, wb_tmo;
  assign mshr_tmo = mshr != coh_pkg::L_I && !mshr_send && mshr_wait >= timeout;
  assign wb_tmo = wb_valid && !wb_send && wb_wait >= timeout;
  assign ev_wb_lost = wb_tmo;
  // LR reservation. For LRSC_HOLD cycles after an LR the reserved line is kept from forwards,
  // so that a constrained LR/SC loop (at most 16 instructions, RISC-V's forward-progress
  // promise) reaches its SC while the line is still here; otherwise two harts looping on one
  // line take it from each other between LR and SC forever. The bound keeps it deadlock free.
  localparam int      LRSC_HOLD = 48;
  logic               resv_valid;
  coh_pkg::line_t     resv_line;
  logic [5:0]         resv_hold;
  logic               hold_spent;    // this ownership of the line had its hold (one per fill:
                                     // an LR spin would otherwise keep the line forever)
  // fence.i walk
  logic [IW-1:0]      fidx;
  logic               fl_end;

  /* verilator lint_off UNUSEDSIGNAL */  // the home is named by the node bits of the global address
  function automatic logic [coh_pkg::NODE_BITS-1:0] home_of(input coh_pkg::line_t l);
    home_of = l[31:28];  // global window: node n at GLOBAL_BASE + n * 256 MiB
  endfunction
  /* verilator lint_on UNUSEDSIGNAL */
  function automatic coh_pkg::msg_t to_home(input coh_pkg::msg_e k, input coh_pkg::line_t l,
                                            input logic flag, input logic [511:0] d);
    to_home.kind = k;
    to_home.src_node = coh_pkg::NODE_BITS'(NODE_ID);
    to_home.src_agent = coh_pkg::AGENT_BITS'(AGENT);
    to_home.dst_node = home_of(l);
    to_home.dst_agent = coh_pkg::AGENT_HOME;
    to_home.line = l;
    to_home.flag = flag;
    to_home.data = d;
  endfunction

  // ---------------------------------------------------------------- forwards
  // A forward that the table defers waits for the answer (grant, NACK or ERR) to this cache's
  // request for its line out of the network, in a one-entry parking slot. At the head of the
  // forward network it held up everything behind it (the forwards for this node's other caches,
  // the home's later ones), and a home whose forward queue is full takes no request: an INV of
  // a copy this cache had dropped silently, reaching it after its new GETS left, waited there
  // for the NACK of a GETS that the home could then never take (docs/coherence.md). No second
  // forward for the line comes before this one's ack, so one slot is enough; the parked
  // forward goes before the network's once the answer is in.
  /* verilator lint_off UNUSEDSIGNAL */  // routing fields and a forward's data are not needed here
  coh_pkg::msg_t     fm, f, r;
  logic [IW-1:0]     fi;
  logic              hd_valid, f_here, fwd_take, fwd_busy, take_ok, ft_here;
  coh_pkg::l1_step_t fs, ps, ft;
  coh_pkg::l1_guard_t fg, pg;
  /* verilator lint_on UNUSEDSIGNAL */
  coh_pkg::l1_state_e fst, pst;
  coh_pkg::l1_event_e fev, pev;
  logic               pk_valid, pk_ready, pk_wait, park;
  coh_pkg::msg_e      pk_kind;
  coh_pkg::line_t     pk_line;
  function automatic coh_pkg::l1_event_e fwd_event(input coh_pkg::msg_e k);
    case (k)
      coh_pkg::M_INV:  fwd_event = coh_pkg::LE_INV;
      coh_pkg::M_RECS: fwd_event = coh_pkg::LE_RECS;
      default:         fwd_event = coh_pkg::LE_RECI;
    endcase
  endfunction
  always_comb begin
    // only the MSHR's states defer, so the parked line's state is the MSHR's or, for this, I
    pst = (mshr != coh_pkg::L_I && mshr_line == pk_line) ? mshr : coh_pkg::L_I;
    pev = fwd_event(pk_kind);
    pg.wb = wb_valid && wb_line == pk_line;
  end
  coh_l1_step pstep (.st(pst), .ev(pev), .g(pg), .known(ps.known), .next(ps.next), .act(ps.act));
  // With SHORT_PATHS the parked forward's readiness is the one computed a cycle before (its
  // step began the boards' critical path, which went on through the forward's tag compare and
  // step into the data array), good when nothing that step reads (the MSHR, the writeback
  // buffer, the slot) changed since; while it is not known, no forward is taken, so the parked
  // one cannot be passed over for good.
  if (SHORT_PATHS) begin : g_pk
    logic pk_rdy_q, pk_known_q;
    always_ff @(posedge clk) begin
      pk_rdy_q <= pk_valid && !ps.act.defer;
      pk_known_q <= !rst && !(mshr_tmo || wb_tmo || start || fl_wb || rsp_valid || park || fwd_take);
    end
    assign pk_ready = pk_known_q && pk_rdy_q;
    assign pk_wait = pk_valid && !pk_known_q;
  end else begin : g_pk
    assign pk_ready = pk_valid && !ps.act.defer;
    assign pk_wait = 1'b0;
  end
  // The network's forward (hd_valid, f's kind and line unless the parked one goes first). With
  // SHORT_PATHS it is first taken into a register, the forward's input slot: the network's
  // head is not stable while it is not popped (the mesh's ejection port chooses among its
  // inputs in every cycle), and the lookup below needs it unchanged in the next cycle. The
  // slot is refilled only once empty, a cycle's bubble between forwards.
  assign fm = fwd_msg;
  logic          hd_used;  // the head forward is taken or parked this cycle
  coh_pkg::msg_e hd_kind;
  coh_pkg::line_t hd_line;
  if (SHORT_PATHS) begin : g_in
    logic in_v;
    always_ff @(posedge clk) begin
      if (rst) in_v <= 1'b0;
      else if (fwd_pop) in_v <= 1'b1;
      else if (hd_used) in_v <= 1'b0;
      if (fwd_pop) begin hd_kind <= fm.kind; hd_line <= fm.line; end
    end
    assign hd_valid = in_v;
    assign fwd_pop = fwd_valid && !in_v;
  end else begin : g_in
    assign hd_valid = fwd_valid;
    assign hd_kind = fm.kind;
    assign hd_line = fm.line;
    assign fwd_pop = hd_used;
  end
  coh_pkg::line_t f_line, r_line;  // the forward's and the response's lines
  always_comb begin
    f = fm;
    f.kind = pk_ready ? pk_kind : hd_kind;
  end
  assign f_line = pk_ready ? pk_line : hd_line;
  assign r = rsp_msg;
  assign r_line = r.line;
  assign fi = f_line[6 +: IW];
  assign f_here = valid[fi] && tags[fi] == f_line[GW-1 -: TW];
  always_comb begin
    coh_pkg::l1_state_e s;
    if (mshr != coh_pkg::L_I && mshr_line == f_line) s = mshr;
    else if (!f_here) s = coh_pkg::L_I;
    else s = own[fi] ? (dirty[fi] ? coh_pkg::L_M : coh_pkg::L_E) : coh_pkg::L_S;
    fg.wb = wb_valid && wb_line == f_line;
    fst = s;
    fev = fwd_event(f.kind);
  end
  coh_l1_step step (.st(fst), .ev(fev), .g(fg), .known(fs.known), .next(fs.next), .act(fs.act));
  // an answer needs the ack slot. In the cycle after a fill the core's waiting access goes
  // first: a forward deferred during the miss would otherwise take the line before the access
  // it was fetched for, and harts contending for a line would pass it around forever without
  // one of them completing (a livelock). For the same reason no forward goes in the second
  // cycle of a two-cycle AMO (amo_have, SHORT_PATHS: below).
  logic filled, held, fill, amo_first, amo_have;
  assign fill = rsp_valid && (r.kind == coh_pkg::M_DATAS || r.kind == coh_pkg::M_DATAE ||
                              r.kind == coh_pkg::M_DATAM);
  assign held = resv_valid && resv_hold != '0 && resv_line == f_line;
  assign take_ok = (pk_ready || hd_valid) && !pk_wait && !ack_valid && !fs.act.defer && !filled &&
                   !amo_have && !held;
  // fwd_take: the step `ft` of forward `f` (whose line is here: ft_here) is carried out this
  // cycle; fwd_busy: the core's access and the flush walker wait this cycle for a forward.
  // With SHORT_PATHS the forward is looked up (tag compare, protocol step) in one cycle, in
  // which nothing else may change the cache, and its step carried out in the next: the lookup
  // began the boards' routed critical path, through the step and the data array's read address
  // into the core's load result. What the lookup read (the line's tag and state, the MSHR, the
  // writeback buffer, the ack slot, the reservation) can then change only by a response, a
  // watchdog or fence.i's invalidation in the lookup's cycle, which make it look again; the
  // forward itself stays in its input slot or the parking slot, since only its take or its
  // parking empties them. The core waits only for a lookup that the short conditions let
  // through: not while the ack slot is full or the line held for an LR (the SC must get
  // through), not in the cycle after a fill (the core's access goes first, above); a forward
  // that the step defers costs the core the cycle in which it is parked.
  // ft_idx: the forward's line in the data array, whose answer reads it; with SHORT_PATHS the
  // lookup's, registered (the forward is unchanged, above), so that the choice between the
  // parked forward and the network's does not lie before the array's read address.
  logic [IW-1:0] ft_idx;
  if (SHORT_PATHS) begin : g_fl
    logic              look, lk_q, here_q;
    coh_pkg::l1_step_t fs_q;
    assign look = (pk_ready || hd_valid) && !pk_wait && !ack_valid && !filled && !amo_have &&
                  !held && !lk_q;
    always_ff @(posedge clk) begin
      lk_q <= !rst && look && take_ok && !(rsp_valid || mshr_tmo || wb_tmo || inval_all);
      fs_q <= fs;
      here_q <= f_here;
      ft_idx <= fi;
    end
    assign fwd_take = lk_q;
    assign fwd_busy = look || lk_q;
    assign ft = fs_q;
    assign ft_here = here_q;
  end else begin : g_fl
    assign fwd_take = take_ok;
    assign fwd_busy = take_ok;
    assign ft = fs;
    assign ft_here = f_here;
    assign ft_idx = fi;
  end
  assign park = !pk_ready && hd_valid && fs.act.defer && !pk_valid;
  assign hd_used = (fwd_take && !pk_ready) || park;

  // ---------------------------------------------------------------- hit path
  // An I cache only loads, and asks with GETSI, which is never granted E: it owns no line, so
  // it never writes one back, and its acks (INVACK) carry no data. Saying so with constants
  // lets synthesis drop its write, AMO, writeback and ack-data logic (docs/fpga.md).
  logic [2:0]    cop;
  logic          walk;  // the flush walk runs (an I cache has none: fence.i drops its lines)
  assign cop = ICACHE ? OP_LOAD : op;
  assign walk = ICACHE ? 1'b0 : flush;
  logic [IW-1:0] idx;
  logic [TW-1:0] tag;
  logic          present, need_own, sc_fail, write, my_err, hit_ok;
  logic [63:0]   word, mask, old, newv, merged;  // merged: the written word (sim/check.vlt too)
  // With SHORT_PATHS an AMO takes two cycles, so that the array's read and the AMO's adder and
  // compare are not in one path to the array's write (the boards' routed critical path at
  // 4731b19): in its first cycle (amo_first) the old value goes into amo_a, in the next
  // (amo_have) the new value is made from amo_a and written. The second completes only right
  // after the first, and both need the hit (hit_ok: present, owned, no forward, refill or
  // walk), so nothing wrote the word in between; a lost cycle starts the AMO again. No
  // forward is taken in the second cycle (take_ok, look), so it is lost only to a refill.
  logic [63:0]   amo_a, a_ext;
  assign idx = addr[6 +: IW];
  assign tag = addr[GW-1 -: TW];
  assign present = valid[idx] && tags[idx] == tag;
  // The data array has one read port and one write port, so that it is a memory (LUT RAM) and
  // not flip-flops with a multiplexer per reader. The readers never need it in the same cycle:
  // a forward being answered or the flush walk keep the core's access from completing (and
  // line_data is used only with done); the walk waits while a forward is answered. An I cache's
  // answers carry no data, so its array is read only at the core's index: the fetch's path from
  // the fetch address into the instruction register starts at the array (the boards' critical
  // path went from the forward's slots through this choice).
  logic [IW-1:0]  rd_idx;
  logic [511:0]   rd_line;
  assign rd_idx = (fwd_take && !ICACHE) ? ft_idx : walk ? fidx : idx;
  assign rd_line = data[rd_idx];
  assign line_data = rd_line;
  assign need_own = (cop != OP_LOAD);
  assign my_err = err_valid && err_line == addr[GW-1:6];
  always_comb begin
    logic [63:0] a, b, wshift, bmask;
    logic        ult, slt, take_a;
    logic [7:0]  wbe;
    word = rd_line[{addr[5:3], 6'd0} +: 64];
    mask = (size == 2'd3) ? '1 : ((64'd1 << (8 << size)) - 64'd1);
    old = (word >> {addr[2:0], 3'd0}) & mask;
    a_ext = (size == 2'd2) ? {{32{old[31]}}, old[31:0]} : old;
    a = SHORT_PATHS ? amo_a : a_ext;
    b = wdata & mask;
    if (size == 2'd2) b = {{32{b[31]}}, b[31:0]};
    // MIN, MAX, MINU, MAXU (1_u_m_00) choose between a and b with one compare (signed a < b
    // differs from unsigned only when the signs do) and one multiplexer
    ult = a < b;
    slt = (a[63] != b[63]) ? a[63] : ult;
    take_a = (amo[3] ? ult : slt) != amo[2];
    // a store's and an SC's value is b as an AMOSWAP's: b differs from wdata only in bits
    // outside the access, which the byte enables below leave out
    if (cop != OP_AMO) newv = b;
    else if (amo[4]) newv = take_a ? a : b;
    else case (amo[3:2])
      2'b00:   newv = (amo[0] || amo[1]) ? b : a + b;  // AMOADD; AMOSWAP is 00001
      2'b01:   newv = a ^ b;
      2'b11:   newv = a & b;
      default: newv = a | b;
    endcase
    sc_fail = (cop == OP_SC) && !(resv_valid && resv_line == addr[GW-1:6]);
    // a forward handled this cycle may take the line away: the core waits a cycle
    // a write also waits for a refill arriving this cycle (possible only for a line whose
    // request timed out): the array's one write port takes the refill
    hit_ok = !fwd_busy && !walk && !(fill && cop != OP_LOAD && cop != OP_LR) &&
             (my_err || sc_fail || (present && (!need_own || own[idx])));
    amo_first = SHORT_PATHS && cop == OP_AMO && !my_err && !amo_have && hit_ok;
    ready = hit_ok && !amo_first;
    done = req && ready;
    err = my_err;
    write = done && !my_err && !sc_fail && cop != OP_LOAD && cop != OP_LR;
    rdata = ICACHE ? '0 : (cop == OP_SC) ? {63'd0, sc_fail} : old;
    // the access is naturally aligned, so its bytes lie in the word at addr[5:3]: merged into
    // that word by byte enables, and the word put back in its place (a shift of the value into
    // any byte of the line cost a 512-bit shifter per byte in synthesis; a condition per byte
    // of the line cost the model 64 tests and byte copies per cache in every cycle)
    wshift = newv << {addr[2:0], 3'd0};
    wbe = 8'(((16'd1 << (4'd1 << size)) - 16'd1) << addr[2:0]);
    for (int k = 0; k < 8; k++) bmask[k*8 +: 8] = {8{wbe[k]}};
    merged = (word & ~bmask) | (wshift & bmask);
  end

  // a miss may start: nothing outstanding for the line, the victim can leave, and no forward
  // is changing the array this cycle
  logic start, victim_owned;
  assign victim_owned = valid[idx] && own[idx] && !present;
  assign start = req && !done && !amo_first && !fwd_busy && !walk && mshr == coh_pkg::L_I &&
                 backoff == '0 && !(wb_valid && wb_line == addr[GW-1:6]) &&
                 !(victim_owned && wb_valid);
  assign ev_miss = start;

  if (SHORT_PATHS) begin : g_amo
    always_ff @(posedge clk) begin
      amo_have <= !rst && req && amo_first;
      amo_a <= a_ext;
    end
  end else begin : g_amo
    assign amo_have = 1'b0;
    assign amo_a = '0;
  end

  // ---------------------------------------------------------------- flush walk (fence.i)
  logic fl_wb;  // the walker moves an owned line to the writeback buffer this cycle
  assign fl_wb = walk && !fl_end && mshr == coh_pkg::L_I && !wb_valid && valid[fidx] && own[fidx] &&
                 !fwd_busy;
  assign flush_done = walk && fl_end && !wb_valid && mshr == coh_pkg::L_I;

  // ---------------------------------------------------------------- requests out
  always_comb begin
    req_valid = (wb_send || mshr_send) && backoff == '0;
    if (wb_send) req_msg = to_home(coh_pkg::M_PUTM, wb_line, 1'b0, wb_data);
    else req_msg = to_home(mshr == coh_pkg::L_ISD ? (ICACHE ? coh_pkg::M_GETSI : coh_pkg::M_GETS)
                                                  : coh_pkg::M_GETM, mshr_line, 1'b0, '0);
  end

  // ---------------------------------------------------------------- state
  assign ev_proto_err = fwd_take && ft.act.proto_err;

  always_ff @(posedge clk) begin
    if (backoff != '0) backoff <= backoff - 1'b1;
    lfsr <= {lfsr[14:0], lfsr[15] ^ lfsr[13] ^ lfsr[12] ^ lfsr[10]};
    mshr_wait <= (mshr != coh_pkg::L_I && !mshr_send && !rsp_valid) ? mshr_wait + 32'd1 : '0;
    wb_wait <= (wb_valid && !wb_send && !rsp_valid) ? wb_wait + 32'd1 : '0;
    if (mshr_tmo) begin
      mshr <= coh_pkg::L_I;
      err_valid <= 1'b1;
      err_line <= mshr_line;
    end
    if (wb_tmo) wb_valid <= 1'b0;
    if (ack_valid && ack_ready) ack_valid <= 1'b0;

    // the core's access
    if (write) dirty[idx] <= 1'b1;
    if (resv_hold != '0) resv_hold <= resv_hold - 1'b1;
    if (done && cop == OP_LR) begin
      resv_valid <= 1'b1; resv_line <= addr[GW-1:6];
      if (!hold_spent) begin resv_hold <= 6'(LRSC_HOLD); hold_spent <= 1'b1; end
    end
    if (done && cop == OP_SC) begin resv_valid <= 1'b0; resv_hold <= '0; end
    if (done && my_err) err_valid <= 1'b0;

    // a miss: free the slot (an owned victim goes to the writeback buffer), then ask
    if (start) begin
      err_valid <= 1'b0;
      mshr_line <= addr[GW-1:6];
      mshr_send <= 1'b1;
      if (present) mshr <= coh_pkg::L_SMD;
      else begin
        mshr <= need_own ? coh_pkg::L_IMD : coh_pkg::L_ISD;
        if (valid[idx]) begin
          valid[idx] <= 1'b0;
          // the reserved line leaves: no forward will tell this cache of a later store
          if ({tags[idx], idx} == resv_line) resv_valid <= 1'b0;
          if (own[idx]) begin
            wb_valid <= 1'b1; wb_send <= 1'b1; wb_data <= rd_line;
            wb_line <= {tags[idx], idx};
          end
        end
      end
    end
    if (fl_wb) begin
      valid[fidx] <= 1'b0;
      if ({tags[fidx], fidx} == resv_line) resv_valid <= 1'b0;
      wb_valid <= 1'b1; wb_send <= 1'b1; wb_data <= rd_line; wb_line <= {tags[fidx], fidx};
    end
    if (walk && !fl_end && !fl_wb && (!valid[fidx] || !own[fidx])) begin
      fidx <= fidx + 1'b1;
      if (fidx == IW'(LINES - 1)) fl_end <= 1'b1;
    end
    if (!walk) begin fidx <= '0; fl_end <= 1'b0; end
    if (inval_all) valid <= '0;

    // requests leave
    if (req_valid && req_ready) begin
      if (wb_send) wb_send <= 1'b0; else mshr_send <= 1'b0;
    end

    // responses
    filled <= fill;
    if (rsp_valid) begin
      case (r.kind)
        coh_pkg::M_DATAS, coh_pkg::M_DATAE, coh_pkg::M_DATAM: begin
          valid[r_line[6 +: IW]] <= 1'b1;
          own[r_line[6 +: IW]] <= !ICACHE && r.kind != coh_pkg::M_DATAS;
          dirty[r_line[6 +: IW]] <= !ICACHE && r.kind == coh_pkg::M_DATAM;
          mshr <= coh_pkg::L_I;
          nacks <= '0;
          hold_spent <= 1'b0;
        end
        coh_pkg::M_NACK: begin
          backoff <= 8'd4 + (lfsr[7:0] & (8'((16'd16 << nacks) - 16'd1)));
          if (nacks != 2'd3) nacks <= nacks + 1'b1;
          if (r.flag) wb_send <= 1'b1;
          else mshr <= coh_pkg::L_I;  // the core's unchanged request starts it again
        end
        coh_pkg::M_WBACK: wb_valid <= 1'b0;
        default: begin  // M_ERR
          mshr <= coh_pkg::L_I;
          err_valid <= 1'b1;
          err_line <= r_line;
        end
      endcase
    end

    // forwards
    if (park) begin pk_valid <= 1'b1; pk_kind <= f.kind; pk_line <= f_line; end
    if (fwd_take && pk_ready) pk_valid <= 1'b0;
    if (fwd_take) begin
      if (ft.act.invack || ft.act.recack || ft.act.recack_wb) begin
        ack_valid <= 1'b1;
        ack_msg <= to_home(ft.act.invack ? coh_pkg::M_INVACK : coh_pkg::M_RECACK, f_line,
                           ft.act.recack_wb || (ft.act.recack && ft_here && dirty[fi]),
                           ICACHE ? '0 : ft.act.recack_wb ? wb_data : rd_line);
      end
      if (ft_here && !ft.act.recack_wb) begin
        if (ft.next == coh_pkg::L_I || ft.next == coh_pkg::L_IMD) valid[fi] <= 1'b0;
        if (ft.next == coh_pkg::L_S) begin own[fi] <= 1'b0; dirty[fi] <= 1'b0; end
      end
      // (unless a NACK or ERR ends the request in this same cycle: then the cache is in I)
      if (mshr == coh_pkg::L_SMD && mshr_line == f_line && ft.next == coh_pkg::L_IMD &&
          !(rsp_valid && r_line == mshr_line &&
            ((r.kind == coh_pkg::M_NACK && !r.flag) || r.kind == coh_pkg::M_ERR)))
        mshr <= coh_pkg::L_IMD;
      if (resv_line == f_line) resv_valid <= 1'b0;
    end
    // The reset comes last, over the above, and reaches only the state: the lines and messages
    // kept beside it (mshr_line, err_line, wb_line, resv_line, pk_kind and pk_line, ack_msg)
    // are read only under their valid bits or the MSHR's state, and stay out of the reset net
    // (docs/fpga.md change 54)
    if (rst) begin
      valid <= '0; own <= '0; dirty <= '0;
      mshr <= coh_pkg::L_I; mshr_send <= 1'b0; backoff <= '0;
      nacks <= '0; lfsr <= 16'(AGENT * 40503 + NODE_ID * 4099 + 1); hold_spent <= 1'b0;
      err_valid <= 1'b0; wb_valid <= 1'b0; wb_send <= 1'b0;
      resv_valid <= 1'b0; resv_hold <= '0;
      fidx <= '0; fl_end <= 1'b0; filled <= 1'b0;
      pk_valid <= 1'b0; ack_valid <= 1'b0; mshr_wait <= '0; wb_wait <= '0;
    end
    // An I cache never owns, dirties, writes back or reserves a line: its registers for that
    // never leave their reset values, which synthesis sees only when told (its writeback
    // buffer, victim logic and watchdog then go)
    if (ICACHE) begin
      own <= '0; dirty <= '0; wb_valid <= 1'b0; wb_send <= 1'b0; resv_valid <= 1'b0; resv_hold <= '0;
    end
  end

  // The arrays' write ports, apart from the state and its reset: memories (LUT RAM, a copy per
  // read port). A refill or the core's write (never both, see done); an I cache only refills.
  // The core's write puts back only the word it changed (a write enable per word), so the
  // array's input chooses per word between the refill and `merged`, not between the refill
  // and a whole line rebuilt around the word.
  always_ff @(posedge clk)
    for (int w = 0; w < 8; w++)
      if (!rst && (fill || (write && addr[5:3] == 3'(w))))
        data[fill ? r_line[6 +: IW] : idx][w*64 +: 64] <= (fill || ICACHE) ? r.data[w*64 +: 64]
                                                                            : merged;
  always_ff @(posedge clk)
    if (!rst && fill) tags[r_line[6 +: IW]] <= r_line[GW-1 -: TW];
endmodule
