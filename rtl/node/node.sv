// One node: CORES_PER_NODE cores with their L1 caches, the node's devices (boot ROM, CLINT,
// UART, controller registers, cell finisher) behind one decoder, and the node's memory port.
// Devices answer in the cycle they are asked; one core reaches them per cycle. With SHORT_PATHS
// (the boards) a core gets a local device's answer a cycle later, from a register.
module node #(
    parameter int     NODE_ID = 0,
    parameter int     NODES = 1,
    parameter int     CORES_PER_NODE = 1,
    parameter longint NODE_MEM = 64'h100_0000,
    parameter int     L1_LINES = 256,     // lines of each L1 (I and D); 64 fits the ULX3S's LUT RAM
    parameter int     DIR_SETS = 256,     // sets of the home's directory (4 ways each)
    parameter int     SIPS_DEPTH = 32'(hive_pkg::SIPS_DEPTH_DEFAULT),  // messages per SIPS receive queue
    parameter bit     FIREWALL = 1'b1,    // 0: every write permitted, no vector storage
    parameter int     BOOTROM_WORDS = 512,  // words the boot ROM holds (bootrom.sv)
    parameter bit     SHORT_PATHS = 1'b0,   // hive_soc.sv; here: the devices' answer registered
    parameter int     TLB_ENTRIES = 8,      // core.sv
    parameter int     PMP_ENTRIES = 8,      // core.sv
    parameter int     HPM_COUNTERS = 4,     // core.sv
    parameter int     HOME_OUT_DEPTH = 2,   // home.sv
    // the harness's wild write, SIPS drop/delay and statistics counters (hive_soc); 0: never
    // armed or counted, their registers and multiplexers (a whole message and a line's write
    // data) are left out
    parameter bit     HARNESS_PORTS = 1'b1,
    localparam int    C = CORES_PER_NODE,
    localparam int    MW = coh_pkg::MSG_BITS,
    localparam int    GW = (C > 1) ? $clog2(C) : 1   // bits of a core number
) (
    input  logic          clk,
    input  logic          rst,
    input  logic          cfg_elf_mode,
    input  logic          rom_we,
    input  logic [8:0]    rom_addr,
    input  logic [63:0]   rom_wdata,
    output logic          mem_req_valid,
    input  logic          mem_req_ready,
    output logic          mem_req_we,
    output logic [31:0]   mem_req_addr,
    output logic [511:0]  mem_req_wdata,
    output logic [63:0]   mem_req_wstrb,
    input  logic          mem_resp_valid,
    input  logic [511:0]  mem_resp_rdata,
    output logic          uart_tx_valid,
    output logic [7:0]    uart_tx_data,
    input  logic          uart_tx_ready,
    input  logic          uart_rx_valid,
    input  logic [7:0]    uart_rx_data,
    output logic          uart_rx_ready,
    output logic          mfinish_valid,
    output logic [31:0]   mfinish_data,
    output logic          cfinish_valid,
    output logic [31:0]   cfinish_data,
    input  logic          fault_node_fail,
    input  logic [C-1:0]  fault_core_halt,
    // fault-control commands for this node (hive_soc routes them; docs/interfaces.md)
    input  logic          fault_ww_valid,   // pulse: a wild write to this node's memory
    input  logic [coh_pkg::AGENT_BITS-1:0] fault_ww_agent,  // judged as this agent's write
    /* verilator lint_off UNUSEDSIGNAL */  // the byte in the word
    input  logic [63:0]   fault_ww_addr,    // global address of an 8-byte word here
    /* verilator lint_on UNUSEDSIGNAL */
    input  logic [63:0]   fault_ww_data,
    output logic          fault_ww_done,    // pulse: the wild write was performed or refused
    output logic          fault_ww_denied,  // ... refused by the firewall (and counted)
    input  logic          fault_sips_arm,   // pulse: the next SIPS from fault_sips_from to this
    input  logic [coh_pkg::NODE_BITS-1:0] fault_sips_from,  // node is dropped (delay 0) or
    input  logic [31:0]   fault_sips_delay, // held this many cycles before it is delivered
    output logic [1:0]    trace,            // CTRL_TRACE: bit 0 its value, bit 1 written
    output logic [C-1:0]  retire_valid,
    output logic [C*64-1:0] retire_pc,
    output logic [C*64-1:0] stat_instret,
    output logic [C*64-1:0] stat_imiss,
    output logic [C*64-1:0] stat_dmiss,
    output logic [C*64-1:0] stat_stall,
    output logic [hive_pkg::STAT_NODE_BITS-1:0] stat_dir,   // fields: regs/hive_regs.py STAT_NODE
    output logic [hive_pkg::STAT_SIPS_BITS-1:0] stat_sips,  // ... STAT_SIPS (rtl/sips/sips.sv)
    // the four networks (requests, forwards, responses, acks): inject and eject at this node
    output logic            req_in_valid,
    output logic [MW-1:0]   req_in_msg,
    output logic [3:0]      req_in_dst,
    input  logic            req_in_ready,
    input  logic            req_out_valid,
    input  logic [MW-1:0]   req_out_msg,
    output logic            req_out_ready,
    output logic            fwd_in_valid,
    output logic [MW-1:0]   fwd_in_msg,
    output logic [3:0]      fwd_in_dst,
    input  logic            fwd_in_ready,
    input  logic            fwd_out_valid,
    input  logic [MW-1:0]   fwd_out_msg,
    output logic            fwd_out_ready,
    output logic            rsp_in_valid,
    output logic [MW-1:0]   rsp_in_msg,
    output logic [3:0]      rsp_in_dst,
    input  logic            rsp_in_ready,
    input  logic            rsp_out_valid,
    input  logic [MW-1:0]   rsp_out_msg,
    output logic            rsp_out_ready,
    output logic            ack_in_valid,
    output logic [MW-1:0]   ack_in_msg,
    output logic [3:0]      ack_in_dst,
    input  logic            ack_in_ready,
    input  logic            ack_out_valid,   // every ack is for this node's home
    input  logic [MW-1:0]   ack_out_msg,
    output logic            ack_out_ready
);
  // per-core device port
  logic [C-1:0]    io_req, io_we, io_ack;
  logic [C*64-1:0] io_addr, io_wdata;
  logic [C*8-1:0]  io_wstrb;
  logic [C-1:0]       msip, mtip;
  logic [63:0]        mtime, remap_target;
  /* verilator lint_off UNUSEDSIGNAL */
  logic [63:0]        cell_mask;  // nodes of this node's cell (bits beyond NODES unused)
  /* verilator lint_on UNUSEDSIGNAL */
  logic               dev_err;
  logic [63:0]        dev_rdata;
  logic [GW-1:0] gsel;  // the core the device decoder serves this cycle
  logic          core_dev;  // that core's request went to this node's devices this cycle
  logic          ans_valid, ans_here, ans_err, ans_rom;  // ans_rom: the boot ROM holds the word
  logic [63:0]   ans_rdata;
  logic [GW-1:0] ans_core;

  // L1 agents of this node: agent a = 2 * hart + (1 for the I cache); local index k = a % 2C
  localparam int K = 2 * C;
  logic [K-1:0]    l_req_valid, l_req_ready, l_rsp_valid, l_fwd_valid, l_fwd_pop;
  logic [K-1:0]    l_ack_valid, l_ack_ready, l_proto_err, l_wb_lost;
  logic [31:0]     timeout;
  logic            lost_clear, lost_event, ctrl_irq;
  coh_pkg::line_t  lost_line;
  // firewall and cutoff
  coh_pkg::line_t  fw_line, swp_line;
  logic [coh_pkg::AGENT_BITS-1:0] fw_agent, own_agent, swp_agent;
  logic            fw_ok, own_ok, swp_ok, fw_fill, fw_filling, fw_fill_done, sweeping, deny, deny_wb, cutoff;
  logic [63:0]     fw_first, fw_vec;
  logic [31:0]     fw_pages;
  logic [K*MW-1:0] l_req_msg, l_ack_msg;
  // SIPS unit
  logic [C-1:0]    sips_seip;
  logic            s_out_valid, s_out_ready, s_in_take, s_ack_valid, s_ack_ready, s_rsp_valid;
  logic [MW-1:0]   s_out_msg;
  /* verilator lint_off UNUSEDSIGNAL */  // a SIPS ack's data bits, zero
  logic [MW-1:0]   s_ack_msg;
  /* verilator lint_on UNUSEDSIGNAL */
  logic            sel_sips, sips_err;
  logic [63:0]     sips_rdata, sips_late_rdata;

  for (genvar i = 0; i < C; i++) begin : g_core
    logic         ic_req, ic_hit, ic_ready, ic_err, ic_flush, ic_miss;
    logic [63:6]  ic_addr;
    logic [511:0] ic_line;
    logic         dc_req, dc_done, dc_err, dc_flush, dc_flush_done, dc_miss;
    logic [2:0]   dc_op;
    logic [63:0]  dc_addr, dc_wdata, dc_rdata;
    logic [1:0]   dc_size;
    logic [4:0]   dc_amo;
    localparam int HART = NODE_ID * C + i;

    core #(.NODES(NODES), .NODE_MEM(NODE_MEM), .SHORT_PATHS(SHORT_PATHS),
           .TLB_ENTRIES(TLB_ENTRIES), .PMP_ENTRIES(PMP_ENTRIES), .HPM_COUNTERS(HPM_COUNTERS),
           .HARNESS_PORTS(HARNESS_PORTS)) cpu (
        .clk, .rst, .halt(fault_node_fail || fault_core_halt[i]),
        .hartid(64'(HART)), .remap_target,
        .ic_req, .ic_addr, .ic_hit, .ic_err, .ic_line, .ic_flush,
        .dc_req, .dc_op, .dc_addr, .dc_size, .dc_wdata, .dc_amo, .dc_done, .dc_err, .dc_rdata,
        .dc_flush, .dc_flush_done,
        .io_req(io_req[i]), .io_we(io_we[i]), .io_addr(io_addr[i*64 +: 64]),
        .io_wdata(io_wdata[i*64 +: 64]), .io_wstrb(io_wstrb[i*8 +: 8]),
        .io_ack(io_ack[i]), .io_err(dev_err), .io_rdata(dev_rdata),
        .msip(msip[i]), .mtip(mtip[i]), .meip(ctrl_irq), .seip(sips_seip[i]), .mtime,
        .ev_imiss(ic_miss), .ev_dmiss(dc_miss),
        .retire_valid(retire_valid[i]), .retire_pc(retire_pc[i*64 +: 64]),
        .stat_instret(stat_instret[i*64 +: 64]), .stat_imiss(stat_imiss[i*64 +: 64]),
        .stat_dmiss(stat_dmiss[i*64 +: 64]), .stat_stall(stat_stall[i*64 +: 64]));

    /* verilator lint_off UNUSEDSIGNAL */  // their data bits, zero
    logic [MW-1:0] ic_req_msg, ic_ack_msg;
    /* verilator lint_on UNUSEDSIGNAL */
    /* verilator lint_off PINCONNECTEMPTY */
    l1_cache #(.ICACHE(1'b1), .LINES(L1_LINES), .AGENT(2 * HART + 1), .NODE_ID(NODE_ID),
               .SHORT_PATHS(SHORT_PATHS)) icache (
        .clk, .rst, .req(ic_req), .op(3'd0), .addr({ic_addr, 6'd0}), .size(2'd3), .wdata('0),
        .amo('0), .done(), .ready(ic_ready), .err(ic_err), .rdata(), .line_data(ic_line), .flush(1'b0),
        .flush_done(), .inval_all(ic_flush), .timeout,
        .req_valid(l_req_valid[2*i+1]), .req_msg(ic_req_msg),
        .req_ready(l_req_ready[2*i+1]), .rsp_valid(l_rsp_valid[2*i+1]), .rsp_msg(rsp_out_msg),
        .fwd_valid(l_fwd_valid[2*i+1]), .fwd_msg(fwd_out_msg), .fwd_pop(l_fwd_pop[2*i+1]),
        .ack_valid(l_ack_valid[2*i+1]), .ack_msg(ic_ack_msg),
        .ack_ready(l_ack_ready[2*i+1]), .ev_miss(ic_miss), .ev_wb_lost(l_wb_lost[2*i+1]),
        .ev_proto_err(l_proto_err[2*i+1]));
    assign ic_hit = ic_ready && !ic_err;
    // An I cache's messages never carry data (it owns no line, l1_cache.sv): said here, where
    // the network ports' multiplexers are, they need no data input for it (a board build keeps
    // each module's hierarchy and would not see that the bits are constant)
    assign l_req_msg[(2*i+1)*MW +: MW] = {ic_req_msg[MW-1:512], 512'd0};
    assign l_ack_msg[(2*i+1)*MW +: MW] = {ic_ack_msg[MW-1:512], 512'd0};

    l1_cache #(.ICACHE(1'b0), .LINES(L1_LINES), .AGENT(2 * HART), .NODE_ID(NODE_ID),
               .SHORT_PATHS(SHORT_PATHS)) dcache (
        .clk, .rst, .req(dc_req), .op(dc_op), .addr(dc_addr), .size(dc_size), .wdata(dc_wdata),
        .amo(dc_amo), .done(dc_done), .ready(), .err(dc_err), .rdata(dc_rdata), .line_data(),
        .flush(dc_flush), .flush_done(dc_flush_done), .inval_all(1'b0), .timeout,
        .req_valid(l_req_valid[2*i]), .req_msg(l_req_msg[2*i*MW +: MW]),
        .req_ready(l_req_ready[2*i]), .rsp_valid(l_rsp_valid[2*i]), .rsp_msg(rsp_out_msg),
        .fwd_valid(l_fwd_valid[2*i]), .fwd_msg(fwd_out_msg), .fwd_pop(l_fwd_pop[2*i]),
        .ack_valid(l_ack_valid[2*i]), .ack_msg(l_ack_msg[2*i*MW +: MW]),
        .ack_ready(l_ack_ready[2*i]), .ev_miss(dc_miss), .ev_wb_lost(l_wb_lost[2*i]),
        .ev_proto_err(l_proto_err[2*i]));
    /* verilator lint_on PINCONNECTEMPTY */
  end

  // the messages at the network ports, seen through their layout
  /* verilator lint_off UNUSEDSIGNAL */  // only the routing fields are read here
  coh_pkg::msg_t req_in_m, fwd_in_m, rsp_in_m, fwd_out_m, rsp_out_m, req_out_m, ack_in_m;
  /* verilator lint_on UNUSEDSIGNAL */
  assign req_in_m = req_in_msg;
  assign fwd_in_m = fwd_in_msg;
  assign rsp_in_m = rsp_in_msg;
  assign fwd_out_m = fwd_out_msg;
  assign rsp_out_m = rsp_out_msg;
  assign req_out_m = req_out_msg;
  assign ack_in_m = ack_in_msg;

  // ------------------------------------------------------------------ home
  logic          h_req_pop, h_rsp_valid, h_rsp_pop, h_out_valid, h_out_ready;
  logic [MW-1:0] h_out_msg;
  home #(.NODE_ID(NODE_ID), .NODES(NODES), .CORES_PER_NODE(C), .NODE_MEM(NODE_MEM),
         .DIR_SETS(DIR_SETS), .SHORT_PATHS(SHORT_PATHS), .OUT_DEPTH(HOME_OUT_DEPTH)) hm (
      .clk, .rst, .halt(fault_node_fail), .timeout, .clear_valid(lost_clear),
      .clear_line(lost_line), .lost_event, .fw_line, .fw_agent, .fw_ok, .own_agent, .own_ok,
      .swp_line, .swp_agent, .swp_ok, .fw_filling, .sweep_start(fw_fill_done), .sweeping, .deny, .deny_wb, .cutoff,
      .req_valid(req_out_valid && !req_io && !req_sips && !fault_node_fail), .req_msg(req_out_msg), .req_pop(h_req_pop),
      .rsp_valid(h_rsp_valid), .rsp_msg(ack_out_msg), .rsp_pop(h_rsp_pop),
      .fwd_valid(h_fwd_valid), .fwd_msg(fwd_in_msg), .fwd_ready(fwd_in_ready && !fault_node_fail),
      .out_valid(h_out_valid), .out_msg(h_out_msg), .out_ready(h_out_ready),
      .mem_valid(h_mem_valid), .mem_ready(mem_req_ready), .mem_we(h_mem_we),
      .mem_addr(h_mem_addr), .mem_wdata(h_mem_wdata), .mem_resp_valid,
      .mem_resp_data(mem_resp_rdata),
      .stat_requests(stat_dir[hive_pkg::STAT_NODE_REQUESTS +: hive_pkg::STAT_NODE_REQUESTS_BITS]),
      .stat_nacks(stat_dir[hive_pkg::STAT_NODE_NACKS +: hive_pkg::STAT_NODE_NACKS_BITS]),
      .stat_evictions(stat_dir[hive_pkg::STAT_NODE_EVICTIONS +: hive_pkg::STAT_NODE_EVICTIONS_BITS]),
      .stat_proto_errors(stat_dir[hive_pkg::STAT_NODE_PROTO_ERRORS +: hive_pkg::STAT_NODE_PROTO_ERRORS_BITS]),
      .stat_occupancy_max(stat_dir[hive_pkg::STAT_NODE_OCCUPANCY_MAX +: hive_pkg::STAT_NODE_OCCUPANCY_MAX_BITS]));

  // ------------------------------------------------------------------ wild write (fault)
  // A write issued on behalf of another node's hart straight at this home's memory, as a
  // device behind the caches would (no snoop: a cached copy keeps its value). The firewall
  // judges it through the sweep port, which only a revocation sweep uses otherwise; a refusal
  // counts in FW_DENIED like any other. It waits for a cycle in which the home leaves the
  // memory port free and refuses nothing itself, so that neither is lost. With SHORT_PATHS the
  // firewall answers for last cycle's page, so the write also waits for a cycle with its own
  // page on the port (ww_seen).
  logic          h_mem_valid, h_mem_we, ww_pend, ww_seen, ww_go, ww_ok;
  logic [31:0]   h_mem_addr;
  logic [511:0]  h_mem_wdata;
  logic [63:3]   ww_addr;  // an 8-byte word
  logic [63:0]   ww_data;
  logic [coh_pkg::AGENT_BITS-1:0] ww_agent;
  assign ww_go = ww_pend && (!SHORT_PATHS || ww_seen) && !sweeping && !h_mem_valid && !deny &&
                 !fault_node_fail;
  assign ww_ok = swp_ok;
  always_comb begin
    mem_req_valid = h_mem_valid; mem_req_we = h_mem_we; mem_req_addr = h_mem_addr;
    mem_req_wdata = h_mem_wdata; mem_req_wstrb = '1;
    if (ww_go) begin
      mem_req_valid = ww_ok; mem_req_we = 1'b1;
      mem_req_addr = 32'({ww_addr[63:6], 6'd0} - hive_pkg::GLOBAL_BASE - 64'(NODE_ID) * hive_pkg::GLOBAL_SIZE);
      mem_req_wdata = {8{ww_data}}; mem_req_wstrb = 64'hff << {ww_addr[5:3], 3'd0};
    end
  end
  assign fault_ww_done = (ww_go && (mem_req_ready || !ww_ok)) || (ww_pend && fault_node_fail);
  assign fault_ww_denied = ww_go && !ww_ok;
  always_ff @(posedge clk) begin
    if (rst) begin
      ww_pend <= 1'b0; ww_seen <= 1'b0; ww_addr <= '0; ww_data <= '0; ww_agent <= '0;
    end else if (fault_ww_valid && HARNESS_PORTS) begin
      ww_seen <= 1'b0;
      ww_pend <= 1'b1; ww_addr <= fault_ww_addr[63:3]; ww_data <= fault_ww_data; ww_agent <= fault_ww_agent;
    end else begin
      if (fault_ww_done) ww_pend <= 1'b0;
      ww_seen <= ww_pend && !sweeping && !fault_ww_done;
    end
  end

  // ------------------------------------------------------------------ SIPS fault (drop, delay)
  // Armed by the fault-control port, this node's request port takes the next SIPS message from
  // node sf_from off the network: it vanishes (the sender's send ends in an error after
  // CTRL_TIMEOUT), or waits in sf_msg for sf_left cycles and is then handed to the SIPS unit as
  // if it had just arrived; until then later SIPS messages wait in the network.
  logic          sf_armed, sf_held, sf_hit, sf_out, net_sips;
  logic [coh_pkg::NODE_BITS-1:0] sf_from;
  logic [31:0]   sf_delay, sf_left;
  logic [MW-1:0] sf_msg;
  assign net_sips = req_out_valid && req_sips && !fault_node_fail;
  assign sf_hit = net_sips && sf_armed && !sf_held && req_out_m.src_node == sf_from;
  assign sf_out = sf_held && sf_left == '0;
  always_ff @(posedge clk) begin
    if (rst) begin
      sf_armed <= 1'b0; sf_held <= 1'b0; sf_from <= '0; sf_delay <= '0; sf_left <= '0; sf_msg <= '0;
    end else begin
      if (fault_sips_arm && HARNESS_PORTS) begin sf_armed <= 1'b1; sf_from <= fault_sips_from; sf_delay <= fault_sips_delay; end
      else if (sf_hit) begin
        sf_armed <= 1'b0;
        sf_held <= sf_delay != '0; sf_left <= sf_delay - 32'd1; sf_msg <= req_out_msg;
      end
      if (sf_held && sf_left != '0) sf_left <= sf_left - 32'd1;
      if (sf_out && s_in_take) sf_held <= 1'b0;
    end
  end

  // A failed node sends nothing and swallows whatever reaches it, so that the network stays
  // usable by everyone else (the memory fault model).
  logic h_fwd_valid;
  assign fwd_in_valid = h_fwd_valid && !fault_node_fail;
  logic req_io;  // the request at the network port is a device access for this node
  logic req_sips;  // ... or a message for the SIPS unit
  assign req_io = req_out_m.kind == coh_pkg::M_IO;
  assign req_sips = req_out_m.kind == coh_pkg::M_SIPS;
  assign req_out_ready = (req_io ? tgt_take : req_sips ? sf_hit || (s_in_take && !sf_held) : h_req_pop) ||
                         fault_node_fail;
  assign fwd_in_dst = fwd_in_m.dst_node;

  // ------------------------------------------------------------------ network interface
  // requests: the caches take turns; forwards: to the cache named; acks: the caches take turns
  // on the way out, and on the way in all go to the home; responses: the home's replies, then
  // the device and SIPS answers, and on the way in go to a cache (caches always take them)
  // or to the remote-device or SIPS unit.
  logic [$clog2(K)-1:0] req_rr, ack_rr;
  // Who goes is decided first, then each network's message is the OR of the sources masked by
  // that one-hot choice: a chain of 600-bit multiplexers in priority order cost a LUT per bit
  // and source on the boards. A message with no valid is any value (here zero).
  logic           rq_rio, rq_s, rs_h, rs_tgt, rs_s;
  logic [K-1:0]   rq_l, ak_l;
  always_comb begin
    logic [$clog2(K)-1:0] w;
    logic                 got;
    // the remote-device unit's request goes first, then the SIPS unit's, then the caches in turn
    rq_rio = rio_send && !fault_node_fail; got = rio_send || fault_node_fail;
    rq_s = !got && s_out_valid; got = got || s_out_valid;
    rq_l = '0;
    for (int k = 0; k < K; k++) begin
      w = ($bits(w))'((32'(req_rr) + 1 + k) % K);
      if (!got && l_req_valid[w]) begin got = 1'b1; rq_l[w] = 1'b1; end
    end
    req_in_valid = rq_rio || rq_s || rq_l != '0;
    s_out_ready = rq_s && req_in_ready;
    l_req_ready = req_in_ready ? rq_l : '0;
    req_in_msg = ({MW{rq_rio}} & rio_msg) | ({MW{rq_s}} & s_out_msg);
    for (int k = 0; k < K; k++) req_in_msg = req_in_msg | ({MW{rq_l[k]}} & l_req_msg[k*MW +: MW]);
    // the home's replies go first, then the device and SIPS answers
    rs_h = h_out_valid;
    rs_tgt = !h_out_valid && tgt_valid;
    rs_s = !h_out_valid && !tgt_valid && s_ack_valid;
    rsp_in_valid = (rs_h || rs_tgt || rs_s) && !fault_node_fail;
    h_out_ready = rsp_in_ready && !fault_node_fail;
    tgt_ready = rs_tgt && rsp_in_ready;
    s_ack_ready = rs_s && rsp_in_ready;
    rsp_in_msg = ({MW{rs_h}} & h_out_msg) | ({MW{rs_tgt}} & tgt_msg) |
                 ({MW{rs_s}} & {s_ack_msg[MW-1:512], 512'd0});  // no data
    // the caches' acks in turn
    ak_l = '0; got = fault_node_fail;
    for (int k = 0; k < K; k++) begin
      w = ($bits(w))'((32'(ack_rr) + 1 + k) % K);
      if (!got && l_ack_valid[w]) begin got = 1'b1; ak_l[w] = 1'b1; end
    end
    ack_in_valid = ak_l != '0;
    l_ack_ready = ack_in_ready ? ak_l : '0;
    ack_in_msg = '0;
    for (int k = 0; k < K; k++) ack_in_msg = ack_in_msg | ({MW{ak_l[k]}} & l_ack_msg[k*MW +: MW]);
  end
  assign req_in_dst = req_in_m.dst_node;
  assign rsp_in_dst = rsp_in_m.dst_node;
  assign ack_in_dst = ack_in_m.dst_node;

  always_ff @(posedge clk) begin
    if (rst) begin
      req_rr <= '0; ack_rr <= '0;
    end else begin
      for (int k = 0; k < K; k++) begin
        if (l_req_valid[k] && l_req_ready[k]) req_rr <= ($bits(req_rr))'(k);
        if (l_ack_valid[k] && l_ack_ready[k]) ack_rr <= ($bits(ack_rr))'(k);
      end
    end
  end

  logic [$clog2(K)-1:0] fwd_to, rsp_to;
  logic                 rsp_io, rsp_sips;
  assign fwd_to = ($bits(fwd_to))'(32'(fwd_out_m.dst_agent) % K);
  assign rsp_to = ($bits(rsp_to))'(32'(rsp_out_m.dst_agent) % K);
  assign rsp_io = rsp_out_m.kind == coh_pkg::M_IOACK;  // the remote-device unit takes it
  assign rsp_sips = rsp_out_m.kind == coh_pkg::M_SIPSACK;  // the SIPS unit takes it
  assign s_rsp_valid = rsp_out_valid && rsp_sips && !fault_node_fail;
  always_comb begin
    l_fwd_valid = '0;
    l_fwd_valid[fwd_to] = fwd_out_valid && !fault_node_fail;
    fwd_out_ready = l_fwd_pop[fwd_to] || fault_node_fail;
    l_rsp_valid = '0;
    l_rsp_valid[rsp_to] = rsp_out_valid && !rsp_io && !rsp_sips && !fault_node_fail;
    rsp_out_ready = rsp_out_valid || fault_node_fail;
    h_rsp_valid = ack_out_valid && !fault_node_fail;
    ack_out_ready = h_rsp_pop || fault_node_fail;
  end
  assign stat_dir[hive_pkg::STAT_NODE_L1_PROTO +: hive_pkg::STAT_NODE_L1_PROTO_BITS] = 64'($countones(l_proto_err));

  // ------------------------------------------------------------------ device decoder
  function automatic logic [63:0] dev_base(input int n);  // node n's device block
    dev_base = hive_pkg::NODEDEV_BASE + 64'(n) * hive_pkg::NODEDEV_SIZE;
  endfunction
  localparam logic [63:0] DEV_BASE = dev_base(NODE_ID);
  localparam int DEV_BITS = $clog2(hive_pkg::NODEDEV_SIZE);  // a node's device block

  // Every device window has a power-of-two size at a base aligned to it (tools/gen_regs.py
  // refuses a map where one has not), so an address is in a window when its bits above the
  // size equal the base's: an equality, where a subtraction and two compares would put carry
  // chains on the path from a core's device request to the devices (the boards' clock).
  function automatic logic in_win(input logic [63:0] a, input logic [63:0] base, input logic [63:0] size);
    in_win = (a & ~(size - 64'd1)) == base;
  endfunction

  logic        d_req, d_we;
  logic [63:0] d_addr, d_off, d_wdata;
  logic [7:0]  d_wstrb;
  logic [63:0] rom_rdata, clint_rdata, uart_rdata, ctrl_rdata;
  logic        clint_err, ctrl_err;
  logic        sel_rom, sel_mfin, sel_clint, sel_uart, sel_ctrl, sel_cfin;

  // Who uses the devices this cycle: a device access from another node (its answer goes back
  // as IOACK), else the lowest-numbered local core. A core's access to another node's device
  // block goes through the remote-device unit (rio_*) and is acked when the answer is back;
  // the target must be in this node's cell, and the target checks the same of the source.
  typedef enum logic [1:0] {RIO_IDLE, RIO_SEND, RIO_WAIT, RIO_DONE} rio_e;
  rio_e          rio;
  logic          rio_send, rio_err, tgt_take, tgt_valid, tgt_ready, tgt_ok;
  logic [MW-1:0] rio_msg, tgt_msg;
  logic [63:0]   rio_rdata;
  logic [31:0]   rio_wait;
  logic [GW-1:0] rio_core;
  logic          c_req, c_remote, c_cell_ok;  // the chosen local core's access
  logic [63:0]   c_addr;
  logic [coh_pkg::NODE_BITS-1:0] c_node;
  assign rio_send = (rio == RIO_SEND);
  assign tgt_take = req_out_valid && req_io && !tgt_valid && !fault_node_fail;
  assign tgt_ok = cell_mask[{2'd0, req_out_m.src_node}];

  always_comb begin
    /* verilator lint_off UNUSEDSIGNAL */  // the routing fields of a device access
    coh_pkg::msg_t rm;
    /* verilator lint_on UNUSEDSIGNAL */
    io_ack = '0;
    gsel = '0;
    c_req = 1'b0;
    c_addr = '0;
    core_dev = 1'b0;
    for (int i = C - 1; i >= 0; i--)
      if (io_req[i]) begin gsel = ($bits(gsel))'(i); c_req = 1'b1; c_addr = io_addr[i*64 +: 64]; end
    if (ans_here) begin gsel = ans_core; c_addr = io_addr[32'(ans_core)*64 +: 64]; end
    c_node = coh_pkg::NODE_BITS'((c_addr >> DEV_BITS) - (hive_pkg::NODEDEV_BASE >> DEV_BITS));
    c_remote = 1'b0;
    for (int n = 0; n < NODES; n++)
      if (n != NODE_ID && in_win(c_addr, dev_base(n), hive_pkg::NODEDEV_SIZE)) c_remote = 1'b1;
    c_cell_ok = cell_mask[{2'd0, c_node}];
    d_req = 1'b0; d_we = 1'b0; d_addr = '0; d_wdata = '0; d_wstrb = '0;
    rm = req_out_msg;
    if (tgt_take) begin
      d_req = tgt_ok; d_we = rm.flag; d_addr = 64'({rm.line, rm.data[77:72]});
      d_wdata = rm.data[63:0]; d_wstrb = rm.data[71:64];
    end else if (c_req && !c_remote) begin
      core_dev = !ans_here;
      d_req = core_dev; d_we = io_we[gsel]; d_addr = c_addr;
      d_wdata = io_wdata[32'(gsel)*64 +: 64]; d_wstrb = io_wstrb[32'(gsel)*8 +: 8];
      io_ack[gsel] = !SHORT_PATHS || ans_here;
    end else if (c_req && c_remote && (!c_cell_ok || (rio == RIO_DONE && rio_core == gsel))) begin
      io_ack[gsel] = 1'b1;  // another cell's devices: a bus error at once; else the answer is back
    end
  end

  // what a core is told: the local devices' answer (with SHORT_PATHS the one held in ans_* since
  // the cycle they acted, while its core still asks, with the words that block RAM reads
  // then: the ROM's, a SIPS queue's), or the remote one
  logic [63:0] loc_rdata;
  logic        loc_err;
  assign ans_here = SHORT_PATHS && ans_valid && io_req[ans_core];
  assign dev_rdata = c_remote ? rio_rdata : !SHORT_PATHS ? loc_rdata : ans_rom ? rom_rdata :
                     ans_rdata | sips_late_rdata;
  assign dev_err = c_remote ? (!c_cell_ok || rio_err) : SHORT_PATHS ? ans_err : loc_err;
  always_ff @(posedge clk)
    if (rst) begin
      ans_valid <= 1'b0; ans_err <= 1'b0; ans_rdata <= '0; ans_core <= '0; ans_rom <= 1'b0;
    end else if (SHORT_PATHS) begin
      if (core_dev) begin
        ans_valid <= 1'b1; ans_err <= loc_err; ans_rdata <= loc_rdata; ans_core <= gsel;
        ans_rom <= sel_rom;
      end else if (!ans_here || io_ack[ans_core]) ans_valid <= 1'b0;  // taken, or its core stopped
    end

  always_ff @(posedge clk) begin
    coh_pkg::msg_t q;
    if (rst) begin
      rio <= RIO_IDLE; rio_msg <= '0; rio_rdata <= '0; rio_err <= 1'b0; rio_wait <= '0;
      rio_core <= '0; tgt_valid <= 1'b0; tgt_msg <= '0;
    end else begin
      case (rio)
        RIO_IDLE: if (c_req && c_remote && c_cell_ok && !tgt_take) begin
          q.kind = coh_pkg::M_IO;
          q.src_node = coh_pkg::NODE_BITS'(NODE_ID);
          q.src_agent = coh_pkg::AGENT_BITS'(2 * (NODE_ID * C + 32'(gsel)));
          q.dst_node = c_node;
          q.dst_agent = coh_pkg::AGENT_IO;
          q.line = c_addr[coh_pkg::LINE_BITS+5:6];  // a remote node's device: in the map
          q.flag = io_we[gsel];
          q.data = {434'd0, c_addr[5:0], io_wstrb[32'(gsel)*8 +: 8], io_wdata[32'(gsel)*64 +: 64]};
          rio_msg <= q;
          rio_core <= gsel;
          rio <= RIO_SEND;
        end
        RIO_SEND: if (req_in_ready && !fault_node_fail) begin rio <= RIO_WAIT; rio_wait <= '0; end
        RIO_WAIT: begin
          q = rsp_out_msg;
          rio_wait <= rio_wait + 32'd1;
          if (rsp_out_valid && rsp_io) begin
            rio_rdata <= q.data[63:0]; rio_err <= q.flag; rio <= RIO_DONE;
          end else if (rio_wait >= timeout) begin
            rio_err <= 1'b1; rio <= RIO_DONE;  // the target node is dead
          end
        end
        default: if (io_ack[rio_core]) rio <= RIO_IDLE;
      endcase
      if (tgt_take) begin
        q = req_out_msg;
        tgt_valid <= 1'b1;
        tgt_msg <= {coh_pkg::M_IOACK, coh_pkg::NODE_BITS'(NODE_ID), coh_pkg::AGENT_IO, q.src_node,
                    q.src_agent, q.line, !tgt_ok || loc_err, 448'd0, loc_rdata};
      end else if (tgt_valid && tgt_ready) tgt_valid <= 1'b0;
    end
  end

  always_comb begin
    d_off = d_addr & (hive_pkg::NODEDEV_SIZE - 64'd1);  // the offset in DEV_BASE's block, when in it
    sel_rom   = in_win(d_addr, hive_pkg::BOOTROM_BASE, hive_pkg::BOOTROM_SIZE);
    sel_mfin  = cfg_elf_mode && in_win(d_addr, hive_pkg::MFINISH_BASE, hive_pkg::MFINISH_SIZE);
    sel_clint = in_win(d_addr, DEV_BASE + hive_pkg::NODEDEV_CLINT, hive_pkg::NODEDEV_CLINT_SIZE);
    sel_uart  = in_win(d_addr, DEV_BASE + hive_pkg::NODEDEV_UART, hive_pkg::NODEDEV_UART_SIZE);
    sel_ctrl  = in_win(d_addr, DEV_BASE + hive_pkg::NODEDEV_CTRL, hive_pkg::NODEDEV_CTRL_SIZE);
    sel_cfin  = in_win(d_addr, DEV_BASE + hive_pkg::NODEDEV_CFINISH, hive_pkg::NODEDEV_CFINISH_SIZE);
    sel_sips  = sel_ctrl && d_off >= hive_pkg::NODEDEV_CTRL + hive_pkg::CTRL_SIPS_DATA0 &&
                d_off <= hive_pkg::NODEDEV_CTRL + hive_pkg::CTRL_SIPS_REP_POP;
  end

  always_comb begin
    loc_rdata = '0;
    loc_err = 1'b0;
    // with SHORT_PATHS the ROM's word comes a cycle later, when the answer is held (ans_rom)
    if (sel_rom) begin loc_rdata = SHORT_PATHS ? '0 : rom_rdata; loc_err = d_we; end
    else if (sel_mfin || sel_cfin) loc_rdata = '0;
    else if (sel_clint) begin loc_rdata = clint_rdata; loc_err = clint_err; end
    else if (sel_uart) loc_rdata = uart_rdata;
    else if (sel_sips) begin loc_rdata = sips_rdata; loc_err = sips_err; end
    else if (sel_ctrl) begin loc_rdata = ctrl_rdata; loc_err = ctrl_err; end
    else loc_err = 1'b1;
  end

  bootrom #(.WORDS(BOOTROM_WORDS), .SYNC_READ(SHORT_PATHS)) rom (
      .clk, .load_we(rom_we), .load_addr(rom_addr), .load_data(rom_wdata), .re(d_req && sel_rom),
      .addr(d_addr[11:3]), .rdata(rom_rdata));
  clint #(.HARTS(C)) clint0 (
      .clk, .rst, .req(d_req && sel_clint), .we(d_we), .addr(d_off[15:0]), .wdata(d_wdata),
      .wstrb(d_wstrb), .rdata(clint_rdata), .err(clint_err), .msip, .mtip, .mtime);
  uart uart0 (
      .clk, .rst, .req(d_req && sel_uart), .we(d_we), .addr(d_addr[2:0]), .wdata(d_wdata),
      .wstrb(d_wstrb), .rdata(uart_rdata), .tx_valid(uart_tx_valid), .tx_data(uart_tx_data),
      .tx_ready(uart_tx_ready), .rx_valid(uart_rx_valid), .rx_data(uart_rx_data), .rx_ready(uart_rx_ready));
  ctrl_regs #(.NODE_ID(NODE_ID), .NODES(NODES), .CORES_PER_NODE(C), .NODE_MEM(NODE_MEM)) ctrl (
      .clk, .rst, .req(d_req && sel_ctrl && !sel_sips), .we(d_we), .remote(tgt_take),
      .addr(d_off[11:3]), .wdata(d_wdata),
      .rdata(ctrl_rdata), .err(ctrl_err), .remap_target, .cell_mask, .timeout, .lost_clear,
      .lost_line, .lost_event, .wb_lost_events(8'(l_wb_lost)), .irq(ctrl_irq), .fw_first,
      .fw_pages, .fw_fill, .fw_vec, .fw_busy(fw_filling || sweeping), .fw_deny(deny || fault_ww_denied),
      .fw_deny_wb(deny_wb), .fw_denied(stat_dir[hive_pkg::STAT_NODE_FW_DENIED +: hive_pkg::STAT_NODE_FW_DENIED_BITS]), .cutoff,
      .dir_requests(stat_dir[hive_pkg::STAT_NODE_REQUESTS +: hive_pkg::STAT_NODE_REQUESTS_BITS]),
      .dir_nacks(stat_dir[hive_pkg::STAT_NODE_NACKS +: hive_pkg::STAT_NODE_NACKS_BITS]), .trace);
  finisher mfin (.req(d_req && sel_mfin), .we(d_we), .wdata(d_wdata[31:0]), .valid(mfinish_valid),
                 .data(mfinish_data));
  finisher cfin (.req(d_req && sel_cfin), .we(d_we), .wdata(d_wdata[31:0]), .valid(cfinish_valid),
                 .data(cfinish_data));

  sips #(.NODE_ID(NODE_ID), .NODES(NODES), .CORES_PER_NODE(C), .DEPTH(SIPS_DEPTH),
         .SYNC_READ(SHORT_PATHS)) sips0 (
      .clk, .rst, .timeout, .req(d_req && sel_sips), .we(d_we), .addr(d_off[11:3]),
      .wdata(d_wdata), .core(gsel), .remote(tgt_take), .rdata(sips_rdata), .err(sips_err),
      .late_rdata(sips_late_rdata),
      .out_valid(s_out_valid), .out_msg(s_out_msg), .out_ready(s_out_ready),
      .in_valid(sf_out || (net_sips && !sf_held && !sf_hit)), .in_msg(sf_held ? sf_msg : req_out_msg),
      .in_take(s_in_take), .ack_valid(s_ack_valid), .ack_msg(s_ack_msg), .ack_ready(s_ack_ready),
      .rsp_valid(s_rsp_valid), .rsp_msg(rsp_out_msg), .seip(sips_seip), .stat(stat_sips));

  firewall #(.NODES(NODES), .CORES_PER_NODE(C), .NODE_MEM(NODE_MEM), .ENABLE(FIREWALL),
             .SYNC_READ(SHORT_PATHS)) fw (
      .clk, .rst, .chk_line(fw_line), .chk_agent(fw_agent), .own_agent, .own_ok,
      .swp_line(sweeping ? swp_line : ww_addr[coh_pkg::LINE_BITS+5:6]), .swp_agent(sweeping ? swp_agent : ww_agent),
      .first(fw_first), .chk_ok(fw_ok), .swp_ok, .fill(fw_fill), .pages(fw_pages), .vec(d_wdata),
      .vec_rd(fw_vec), .filling(fw_filling), .fill_done(fw_fill_done));
endmodule
