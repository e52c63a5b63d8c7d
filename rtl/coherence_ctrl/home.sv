// Home side of a node's coherence controller: the directory of the lines of this node's
// memory that some L1 holds, and the engine that runs the protocol table
// (rtl/coherence_ctrl/protocol.py, generated into coh_pkg::home_step) one message per cycle
// (every other cycle with SHORT_PATHS).
//
// The directory is sparse: DIR_SETS x DIR_WAYS entries, each tracking one line (state, a sharer
// bit per L1 agent, owner, the pending request). A line that no cache holds has no entry, so
// its storage does not grow with node memory (docs/coherence.md). When a set is full, a stable
// entry is given up (its copies invalidated or recalled) and the request is NACKed to retry.
//
// Inputs are taken in a fixed priority that keeps the protocol live: memory data first, then
// responses (INVACK, RECACK), then requests, which alone may need the forward network, then
// the housekeeping events: a lost line cleared by software, and the watchdog that scans one
// entry per cycle for a busy line whose acks or recalled data are overdue (the memory fault
// model: a dead sharer's ack counts as done, a dead owner's line is lost).
module home #(
    parameter int     NODE_ID = 0,
    parameter int     NODES = 1,
    parameter int     CORES_PER_NODE = 1,
    parameter longint NODE_MEM = 64'h100_0000,
    parameter int     DIR_SETS = 256,
    parameter int     DIR_WAYS = 4,
    // 1 (the boards): a message's choice and lookup, then its step, in two cycles; the sweep
    // acts on a firewall check of its entry made a cycle earlier
    parameter bit     SHORT_PATHS = 1'b0,
    // messages the output queue holds: 2 lets a step push while the network takes the last
    // message; 1 (a board's) keeps a message in one register, without the queue's multiplexer
    // and its select fanning out to every bit, and a SHORT_PATHS home, which steps every other
    // cycle at most, then sends a message every third cycle at most
    parameter int     OUT_DEPTH = 2,
    localparam int    AGENTS = NODES * CORES_PER_NODE * 2,
    localparam int    MW = coh_pkg::MSG_BITS
) (
    input  logic          clk,
    input  logic          rst,
    input  logic          halt,         // the node failed: nothing moves
    input  logic [31:0]   timeout,      // CTRL_TIMEOUT; acks and recalls are awaited timeout >> HOME_TIMEOUT_SHIFT
                                        // (shorter than the requester's wait: a dead sharer must not fault it)
    input  logic          clear_valid,  // CTRL_LOST_CLEAR written with clear_line
    input  coh_pkg::line_t clear_line,
    output logic          lost_event,   // a line was marked lost this cycle
    // firewall: the step's check, the sweep's check, and the sweep after a fill; with
    // SHORT_PATHS its answers are for last cycle's lines (firewall.sv, SYNC_READ)
    output coh_pkg::line_t fw_line,
    output logic [coh_pkg::AGENT_BITS-1:0] fw_agent,
    input  logic          fw_ok,
    output logic [coh_pkg::AGENT_BITS-1:0] own_agent,  // the entry's owner, checked on the same page
    input  logic          own_ok,
    output coh_pkg::line_t swp_line,
    output logic [coh_pkg::AGENT_BITS-1:0] swp_agent,
    input  logic          swp_ok,
    input  logic          fw_filling,   // vectors are being written (a fill in progress)
    input  logic          sweep_start,  // vectors changed: recall lines owned against them
    output logic          sweeping,
    output logic          deny,         // the firewall refused an ownership request or writeback
    output logic          deny_wb,      // ... a writeback
    input  logic          cutoff,       // refuse every request from another node
    // requests for this node's memory (request network)
    input  logic          req_valid,
    input  logic [MW-1:0] req_msg,
    output logic          req_pop,
    // INVACK / RECACK for this home (response network)
    input  logic          rsp_valid,
    input  logic [MW-1:0] rsp_msg,
    output logic          rsp_pop,
    // to the forward and response networks
    output logic          fwd_valid,
    output logic [MW-1:0] fwd_msg,
    input  logic          fwd_ready,
    output logic          out_valid,
    output logic [MW-1:0] out_msg,
    input  logic          out_ready,
    // node memory
    output logic          mem_valid,
    input  logic          mem_ready,
    output logic          mem_we,
    output logic [31:0]   mem_addr,
    output logic [511:0]  mem_wdata,
    input  logic          mem_resp_valid,
    input  logic [511:0]  mem_resp_data,
    // statistics
    output logic [63:0]   stat_requests,
    output logic [63:0]   stat_nacks,
    output logic [63:0]   stat_evictions,
    output logic [63:0]   stat_proto_errors,
    output logic [63:0]   stat_occupancy_max
);

  localparam int ENT = DIR_SETS * DIR_WAYS;
  localparam int EW = $clog2(ENT);
  localparam int SW = $clog2(DIR_SETS);
  localparam int WB = $clog2(DIR_WAYS);    // DIR_SETS and DIR_WAYS are powers of two
  localparam int C2 = 2 * CORES_PER_NODE;  // L1 agents per node

  // ---------------------------------------------------------------- directory storage
  // An entry holds a line of this node's memory (a request for any other is refused before it
  // gets one), so it keeps the line's offset in that memory, OW bits, not all of a line's (the
  // LUT RAM copies on the boards): line_of puts the node's base above it, and a line outside the
  // memory (a stray ack) matches no entry.
  localparam int OW = $clog2(NODE_MEM) - 6;
  localparam logic [63:0] MEM_BASE = hive_pkg::GLOBAL_BASE + 64'(NODE_ID) * hive_pkg::GLOBAL_SIZE;
  localparam coh_pkg::line_t BASE_LINE = MEM_BASE[coh_pkg::LINE_BITS+5:6];
  function automatic coh_pkg::line_t line_of(input logic [OW-1:0] o);
    line_of = BASE_LINE | coh_pkg::LINE_BITS'(o);
  endfunction
  coh_pkg::home_state_e           d_state   [ENT];
  logic [OW-1:0]         d_line    [ENT];
  logic [coh_pkg::AGENT_BITS-1:0] d_owner   [ENT];
  logic [31:0]           d_since   [ENT];   // cycle the entry began waiting for acks or data
  // the rest of an entry is read only by the step, from the way banks below
  typedef struct packed {
    logic [AGENTS-1:0]              sharers;
    logic [coh_pkg::AGENT_BITS-1:0] pend;
    logic [1:0]                     kind;   // pending grant: 0 S, 1 E, 2 M
    logic                           evict;
    logic [7:0]                     acks;
  } fields_t;
  logic [31:0]           now;
  logic [EW-1:0]         scan;              // the entry the watchdog looks at this cycle
  logic [ENT-1:0]        d_used;    // entries not in state I (the other fields are then valid)
  logic [EW:0]           occupancy;
  function automatic coh_pkg::home_state_e state_of(input logic [EW-1:0] i);
    state_of = d_used[i] ? d_state[i] : coh_pkg::H_I;
  endfunction

  // ---------------------------------------------------------------- queues
  logic          pq_push, pq_ready, pq_pop, pq_valid;   // entries waiting for memory data
  logic [EW-1:0] pq_din, pq_dout;
  fifo #(.W(EW), .DEPTH(8)) pend_q (
      .clk, .rst, .push(pq_push), .din(pq_din), .ready(pq_ready), .pop(pq_pop), .dout(pq_dout),
      .valid(pq_valid));
  logic          mq_valid, mq_pop;
  logic [511:0]  mq_data;
  // with SHORT_PATHS the data is read a cycle after the choice, at the step (a registered
  // read: block RAM on the boards)
  /* verilator lint_off PINCONNECTEMPTY */
  fifo #(.W(512), .DEPTH(8), .SYNC_READ(SHORT_PATHS)) mdata_q (
      .clk, .rst, .push(mem_resp_valid), .din(mem_resp_data), .ready(), .pop(mq_pop),
      .dout(mq_data), .valid(mq_valid));
  /* verilator lint_on PINCONNECTEMPTY */
  logic          oq_push, oq_ready;
  coh_pkg::msg_t          oq_din;
  fifo #(.W(MW), .DEPTH(OUT_DEPTH)) out_q (
      .clk, .rst, .push(oq_push), .din(oq_din), .ready(oq_ready), .pop(out_ready),
      .dout(out_msg), .valid(out_valid));
  logic          fq_push, fq_ready;
  /* verilator lint_off UNUSEDSIGNAL */  // its data bits: see fwd_q
  coh_pkg::msg_t          fq_din;
  /* verilator lint_on UNUSEDSIGNAL */
  // a forward carries no data: the queue keeps the header, the data bits go out as zeros (an
  // FPGA build keeps each module's hierarchy and would not see that they are constant)
  logic [MW-513:0]        fq_head;
  fifo #(.W(MW - 512), .DEPTH(2)) fwd_q (
      .clk, .rst, .push(fq_push), .din(fq_din[MW-1:512]), .ready(fq_ready), .pop(fwd_ready),
      .dout(fq_head), .valid(fwd_valid));
  assign fwd_msg = {fq_head, 512'd0};

  // invalidation sender: one INV per cycle to each agent in inv_mask
  logic              inv_busy;
  logic [AGENTS-1:0] inv_mask;
  coh_pkg::line_t    inv_line;
  logic [coh_pkg::AGENT_BITS-1:0] inv_to;  // the lowest agent in inv_mask: its INV goes next

  // ---------------------------------------------------------------- helpers
  function automatic logic [coh_pkg::NODE_BITS-1:0] agent_node(input logic [coh_pkg::AGENT_BITS-1:0] a);
    agent_node = coh_pkg::NODE_BITS'(32'(a) / C2);
  endfunction
  function automatic logic [AGENTS-1:0] agent_bit(input logic [coh_pkg::AGENT_BITS-1:0] a);
    agent_bit = AGENTS'(1) << a;
  endfunction
  function automatic coh_pkg::msg_t reply(input coh_pkg::msg_e k, input logic [coh_pkg::AGENT_BITS-1:0] to,
                                 input coh_pkg::line_t line, input logic flag,
                                 input logic [511:0] data);
    reply.kind = k;
    reply.src_node = coh_pkg::NODE_BITS'(NODE_ID);
    reply.src_agent = coh_pkg::AGENT_HOME;
    reply.dst_node = agent_node(to);
    reply.dst_agent = to;
    reply.line = line;
    reply.flag = flag;
    reply.data = data;
  endfunction

  // ---------------------------------------------------------------- choose this cycle's input
  // A message is handled in two parts: the choice of input and its directory lookup (c_*), then
  // the protocol step on the looked-up entry. The simulator's machine does both in one cycle.
  // With SHORT_PATHS (the boards) the choice and lookup are registered (g_look) and the step
  // runs in the next cycle, in which nothing is chosen: a message takes two cycles, and as no
  // step runs in the cycle of a choice, the directory, the pending-entry queue and the room in
  // the output and memory ports that the choice saw are what the step finds (the networks and
  // the memory can only free room in between). The input queues are popped by the step.
  coh_pkg::msg_t rq, rs;
  assign rq = req_msg;
  assign rs = rsp_msg;

  // A LOST_CLEAR write waits in clr_* until the home takes it. It arrives as a one-cycle device
  // write, and taken only in that cycle it was lost whenever the home was taking a message then;
  // registered, it is also off the path from a core's device access into the home's step (the
  // boards' critical path). One slot: a second write before the home took the first replaces it.
  logic          clr_pend;
  coh_pkg::line_t clr_line;
  logic        c_mem, c_rsp, c_req, c_clear, c_wd, c_swp, wd_fire, swp_fire, go;
  always_ff @(posedge clk) begin
    if (rst) begin
      clr_pend <= 1'b0; clr_line <= '0;
    end else if (clear_valid) begin
      clr_pend <= 1'b1; clr_line <= clear_line;
    end else if (c_clear) clr_pend <= 1'b0;
  end
  logic [EW-1:0] swp_idx;
  coh_pkg::msg_t        c_m;        // the message chosen (for MEMDATA: its entry's line)
  coh_pkg::home_event_e c_ev;
  logic                 lk_v;       // a step is due (always, without SHORT_PATHS)
  assign go = !halt && (!SHORT_PATHS || !lk_v);
  assign c_mem = go && mq_valid && pq_valid && oq_ready && mem_ready;
  always_comb begin
    c_rsp = go && !c_mem && rsp_valid && oq_ready && mem_ready && pq_ready;
    c_req = go && !c_mem && !c_rsp && req_valid && oq_ready && fq_ready &&
            !inv_busy && pq_ready && mem_ready;
    c_clear = go && !c_mem && !c_rsp && !c_req && clr_pend;
    c_wd = go && !c_mem && !c_rsp && !c_req && !c_clear && wd_fire &&
           oq_ready && pq_ready && mem_ready;
    c_swp = go && !c_mem && !c_rsp && !c_req && !c_clear && !c_wd &&
            swp_fire && fq_ready && !inv_busy;
    c_m = c_rsp ? rs : rq;
    if (c_mem || c_wd) c_m.line = aux_line;
    if (c_clear) c_m.line = clr_line;
    if (c_swp) c_m.line = swp_line;
    case (c_m.kind)
      coh_pkg::M_GETS:   c_ev = coh_pkg::HE_GETS;
      coh_pkg::M_GETSI:  c_ev = coh_pkg::HE_GETSI;
      coh_pkg::M_GETM:   c_ev = coh_pkg::HE_GETM;
      coh_pkg::M_PUTM:   c_ev = coh_pkg::HE_PUTM;
      coh_pkg::M_INVACK: c_ev = coh_pkg::HE_INVACK;
      default:  c_ev = coh_pkg::HE_RECACK;
    endcase
    if (c_mem) c_ev = coh_pkg::HE_MEMDATA;
    if (c_clear) c_ev = coh_pkg::HE_CLEAR;
    if (c_wd) c_ev = (state_of(scan) == coh_pkg::H_BINV) ? coh_pkg::HE_INVTIMEOUT : coh_pkg::HE_RECFAIL;
    if (c_swp) c_ev = coh_pkg::HE_EVICT;
  end

  // Every read port of a LUT-RAM array is a copy of it, so the directory's lines are read at
  // few addresses: the entry of a memory reply or of the watchdog (never both in a cycle), the
  // sweep's entry, and the looked-up set (below). The first is chosen by the queues' valids
  // alone, not by c_mem (which waits for the output and memory ports): the watchdog, taken
  // only when those ports are ready, runs only in a cycle without memory data and a pending
  // entry, so the choice is the same and the read starts before the ports' readies are known.
  coh_pkg::line_t aux_line;
  assign aux_line = line_of(d_line[mq_valid && pq_valid ? pq_dout : scan]);
  // the revocation sweep: an owned line whose owner may no longer write its page is recalled
  assign swp_line = line_of(d_line[swp_idx]);
  assign swp_agent = d_owner[swp_idx];
  // With SHORT_PATHS the firewall's reads are registered (its vectors are block RAM, and the
  // path from the entry's line through them into the step's choice of message was the boards'
  // longest): swp_ok is for last cycle's line, good while swp_fresh says neither the entry, the
  // vectors nor the entry swept changed since; the sweep waits for a fresh check, two cycles an
  // entry.
  logic swp_deny, swp_known, swp_fresh, swp_next, dir_upd;
  assign swp_fire = sweeping && state_of(swp_idx) == coh_pkg::H_M && swp_deny;
  assign swp_known = !SHORT_PATHS || swp_fresh;
  assign swp_deny  = swp_known && !swp_ok;
  // the sweep moves on from an entry once it is neither owned against the firewall nor busy (a
  // recall it started ends with the entry free)
  assign swp_next = sweeping && swp_known && !swp_fire && state_of(swp_idx) != coh_pkg::H_BMEM &&
                    state_of(swp_idx) != coh_pkg::H_BINV && state_of(swp_idx) != coh_pkg::H_BREC;
  // the step's page, a cycle early with SHORT_PATHS: the choice's, then held while the step is due
  assign fw_line = SHORT_PATHS && !lk_v ? c_m.line : m.line;
  assign fw_agent = m.src_agent;
  assign own_agent = d_owner[e];

  // the watchdog: is the scanned entry overdue?
  assign wd_fire = (state_of(scan) == coh_pkg::H_BINV || state_of(scan) == coh_pkg::H_BREC) &&
                   (now - d_since[scan]) > (timeout >> hive_pkg::HOME_TIMEOUT_SHIFT);

  // ---------------------------------------------------------------- directory lookup
  // The set's ways come from a copy of d_line and d_state banked by way (one read port per
  // bank). The entry a step works on is always in the looked-up set (an entry holds a line of
  // its own set), so its line and state are read from there as well.
  logic [SW-1:0] set;
  logic          c_hit, c_has_free;
  logic [EW-1:0] hit_e, free_e, victim_e, c_e;
  logic [$clog2(DIR_WAYS+1)-1:0] victim_way;
  coh_pkg::line_t       way_line  [DIR_WAYS];
  coh_pkg::home_state_e way_state [DIR_WAYS];   // state_of each way's entry
  fields_t              way_fields [DIR_WAYS];
  assign set = c_m.line[6 +: SW];
  always_comb begin
    c_hit = 1'b0; c_has_free = 1'b0; hit_e = '0; free_e = '0;
    for (int w = DIR_WAYS - 1; w >= 0; w--) begin
      logic [EW-1:0] i;
      i = EW'(32'(set) * DIR_WAYS + w);
      if (way_state[w] != coh_pkg::H_I && way_line[w] == c_m.line) begin
        c_hit = 1'b1; hit_e = i;
      end
      if (way_state[w] == coh_pkg::H_I) begin c_has_free = 1'b1; free_e = i; end
    end
    victim_e = EW'(32'(set) * DIR_WAYS + 32'(victim_way));
  end
  // the entry the step works on
  assign c_e = c_mem ? pq_dout : c_wd ? scan : c_swp ? swp_idx :
               c_hit ? hit_e : c_has_free ? free_e : victim_e;

  // ---------------------------------------------------------------- the choice, for the step
  // What the step works on: the choice and its lookup, registered with SHORT_PATHS (lk_v says
  // a step is due), the choice itself without.
  logic          t_mem, t_rsp, t_req, t_clear, t_wd, t_swp, hit, has_free;
  logic [EW-1:0] e;          // the entry the step works on (its owner goes to the firewall)
  coh_pkg::line_t e_line;
  fields_t       ef, ef_next;  // the entry's fields, and as the step leaves them
  /* verilator lint_off UNUSEDSIGNAL */  // the destination fields of a message that arrived here
  coh_pkg::msg_t        m;          // the message being handled
  /* verilator lint_on UNUSEDSIGNAL */
  coh_pkg::home_event_e ev;
  coh_pkg::home_state_e e_state;
  if (SHORT_PATHS) begin : g_look
    always_ff @(posedge clk)
      if (rst) lk_v <= 1'b0;
      else if (!halt) begin
        lk_v <= !lk_v && (c_mem || c_rsp || c_req || c_clear || c_wd || c_swp);
        if (!lk_v) begin
          {t_mem, t_rsp, t_req, t_clear, t_wd, t_swp} <=
              {c_mem, c_rsp, c_req, c_clear, c_wd, c_swp};
          {hit, has_free, e} <= {c_hit, c_has_free, c_e};
          e_line <= way_line[c_e[WB-1:0]];
          e_state <= way_state[c_e[WB-1:0]];
          ef <= way_fields[c_e[WB-1:0]];
          m <= c_m;
          ev <= c_ev;
        end
      end
  end else begin : g_look
    assign lk_v = 1'b1;
    assign {t_mem, t_rsp, t_req, t_clear, t_wd, t_swp} =
        {c_mem, c_rsp, c_req, c_clear, c_wd, c_swp};
    assign {hit, has_free, e} = {c_hit, c_has_free, c_e};
    assign e_line = way_line[c_e[WB-1:0]];
    assign e_state = way_state[c_e[WB-1:0]];
    assign ef = way_fields[c_e[WB-1:0]];
    assign m = c_m;
    assign ev = c_ev;
  end
  logic take_mem, take_rsp, take_req, take_clear, take_wd, take_swp;
  assign take_mem = lk_v && !halt && t_mem;
  assign take_rsp = lk_v && !halt && t_rsp;
  assign take_req = lk_v && !halt && t_req;
  assign take_clear = lk_v && !halt && t_clear;
  assign take_wd = lk_v && !halt && t_wd;
  assign take_swp = lk_v && !halt && t_swp;

  // a request for a line outside this node's memory cannot be served
  logic in_range;
  assign in_range = 64'({m.line, 6'd0}) >= MEM_BASE && 64'({m.line, 6'd0}) < MEM_BASE + 64'(NODE_MEM);

  coh_pkg::home_state_e step_st;
  coh_pkg::home_event_e step_ev;
  // ---------------------------------------------------------------- one protocol step
  logic          act_valid, evicting, bad_addr, full_wait;
  assign full_wait = take_req && !hit && !has_free && !evicting;
  coh_pkg::home_step_t    st;
  coh_pkg::home_guard_t   g;
  always_comb begin
    act_valid = take_mem || take_rsp || take_req || take_wd || take_swp ||
                (take_clear && hit && e_state == coh_pkg::H_LOST);
    evicting = 1'b0;
    bad_addr = 1'b0;
    if (take_req && (!in_range || (cutoff && m.src_node != coh_pkg::NODE_BITS'(NODE_ID))))
      bad_addr = 1'b1;  // outside this memory, or cut off: ERR (a writeback is dropped)
    else if (take_req && !hit && !has_free)
      // a full set gives up a stable entry; with none stable, the request just waits
      evicting = (e_state == coh_pkg::H_S || e_state == coh_pkg::H_M);
    // an owner's writeback or recalled line during a fill or sweep carries data written while
    // it could write (the revocation is not complete): the recall the sweep would make, not refused
    g.fw_ok = fw_ok || ((m.kind == coh_pkg::M_PUTM || m.kind == coh_pkg::M_RECACK) &&
                        (fw_filling || sweeping));
    g.owner_fw_ok = own_ok;
    g.others = (ef.sharers & ~agent_bit(m.src_agent)) != '0;
    g.last_ack = (ef.acks == 8'd1);
    g.evict = ef.evict;
    g.pend_s = (ef.kind == 2'd0);
    g.src_owner = (d_owner[e] == m.src_agent);
    g.dirty = m.flag;
    step_st = e_state;
    step_ev = evicting ? coh_pkg::HE_EVICT : ev;
  end
  coh_home_step step (.st(step_st), .ev(step_ev), .g, .known(st.known), .next(st.next), .act(st.act));

  // ---------------------------------------------------------------- outputs of the step
  logic [AGENTS-1:0] inv_targets;
  assign inv_targets = ef.sharers & (evicting ? '1 : ~agent_bit(m.src_agent));

  always_comb begin
    logic [511:0] data;
    data = take_mem ? mq_data : m.data;
    req_pop = take_req;
    rsp_pop = take_rsp;
    mq_pop = take_mem;
    pq_pop = take_mem;
    pq_push = 1'b0;
    pq_din = e;
    mem_valid = 1'b0;
    mem_we = 1'b0;
    mem_addr = 32'(64'({m.line, 6'd0}) - MEM_BASE);
    mem_wdata = m.data;
    oq_push = 1'b0;
    oq_din = reply(coh_pkg::M_NACK, m.src_agent, m.line, m.kind == coh_pkg::M_PUTM, '0);
    fq_push = 1'b0;
    fq_din = reply(coh_pkg::M_RECS, d_owner[e], m.line, 1'b0, '0);
    if (inv_busy) begin fq_push = 1'b1; fq_din = reply(coh_pkg::M_INV, inv_to, inv_line, 1'b0, '0); end
    if (act_valid) begin
      if (bad_addr) begin
        oq_push = 1'b1;
        oq_din.kind = (m.kind == coh_pkg::M_PUTM) ? coh_pkg::M_WBACK : coh_pkg::M_ERR;
      end else if (take_req && !hit && !has_free && !evicting) begin
        oq_push = 1'b1;  // NACK: the set is busy
      end else if (evicting) begin
        // the victim's step below runs on EVICT; the request itself is NACKed
        oq_push = 1'b1;
        if (st.act.send_reci) begin fq_push = 1'b1; fq_din.kind = coh_pkg::M_RECI; fq_din.line = e_line; end
      end else if (!st.known) begin
        oq_push = !take_rsp && !take_mem;
        oq_din.kind = (m.kind == coh_pkg::M_PUTM) ? coh_pkg::M_WBACK : coh_pkg::M_ERR;
      end else begin
        if (st.act.nack) oq_push = 1'b1;
        if (st.act.err_pend) begin
          oq_push = 1'b1;
          oq_din = reply(coh_pkg::M_ERR, ef.pend, e_line, 1'b0, '0);
        end
        if (st.act.err) begin oq_push = 1'b1; oq_din.kind = coh_pkg::M_ERR; end
        if (st.act.wback) begin oq_push = 1'b1; oq_din.kind = coh_pkg::M_WBACK; end
        if (st.act.grant) begin
          oq_push = 1'b1;
          oq_din = reply(ef.kind == 2'd0 ? coh_pkg::M_DATAS : ef.kind == 2'd1 ? coh_pkg::M_DATAE : coh_pkg::M_DATAM,
                         ef.pend, m.line, 1'b0, data);
        end
        if (st.act.send_recs) fq_push = 1'b1;
        if (st.act.send_reci) begin fq_push = 1'b1; fq_din.kind = coh_pkg::M_RECI; end
        if (st.act.memrd) begin mem_valid = 1'b1; pq_push = 1'b1; end
        if (st.act.memwr) begin mem_valid = 1'b1; mem_we = 1'b1; end
      end
    end
  end

  assign lost_event = act_valid && st.known && st.act.count_lost;
  assign deny = act_valid && !bad_addr && !full_wait && st.known && st.act.deny;
  assign deny_wb = deny && (m.kind == coh_pkg::M_PUTM || m.kind == coh_pkg::M_RECACK);

  // ---------------------------------------------------------------- state updates
  always_ff @(posedge clk) begin
    if (rst) begin
      d_used <= '0;
      inv_busy <= 1'b0; inv_mask <= '0; inv_line <= '0; victim_way <= '0; occupancy <= '0;
      now <= '0; scan <= '0; sweeping <= 1'b0; swp_idx <= '0; swp_fresh <= 1'b0;
      stat_requests <= '0; stat_nacks <= '0; stat_evictions <= '0; stat_proto_errors <= '0;
      stat_occupancy_max <= '0;
    end else if (!halt) begin
      now <= now + 32'd1;
      scan <= (32'(scan) == ENT - 1) ? '0 : scan + 1'b1;
      if (sweep_start) begin
        sweeping <= 1'b1;
        swp_idx <= '0;
      end else if (swp_next) begin
        swp_idx <= swp_idx + 1'b1;
        if (32'(swp_idx) == ENT - 1) sweeping <= 1'b0;
      end
      if (SHORT_PATHS)
        swp_fresh <= sweeping && !sweep_start && !swp_next && !fw_filling &&
                     !(dir_upd && e == swp_idx);
      if (take_req) stat_requests <= stat_requests + 1;
      if (oq_push && oq_ready && oq_din.kind == coh_pkg::M_NACK) stat_nacks <= stat_nacks + 1;
      if (act_valid && !bad_addr && !full_wait && !st.known) stat_proto_errors <= stat_proto_errors + 1;
      if (evicting) begin
        stat_evictions <= stat_evictions + 1;
        victim_way <= (32'(victim_way) == DIR_WAYS - 1) ? '0 : victim_way + 1'b1;
      end
      if (64'(occupancy) > stat_occupancy_max) stat_occupancy_max <= 64'(occupancy);
      if (act_valid && !bad_addr && !full_wait && st.known) begin
        if (e_state == coh_pkg::H_I && st.next != coh_pkg::H_I) begin
          occupancy <= occupancy + 1'b1;
          d_line[e] <= m.line[6 +: OW];
        end
        if (e_state != coh_pkg::H_I && st.next == coh_pkg::H_I) occupancy <= occupancy - 1'b1;
        d_state[e] <= st.next;
        d_used[e] <= (st.next != coh_pkg::H_I);
        if (st.act.set_owner) d_owner[e] <= ef.pend;
        if (st.act.dec_ack || st.act.send_inv || st.act.send_recs || st.act.send_reci)
          d_since[e] <= now;
        if (st.act.send_inv) begin
          inv_busy <= (inv_targets != '0);
          inv_mask <= inv_targets;
          inv_line <= e_line;
        end
      end
      if (inv_busy && fq_ready) begin
        logic [AGENTS-1:0] rest;
        rest = inv_mask & (inv_mask - 1'b1);  // drop the lowest bit: that INV goes now
        inv_mask <= rest;
        if (rest == '0) inv_busy <= 1'b0;
      end
    end
  end

  // the entry's fields as the step leaves them
  always_comb begin
    ef_next = ef;
    if (e_state == coh_pkg::H_I && st.next != coh_pkg::H_I)
      ef_next.sharers = '0;  // a newly used entry starts with no sharers
    if (st.act.save_s || st.act.save_e || st.act.save_m) begin
      ef_next.pend = m.src_agent;
      ef_next.kind = st.act.save_s ? 2'd0 : st.act.save_e ? 2'd1 : 2'd2;
      ef_next.evict = 1'b0;
    end
    if (st.act.save_evict) ef_next.evict = 1'b1;
    if (st.act.set_owner) ef_next.sharers = '0;
    if (st.act.add_req || st.act.add_owner)
      ef_next.sharers = ef.sharers | (st.act.add_req ? agent_bit(ef.pend) : '0) |
                        (st.act.add_owner ? agent_bit(d_owner[e]) : '0);
    if (st.act.dec_ack) ef_next.acks = ef.acks - 8'd1;
    if (st.act.free) ef_next.sharers = '0;
    if (st.act.send_inv) ef_next.acks = 8'($countones(inv_targets));
  end

  // The way banks, written as d_line and d_state are. The step reads its entry's line, state
  // and fields from the looked-up set's ways, so those reads start with the set and do not wait
  // for the tag compare that picks the way.
  assign dir_upd = !rst && !halt && act_valid && !bad_addr && !full_wait && st.known;
  for (genvar w = 0; w < DIR_WAYS; w++) begin : g_way
    logic [OW-1:0]        lines  [DIR_SETS];
    coh_pkg::home_state_e states [DIR_SETS];
    fields_t              fields [DIR_SETS];
    assign way_line[w] = line_of(lines[set]);
    assign way_state[w] = d_used[EW'(32'(set) * DIR_WAYS + w)] ? states[set] : coh_pkg::H_I;
    assign way_fields[w] = fields[set];
    always_ff @(posedge clk)
      if (dir_upd && 32'(e[WB-1:0]) == w) begin
        if (e_state == coh_pkg::H_I && st.next != coh_pkg::H_I) lines[e[EW-1:WB]] <= m.line[6 +: OW];
        states[e[EW-1:WB]] <= st.next;
        fields[e[EW-1:WB]] <= ef_next;
      end
  end

  // the invalidation sender uses the forward queue when the step does not. Only the target is
  // computed here: the message is built above, under inv_busy, so that the model does not fill
  // a ~600-bit message in every cycle.
  always_comb begin
    inv_to = '0;
    for (int a = AGENTS - 1; a >= 0; a--) if (inv_mask[a]) inv_to = coh_pkg::AGENT_BITS'(a);
  end
endmodule
