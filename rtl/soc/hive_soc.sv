// Hive SoC top: NODES nodes and the ports the harness (sim/) or a board top (fpga/) drives.
// Port contract: docs/interfaces.md. The nodes share memory through the four networks of
// the coherence protocol (requests, forwards, acks, responses), each a 2D mesh.
module hive_soc #(
    parameter int NODES = 1,
    parameter int CORES_PER_NODE = 1,
    parameter longint NODE_MEM = 64'h100_0000,
    parameter int L1_LINES = 256,
    parameter int DIR_SETS = 256,  // sets of each home's directory (4 ways each; a power of two)
    parameter int SIPS_DEPTH = 32'(hive_pkg::SIPS_DEPTH_DEFAULT),  // messages per SIPS receive queue
    parameter bit FIREWALL = 1'b1,  // 0: the firewall check compiled out (the -nofw model)
    parameter int BOOTROM_WORDS = 512,  // words each boot ROM holds (a board's: rtl/devices/bootrom.sv)
    // 1: the longest paths cut at the cost of cycles, as on the boards: the next fetch a cycle
    // after an instruction completes and a load/store's address in a cycle of its own
    // (core.sv), a device's answer registered (node.sv), the home's choice of message and
    // directory lookup in a cycle before its step, the revocation sweep acting on a firewall
    // check a cycle old (home.sv), a parked forward's readiness a cycle old (l1_cache.sv)
    parameter bit SHORT_PATHS = 1'b0,
    parameter int TLB_ENTRIES = 8,      // entries of each core's I and D TLB
    parameter int PMP_ENTRIES = 8,      // PMP entries of each core (4 or more: OpenSBI uses 3)
    parameter int HPM_COUNTERS = 4,     // event counters mhpmcounter3.. of each core (0 to 4)
    parameter int HOME_OUT_DEPTH = 2,   // messages each home's output queue holds (1 or 2)
    // 0: the fault-control port's wild write and SIPS drop/delay do nothing, and stat_imiss,
    // stat_dmiss, stat_stall stay 0 (the boards: their fault is the node-fail button, their
    // status reports minstret); node failure, core halt and the other statistics stay
    parameter bit HARNESS_PORTS = 1'b1,
    parameter bit SERIAL_LINKS = 1'b0,  // the meshes carry a line as flits of its words (mesh.sv)
    // 1: the memory accepts every request (sim/'s DRAM model) and mem_req_ready is not read.
    // A constant lets Verilator drop the homes' logic from its input-combinational region,
    // which it would otherwise evaluate at every eval() (docs/harness.md).
    parameter bit MEM_NEVER_STALLS = 1'b0,
    localparam int HARTS = NODES * CORES_PER_NODE
) (
    input  logic                 clk,
    input  logic                 rst,
    input  logic                 cfg_elf_mode,
    input  logic                 rom_we,
    input  logic [8:0]           rom_addr,
    input  logic [63:0]          rom_wdata,
    output logic [NODES-1:0]     mem_req_valid,
    input  logic [NODES-1:0]     mem_req_ready,
    output logic [NODES-1:0]     mem_req_we,
    output logic [NODES*32-1:0]  mem_req_addr,
    output logic [NODES*512-1:0] mem_req_wdata,
    output logic [NODES*64-1:0]  mem_req_wstrb,
    input  logic [NODES-1:0]     mem_resp_valid,
    input  logic [NODES*512-1:0] mem_resp_rdata,
    output logic [NODES-1:0]     uart_tx_valid,
    output logic [NODES*8-1:0]   uart_tx_data,
    input  logic [NODES-1:0]     uart_tx_ready,   // the console can take a byte (LSR.THRE)
    input  logic [NODES-1:0]     uart_rx_valid,
    input  logic [NODES*8-1:0]   uart_rx_data,
    output logic [NODES-1:0]     uart_rx_ready,
    output logic                 mfinish_valid,
    output logic [31:0]          mfinish_data,
    output logic [NODES-1:0]     cfinish_valid,
    output logic [NODES*32-1:0]  cfinish_data,
    input  logic [NODES-1:0]     fault_node_fail,
    input  logic [HARTS-1:0]     fault_core_halt,
    input  logic                 fault_ww_valid,   // pulse: a wild write (docs/interfaces.md)
    input  logic [3:0]           fault_ww_node,    // issued on behalf of this node's first hart
    input  logic [63:0]          fault_ww_addr,    // global address of an 8-byte word
    input  logic [63:0]          fault_ww_data,
    output logic                 fault_ww_done,    // pulse: performed or refused
    output logic                 fault_ww_denied,  // pulse: refused by the home's firewall
    input  logic                 fault_sips_arm,   // pulse: drop or delay the next SIPS message
    input  logic [3:0]           fault_sips_from,  // from this node
    input  logic [3:0]           fault_sips_to,    // to this node
    input  logic [31:0]          fault_sips_delay, // 0: drop it; else deliver it this much later
    output logic                 trace_on,         // CTRL_TRACE: some node's bit 0 is set
    output logic                 trace_sw,         // ... some node wrote it since reset
    output logic [HARTS-1:0]     retire_valid,
    output logic [HARTS*64-1:0]  retire_pc,
    output logic [HARTS*64-1:0]  stat_instret,
    output logic [HARTS*64-1:0]  stat_imiss,
    output logic [HARTS*64-1:0]  stat_dmiss,
    output logic [HARTS*64-1:0]  stat_stall,
    output logic [NODES*hive_pkg::STAT_NODE_BITS-1:0] stat_node,  // per node: regs/hive_regs.py
    output logic [NODES*hive_pkg::STAT_SIPS_BITS-1:0] stat_sips   // STAT_NODE and STAT_SIPS
);
  localparam int C = CORES_PER_NODE;
  logic [NODES-1:0]    mfin_valid;
  logic [NODES*32-1:0] mfin_data;

  // Fault-control and mode inputs are registered: a board button needs the flop anyway, and in
  // simulation it keeps the harness's input changes out of the cores' combinational logic.
  logic [NODES-1:0] node_fail_q;
  logic [HARTS-1:0] core_halt_q;
  logic             elf_mode_q;
  logic             ww_q, sips_arm_q;
  logic [3:0]       ww_node_q, sips_from_q, sips_to_q;
  logic [63:0]      ww_addr_q, ww_data_q;
  logic [31:0]      sips_delay_q;
  always_ff @(posedge clk) begin
    node_fail_q <= rst ? '0 : fault_node_fail;
    core_halt_q <= rst ? '0 : fault_core_halt;
    elf_mode_q  <= cfg_elf_mode;
    ww_q <= !rst && fault_ww_valid;
    ww_node_q <= fault_ww_node; ww_addr_q <= fault_ww_addr; ww_data_q <= fault_ww_data;
    sips_arm_q <= !rst && fault_sips_arm;
    sips_from_q <= fault_sips_from; sips_to_q <= fault_sips_to; sips_delay_q <= fault_sips_delay;
  end
  // a wild write goes to the home of its address (the node bits of the global window)
  logic [3:0]       ww_home;
  logic [NODES-1:0] ww_done, ww_denied;
  logic [NODES*2-1:0] trace_n;
  assign ww_home = ww_addr_q[31:28];
  always_comb begin
    fault_ww_done = |ww_done;
    fault_ww_denied = |ww_denied;
    trace_on = 1'b0;
    trace_sw = 1'b0;
    for (int n = 0; n < NODES; n++) begin
      trace_on = trace_on || trace_n[2*n];
      trace_sw = trace_sw || trace_n[2*n+1];
    end
  end

  // Forwards (INV, RECS, RECI) never carry a line: the forward mesh leaves the 512 data bits of
  // the flit out (msg_t's last field), which makes it a sixth as wide (area; the model's speed
  // did not change measurably).
  localparam int MW = coh_pkg::MSG_BITS;
  localparam int FW = MW - 512;
  logic [NODES-1:0]    rq_iv, rq_ir, rq_ov, rq_or, fw_iv, fw_ir, fw_ov, fw_or, rs_iv, rs_ir, rs_ov, rs_or;
  logic [NODES-1:0]    ak_iv, ak_ir, ak_ov, ak_or;
  logic [NODES*MW-1:0] rq_im, rq_om, rs_im, rs_om, ak_im, ak_om;
  logic [NODES*FW-1:0] fw_im, fw_om;
  logic [NODES*4-1:0]  rq_id, fw_id, rs_id, ak_id;
  mesh #(.NODES(NODES), .W(MW), .SERIAL(SERIAL_LINKS), .HW(FW)) net_req (
      .clk, .rst, .in_valid(rq_iv), .in_msg(rq_im), .in_dst(rq_id), .in_ready(rq_ir),
      .out_valid(rq_ov), .out_msg(rq_om), .out_ready(rq_or));
  mesh #(.NODES(NODES), .W(FW)) net_fwd (
      .clk, .rst, .in_valid(fw_iv), .in_msg(fw_im), .in_dst(fw_id), .in_ready(fw_ir),
      .out_valid(fw_ov), .out_msg(fw_om), .out_ready(fw_or));
  mesh #(.NODES(NODES), .W(MW), .SERIAL(SERIAL_LINKS), .HW(FW)) net_ack (
      .clk, .rst, .in_valid(ak_iv), .in_msg(ak_im), .in_dst(ak_id), .in_ready(ak_ir),
      .out_valid(ak_ov), .out_msg(ak_om), .out_ready(ak_or));
  mesh #(.NODES(NODES), .W(MW), .SERIAL(SERIAL_LINKS), .HW(FW)) net_rsp (
      .clk, .rst, .in_valid(rs_iv), .in_msg(rs_im), .in_dst(rs_id), .in_ready(rs_ir),
      .out_valid(rs_ov), .out_msg(rs_om), .out_ready(rs_or));

  for (genvar n = 0; n < NODES; n++) begin : g_node
    /* verilator lint_off UNUSEDSIGNAL */  // a forward's data bits are never set
    logic [MW-1:0] fwd_in_full;
    /* verilator lint_on UNUSEDSIGNAL */
    assign fw_im[n*FW +: FW] = fwd_in_full[MW-1:512];
    node #(.NODE_ID(n), .NODES(NODES), .CORES_PER_NODE(C), .NODE_MEM(NODE_MEM), .L1_LINES(L1_LINES),
           .DIR_SETS(DIR_SETS), .SIPS_DEPTH(SIPS_DEPTH), .FIREWALL(FIREWALL),
           .BOOTROM_WORDS(BOOTROM_WORDS), .SHORT_PATHS(SHORT_PATHS),
           .TLB_ENTRIES(TLB_ENTRIES), .PMP_ENTRIES(PMP_ENTRIES), .HPM_COUNTERS(HPM_COUNTERS),
           .HOME_OUT_DEPTH(HOME_OUT_DEPTH),
           .HARNESS_PORTS(HARNESS_PORTS)) nd (
        .clk, .rst, .cfg_elf_mode(elf_mode_q), .rom_we, .rom_addr, .rom_wdata,
        .mem_req_valid(mem_req_valid[n]), .mem_req_ready(MEM_NEVER_STALLS || mem_req_ready[n]),
        .mem_req_we(mem_req_we[n]), .mem_req_addr(mem_req_addr[n*32 +: 32]),
        .mem_req_wdata(mem_req_wdata[n*512 +: 512]), .mem_req_wstrb(mem_req_wstrb[n*64 +: 64]),
        .mem_resp_valid(mem_resp_valid[n]), .mem_resp_rdata(mem_resp_rdata[n*512 +: 512]),
        .uart_tx_valid(uart_tx_valid[n]), .uart_tx_data(uart_tx_data[n*8 +: 8]),
        .uart_tx_ready(uart_tx_ready[n]),
        .uart_rx_valid(uart_rx_valid[n]), .uart_rx_data(uart_rx_data[n*8 +: 8]),
        .uart_rx_ready(uart_rx_ready[n]),
        .mfinish_valid(mfin_valid[n]), .mfinish_data(mfin_data[n*32 +: 32]),
        .cfinish_valid(cfinish_valid[n]), .cfinish_data(cfinish_data[n*32 +: 32]),
        .fault_node_fail(node_fail_q[n]), .fault_core_halt(core_halt_q[n*C +: C]),
        .fault_ww_valid(ww_q && 32'(ww_home) == n),
        .fault_ww_agent(coh_pkg::AGENT_BITS'(2 * C * 32'(ww_node_q))),
        .fault_ww_addr(ww_addr_q), .fault_ww_data(ww_data_q),
        .fault_ww_done(ww_done[n]), .fault_ww_denied(ww_denied[n]),
        .fault_sips_arm(sips_arm_q && 32'(sips_to_q) == n),
        .fault_sips_from(coh_pkg::NODE_BITS'(sips_from_q)), .fault_sips_delay(sips_delay_q),
        .trace(trace_n[2*n +: 2]),
        .retire_valid(retire_valid[n*C +: C]), .retire_pc(retire_pc[n*C*64 +: C*64]),
        .stat_instret(stat_instret[n*C*64 +: C*64]), .stat_imiss(stat_imiss[n*C*64 +: C*64]),
        .stat_dmiss(stat_dmiss[n*C*64 +: C*64]), .stat_stall(stat_stall[n*C*64 +: C*64]),
        .stat_dir(stat_node[n*hive_pkg::STAT_NODE_BITS +: hive_pkg::STAT_NODE_BITS]),
        .stat_sips(stat_sips[n*hive_pkg::STAT_SIPS_BITS +: hive_pkg::STAT_SIPS_BITS]),
        .req_in_valid(rq_iv[n]), .req_in_msg(rq_im[n*MW +: MW]), .req_in_dst(rq_id[n*4 +: 4]),
        .req_in_ready(rq_ir[n]), .req_out_valid(rq_ov[n]), .req_out_msg(rq_om[n*MW +: MW]),
        .req_out_ready(rq_or[n]),
        .fwd_in_valid(fw_iv[n]), .fwd_in_msg(fwd_in_full), .fwd_in_dst(fw_id[n*4 +: 4]),
        .fwd_in_ready(fw_ir[n]), .fwd_out_valid(fw_ov[n]), .fwd_out_msg({fw_om[n*FW +: FW], 512'd0}),
        .fwd_out_ready(fw_or[n]),
        .rsp_in_valid(rs_iv[n]), .rsp_in_msg(rs_im[n*MW +: MW]), .rsp_in_dst(rs_id[n*4 +: 4]),
        .rsp_in_ready(rs_ir[n]), .rsp_out_valid(rs_ov[n]), .rsp_out_msg(rs_om[n*MW +: MW]),
        .rsp_out_ready(rs_or[n]),
        .ack_in_valid(ak_iv[n]), .ack_in_msg(ak_im[n*MW +: MW]), .ack_in_dst(ak_id[n*4 +: 4]),
        .ack_in_ready(ak_ir[n]), .ack_out_valid(ak_ov[n]), .ack_out_msg(ak_om[n*MW +: MW]),
        .ack_out_ready(ak_or[n]));
  end

  // the machine finisher is one device; the lowest node writing it this cycle is reported
  always_comb begin
    mfinish_valid = 1'b0;
    mfinish_data = '0;
    for (int n = NODES - 1; n >= 0; n--)
      if (mfin_valid[n]) begin mfinish_valid = 1'b1; mfinish_data = mfin_data[n*32 +: 32]; end
  end
endmodule
