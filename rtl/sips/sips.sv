// The SIPS unit of a node (short interprocessor send, paper section 6; docs/sips.md).
//
// Send side: one context per local core (its payload, destination and status registers; the
// core that makes a register access is the context used, so harts send concurrently and none
// can use another's context). A send leaves as one SIPS message on the request network,
// stamped here with this node and the sending hart; the destination answers SIPSACK on the
// response network: accepted, or NACK when the queue was full, after which the context waits
// SIPS_BACKOFF cycles and sends again (the tag in line[13:6] tells a stale answer from the
// current one). No answer within CTRL_TIMEOUT cycles of a (re)send ends the send in an error.
//
// Receive side: two queues (request, reply) of DEPTH messages. A message that arrives is
// taken when the answer slot is free (so the request network is always drained unless the
// response network is full), pushed or NACKed. A non-empty queue raises SEIP on the core that
// SIPS_ROUTE names; software reads the oldest message through the queue's registers and pops.
//
// Every SIPS register refuses (bus error) an access that came from another node. Writes with
// bad values are bus errors too and change nothing.
module sips #(
    parameter int NODE_ID = 0,
    parameter int NODES = 1,
    parameter int CORES_PER_NODE = 1,
    parameter int DEPTH = 4,
    // 1 (the boards): the receive queues' payloads are block RAM, read in the access's cycle
    // and answered in the next on late_rdata (node.sv holds the rest of the answer till then)
    parameter bit SYNC_READ = 1'b0,
    localparam int C = CORES_PER_NODE,
    localparam int MW = coh_pkg::MSG_BITS,
    localparam int GW = (C > 1) ? $clog2(C) : 1,
    localparam int CW = $clog2(DEPTH + 1)
) (
    input  logic          clk,
    input  logic          rst,
    input  logic [31:0]   timeout,     // CTRL_TIMEOUT
    // register port (offsets inside the controller block)
    input  logic          req,
    input  logic          we,
    input  logic [11:3]   addr,
    input  logic [63:0]   wdata,
    input  logic [GW-1:0] core,        // the local core making the access
    input  logic          remote,      // the access came from another node
    output logic [63:0]   rdata,
    output logic          err,
    output logic [63:0]   late_rdata,  // SYNC_READ: last cycle's queue data read, else zero
    // messages sent: to the request network
    output logic          out_valid,
    output logic [MW-1:0] out_msg,
    input  logic          out_ready,
    // messages received: from the request network (taken when in_take)
    input  logic          in_valid,
    input  logic [MW-1:0] in_msg,
    output logic          in_take,
    // answers sent: to the response network
    output logic          ack_valid,
    output logic [MW-1:0] ack_msg,
    input  logic          ack_ready,
    // answers received: from the response network (always taken)
    input  logic          rsp_valid,
    input  logic [MW-1:0] rsp_msg,
    output logic [C-1:0]  seip,
    output logic [hive_pkg::STAT_SIPS_BITS-1:0] stat  // regs/hive_regs.py STAT_SIPS
);
  typedef enum logic [1:0] {S_IDLE, S_SEND, S_WAIT, S_BACK} state_e;
  localparam logic [63:0] BACKOFF = hive_pkg::SIPS_BACKOFF;

  logic [63:0] off;
  assign off = 64'({addr, 3'd0});
  logic wr_ok;  // a write the decode below accepted
  assign wr_ok = req && we && !err;

  // ------------------------------------------------------------------ receive queues
  logic [1:0]    q_pop, q_full;
  logic [CW-1:0] q_count [2];
  logic [2*CW-1:0] q_counts;  // the queues' port (a flat vector, see sips_queue.sv)
  assign q_count[0] = q_counts[0 +: CW];
  assign q_count[1] = q_counts[CW +: CW];
  logic          rd_q;     // the queue the access names: the reply queue's registers follow
  logic [511:0]  h_data;   // the head of queue rd_q
  logic [7:0]    h_node, h_hart;
  /* verilator lint_off UNUSEDSIGNAL */  // routing fields the unit does not need
  coh_pkg::msg_t im, rm;
  /* verilator lint_on UNUSEDSIGNAL */
  assign im = in_msg;
  assign rm = rsp_msg;
  logic in_q;  // the queue the arriving message names
  assign in_q = im.flag;
  assign in_take = in_valid && !ack_valid;
  assign rd_q = off >= hive_pkg::CTRL_SIPS_REP_DATA0;
  logic       is_qdata;  // SIPS_REQ_DATA0..7, SIPS_REP_DATA0..7
  assign is_qdata = (off >= hive_pkg::CTRL_SIPS_REQ_DATA0 && off <= hive_pkg::CTRL_SIPS_REQ_DATA7) ||
                    (off >= hive_pkg::CTRL_SIPS_REP_DATA0 && off <= hive_pkg::CTRL_SIPS_REP_DATA7);
  logic [2:0] word;
  assign word = addr[5:3];
  logic          qd_rd;    // a read of a queue's data registers
  assign qd_rd = req && !we && !remote && is_qdata;
  sips_queue #(.DEPTH(DEPTH), .SYNC_READ(SYNC_READ)) queues (
      .clk, .rst, .push(in_take), .push_q(in_q), .push_data(im.data),
      .push_node(8'(im.src_node)), .push_hart(8'(im.src_agent[coh_pkg::AGENT_BITS-1:1])),
      .pop(q_pop), .full(q_full), .count(q_counts), .rd_q, .rd_en(qd_rd), .head_data(h_data),
      .head_node(h_node), .head_hart(h_hart));
  // the word a queue data read answers: at once, or with SYNC_READ a cycle later from the
  // head read then (zero when the queue was empty)
  logic [2:0]    qd_word;
  logic          qd_ok;
  if (SYNC_READ) begin : g_late
    always_ff @(posedge clk)
      if (rst) begin qd_ok <= 1'b0; qd_word <= '0; end
      else begin qd_ok <= qd_rd && q_count[rd_q] != '0; qd_word <= word; end
  end else begin : g_late
    assign qd_ok = 1'b0;
    assign qd_word = word;
  end
  assign late_rdata = qd_ok ? h_data[32'(qd_word)*64 +: 64] : '0;
  assign q_pop[0] = wr_ok && off == hive_pkg::CTRL_SIPS_REQ_POP;
  assign q_pop[1] = wr_ok && off == hive_pkg::CTRL_SIPS_REP_POP;

  // the answer slot
  logic [63:0] n_sent, n_recv, n_nack, n_fail;
  // The reset comes last and leaves out ack_msg, read only under ack_valid (docs/fpga.md
  // change 54)
  always_ff @(posedge clk) begin
    if (in_take) begin
      ack_msg <= {coh_pkg::M_SIPSACK, coh_pkg::NODE_BITS'(NODE_ID), coh_pkg::AGENT_IO,
                  im.src_node, im.src_agent, im.line, q_full[in_q], 512'd0};
      ack_valid <= 1'b1;
      if (q_full[in_q]) n_nack <= n_nack + 1; else n_recv <= n_recv + 1;
    end else if (ack_ready) ack_valid <= 1'b0;
    if (rst) begin ack_valid <= 1'b0; n_recv <= '0; n_nack <= '0; end
  end

  // interrupt routing: an equality per hart rather than `route < C`, whose carry chain would
  // sit ahead of the cores' interrupt decision (the boards' critical path)
  logic [7:0] route [2];
  always_comb
    for (int k = 0; k < C; k++) begin
      seip[k] = 1'b0;
      for (int q = 0; q < 2; q++) if (q_count[q] != '0 && route[q] == 8'(k)) seip[k] = 1'b1;
    end

  // ------------------------------------------------------------------ send contexts
  state_e        st     [C];
  logic [511:0]  pay    [C];
  logic [3:0]    dst    [C];
  logic          dq     [C];
  logic [7:0]    tag    [C];
  logic [31:0]   timer  [C];
  logic [31:0]   nacks  [C];
  logic          failed [C];
  logic [C-1:0]  want, pick, won, ack_ok, ack_nack, fail_now;
  logic [GW-1:0] rr;   // the context that sent last

  // the answer's context: the D-cache agent of hart NODE_ID * C + k
  logic [GW-1:0] rsp_core;
  assign rsp_core = GW'((32'(rm.dst_agent) >> 1) % C);
  for (genvar k = 0; k < C; k++) begin : g_rsp
    assign ack_ok[k] = rsp_valid && 32'(rsp_core) == k && st[k] == S_WAIT &&
                       rm.line[13:6] == tag[k] && !rm.flag;
    assign ack_nack[k] = rsp_valid && 32'(rsp_core) == k && st[k] == S_WAIT &&
                         rm.line[13:6] == tag[k] && rm.flag;
  end

  // one context's message goes to the network at a time, the contexts in turn
  logic [GW-1:0] sel;
  always_comb begin
    logic [GW-1:0] w;
    pick = '0; out_valid = 1'b0; sel = '0;
    for (int k = 0; k < C; k++) begin
      w = GW'((32'(rr) + 1 + k) % C);
      if (!out_valid && want[w]) begin
        out_valid = 1'b1; pick[w] = 1'b1; sel = w;
      end
    end
  end
  assign out_msg = {coh_pkg::M_SIPS, coh_pkg::NODE_BITS'(NODE_ID),
                    coh_pkg::AGENT_BITS'(2 * (NODE_ID * C + 32'(sel))), dst[sel], coh_pkg::AGENT_IO,
                    (coh_pkg::LINE_BITS-8)'(0), tag[sel], dq[sel], pay[sel]};
  assign won = out_ready ? pick : '0;

  // register decode
  logic       send_ok;   // SIPS_SEND's value is well formed
  assign send_ok = wdata[7:0] < 8'(NODES) && wdata[63:9] == '0;
  logic       is_data;   // SIPS_DATA0..7
  assign is_data = off >= hive_pkg::CTRL_SIPS_DATA0 && off <= hive_pkg::CTRL_SIPS_DATA7;
  always_comb begin
    logic busy;
    busy = st[core] != S_IDLE;
    err = 1'b0;
    rdata = '0;
    if (is_data) begin
      rdata = pay[core][32'(word)*64 +: 64]; err = we && busy;
    end else if (is_qdata) begin
      rdata = !SYNC_READ && q_count[rd_q] != '0 ? h_data[32'(qd_word)*64 +: 64] : '0; err = we;
    end else begin
      case (off)
        hive_pkg::CTRL_SIPS_SEND:     err = !we || busy || !send_ok;
        hive_pkg::CTRL_SIPS_STATUS:   begin rdata = {nacks[core], 30'd0, failed[core], busy}; err = we; end
        hive_pkg::CTRL_SIPS_ROUTE:    begin
          rdata = {48'd0, route[1], route[0]};
          err = we && (32'(wdata[7:0]) >= C || 32'(wdata[15:8]) >= C || wdata[63:16] != '0);
        end
        hive_pkg::CTRL_SIPS_DEPTH:    begin rdata = 64'(DEPTH); err = we; end
        hive_pkg::CTRL_SIPS_SENT:     begin rdata = n_sent; err = we; end
        hive_pkg::CTRL_SIPS_RECEIVED: begin rdata = n_recv; err = we; end
        hive_pkg::CTRL_SIPS_NACKED:   begin rdata = n_nack; err = we; end
        hive_pkg::CTRL_SIPS_FAILED:   begin rdata = n_fail; err = we; end
        hive_pkg::CTRL_SIPS_REQ_INFO: begin
          rdata = q_count[0] != '0 ? {1'b1, 47'd0, h_node, h_hart} : '0; err = we;
        end
        hive_pkg::CTRL_SIPS_REP_INFO: begin
          rdata = q_count[1] != '0 ? {1'b1, 47'd0, h_node, h_hart} : '0; err = we;
        end
        hive_pkg::CTRL_SIPS_REQ_COUNT: begin rdata = 64'(q_count[0]); err = we; end
        hive_pkg::CTRL_SIPS_REP_COUNT: begin rdata = 64'(q_count[1]); err = we; end
        hive_pkg::CTRL_SIPS_REQ_POP:  err = !we || q_count[0] == '0;
        hive_pkg::CTRL_SIPS_REP_POP:  err = !we || q_count[1] == '0;
        default: err = 1'b1;
      endcase
    end
    if (remote) begin err = 1'b1; rdata = '0; end
  end

  always_ff @(posedge clk) begin
    if (rst) begin
      route[0] <= '0; route[1] <= '0; rr <= '0; n_sent <= '0; n_fail <= '0;
    end else begin
      if (wr_ok && off == hive_pkg::CTRL_SIPS_ROUTE) begin
        route[0] <= wdata[7:0]; route[1] <= wdata[15:8];
      end
      for (int k = 0; k < C; k++)
        if (won[k]) rr <= GW'(k);
      n_sent <= n_sent + 64'($countones(ack_ok));
      n_fail <= n_fail + 64'($countones(fail_now));
    end
  end

  for (genvar k = 0; k < C; k++) begin : g_ctx
    assign want[k] = st[k] == S_SEND;
    assign fail_now[k] = st[k] == S_WAIT && !ack_ok[k] && !ack_nack[k] && timer[k] >= timeout;
    // The reset comes last and leaves out the message's payload and destination: sent only
    // from S_SEND, which a write of both starts (the payload reads back as written, zero after
    // power-on; docs/fpga.md change 54)
    always_ff @(posedge clk) begin
      // a write enable per word: written as a variable part-select, Yosys builds a 512-bit shifter
      for (int w = 0; w < 8; w++)
        if (wr_ok && 32'(core) == k && is_data && 32'(word) == w) pay[k][w*64 +: 64] <= wdata;
      case (st[k])
        S_IDLE: if (wr_ok && 32'(core) == k && off == hive_pkg::CTRL_SIPS_SEND) begin
          dst[k] <= wdata[3:0]; dq[k] <= wdata[8]; tag[k] <= tag[k] + 8'd1;
          nacks[k] <= '0; failed[k] <= 1'b0; st[k] <= S_SEND;
        end
        S_SEND: if (won[k]) begin st[k] <= S_WAIT; timer[k] <= '0; end
        S_WAIT: begin
          timer[k] <= timer[k] + 32'd1;
          if (ack_ok[k]) st[k] <= S_IDLE;
          else if (ack_nack[k]) begin
            nacks[k] <= nacks[k] + 32'd1; timer[k] <= '0; st[k] <= S_BACK;
          end else if (fail_now[k]) begin failed[k] <= 1'b1; st[k] <= S_IDLE; end
        end
        default: begin  // S_BACK: wait, then send again
          timer[k] <= timer[k] + 32'd1;
          if (64'(timer[k]) + 1 >= BACKOFF) st[k] <= S_SEND;
        end
      endcase
      if (rst) begin
        st[k] <= S_IDLE; tag[k] <= '0; timer[k] <= '0; nacks[k] <= '0; failed[k] <= 1'b0;
      end
    end
  end

  assign stat[hive_pkg::STAT_SIPS_SENT +: hive_pkg::STAT_SIPS_SENT_BITS] = n_sent;
  assign stat[hive_pkg::STAT_SIPS_RECEIVED +: hive_pkg::STAT_SIPS_RECEIVED_BITS] = n_recv;
  assign stat[hive_pkg::STAT_SIPS_NACKED +: hive_pkg::STAT_SIPS_NACKED_BITS] = n_nack;
  assign stat[hive_pkg::STAT_SIPS_FAILED +: hive_pkg::STAT_SIPS_FAILED_BITS] = n_fail;
endmodule
