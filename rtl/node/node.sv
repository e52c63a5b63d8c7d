// One node: CORES_PER_NODE cores with their L1 caches, the node's devices (boot ROM, CLINT,
// UART, controller registers, cell finisher) behind one decoder, and the node's memory port.
// Devices answer in the cycle they are asked; one core reaches them per cycle.
module node #(
    parameter int     NODE_ID = 0,
    parameter int     NODES = 1,
    parameter int     CORES_PER_NODE = 1,
    parameter longint NODE_MEM = 64'h100_0000,
    localparam int    C = CORES_PER_NODE
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
    input  logic          uart_rx_valid,
    input  logic [7:0]    uart_rx_data,
    output logic          uart_rx_ready,
    output logic          mfinish_valid,
    output logic [31:0]   mfinish_data,
    output logic          cfinish_valid,
    output logic [31:0]   cfinish_data,
    input  logic          fault_node_fail,
    input  logic [C-1:0]  fault_core_halt,
    output logic [C-1:0]  retire_valid,
    output logic [C*64-1:0] retire_pc,
    output logic [C*64-1:0] stat_instret,
    output logic [C*64-1:0] stat_imiss,
    output logic [C*64-1:0] stat_dmiss,
    output logic [C*64-1:0] stat_stall
);
  // per-core device port
  logic [C-1:0]    io_req, io_we, io_ack;
  logic [C*64-1:0] io_addr, io_wdata;
  logic [C*8-1:0]  io_wstrb;
  // per-cache memory requests: D caches first (they win the arbiter), then I caches
  logic [2*C-1:0]     m_valid, m_we, m_ready, m_resp;
  logic [2*C*64-1:0]  m_addr;
  logic [2*C*512-1:0] m_wdata;
  logic [511:0]       m_resp_data;
  logic [C-1:0]       msip, mtip;
  logic [63:0]        mtime, remap_target;
  /* verilator lint_off UNUSEDSIGNAL */
  logic [63:0]        cell_mask;  // read by the device-access checks of the multi-cell issue
  /* verilator lint_on UNUSEDSIGNAL */
  logic               dev_err;
  logic [63:0]        dev_rdata;
  logic [$clog2(C+1)-1:0] gsel;  // the core the device decoder serves this cycle

  for (genvar i = 0; i < C; i++) begin : g_core
    logic         ic_req, ic_hit, ic_flush, ic_miss;
    logic [63:6]  ic_addr;
    logic [511:0] ic_line;
    logic         dc_req, dc_done, dc_flush, dc_flush_done, dc_miss;
    logic [2:0]   dc_op;
    logic [63:0]  dc_addr, dc_wdata, dc_rdata;
    logic [1:0]   dc_size;
    logic [4:0]   dc_amo;

    core #(.NODES(NODES), .NODE_MEM(NODE_MEM)) cpu (
        .clk, .rst, .halt(fault_node_fail || fault_core_halt[i]),
        .hartid(64'(NODE_ID * C + i)), .remap_target,
        .ic_req, .ic_addr, .ic_hit, .ic_line, .ic_flush,
        .dc_req, .dc_op, .dc_addr, .dc_size, .dc_wdata, .dc_amo, .dc_done, .dc_rdata, .dc_flush,
        .dc_flush_done,
        .io_req(io_req[i]), .io_we(io_we[i]), .io_addr(io_addr[i*64 +: 64]),
        .io_wdata(io_wdata[i*64 +: 64]), .io_wstrb(io_wstrb[i*8 +: 8]),
        .io_ack(io_ack[i]), .io_err(dev_err), .io_rdata(dev_rdata),
        .msip(msip[i]), .mtip(mtip[i]), .meip(1'b0), .seip(1'b0), .mtime,
        .ev_imiss(ic_miss), .ev_dmiss(dc_miss),
        .retire_valid(retire_valid[i]), .retire_pc(retire_pc[i*64 +: 64]),
        .stat_instret(stat_instret[i*64 +: 64]), .stat_imiss(stat_imiss[i*64 +: 64]),
        .stat_dmiss(stat_dmiss[i*64 +: 64]), .stat_stall(stat_stall[i*64 +: 64]));

    l1i icache (
        .clk, .rst, .req(ic_req), .addr(ic_addr), .hit(ic_hit), .line(ic_line), .flush(ic_flush),
        .mreq_valid(m_valid[C + i]), .mreq_ready(m_ready[C + i]), .mreq_addr(m_addr[(C + i)*64 +: 64]),
        .mresp_valid(m_resp[C + i]), .mresp_data(m_resp_data), .ev_miss(ic_miss));
    assign m_we[C + i] = 1'b0;
    assign m_wdata[(C + i)*512 +: 512] = '0;

    l1d dcache (
        .clk, .rst, .req(dc_req), .op(dc_op), .addr(dc_addr), .size(dc_size), .wdata(dc_wdata),
        .amo(dc_amo), .done(dc_done), .rdata(dc_rdata), .flush(dc_flush), .flush_done(dc_flush_done),
        .mreq_valid(m_valid[i]), .mreq_ready(m_ready[i]), .mreq_we(m_we[i]),
        .mreq_addr(m_addr[i*64 +: 64]), .mreq_wdata(m_wdata[i*512 +: 512]),
        .mresp_valid(m_resp[i]), .mresp_data(m_resp_data), .ev_miss(dc_miss));
  end

  mem_arbiter #(.N(2 * C)) arb (
      .clk, .rst, .req_valid(m_valid), .req_we(m_we), .req_addr(m_addr), .req_wdata(m_wdata),
      .req_ready(m_ready), .resp_valid(m_resp), .resp_data(m_resp_data),
      .mem_valid(mem_req_valid), .mem_ready(mem_req_ready), .mem_we(mem_req_we),
      .mem_addr(mem_req_addr), .mem_wdata(mem_req_wdata), .mem_wstrb(mem_req_wstrb),
      .mem_resp_valid, .mem_resp_data(mem_resp_rdata));

  // ------------------------------------------------------------------ device decoder
  localparam logic [63:0] DEV_BASE = hive_pkg::NODEDEV_BASE + 64'(NODE_ID) * hive_pkg::NODEDEV_SIZE;
  logic        d_req, d_we;
  logic [63:0] d_addr, d_off, d_wdata;
  logic [7:0]  d_wstrb;
  logic [63:0] rom_rdata, clint_rdata, uart_rdata, ctrl_rdata;
  logic        clint_err, ctrl_err;
  logic        sel_rom, sel_mfin, sel_clint, sel_uart, sel_ctrl, sel_cfin;

  always_comb begin
    io_ack = '0;
    d_req = 1'b0; d_we = 1'b0; d_addr = '0; d_wdata = '0; d_wstrb = '0;
    gsel = '0;
    for (int i = C - 1; i >= 0; i--)
      if (io_req[i]) begin
        gsel = ($bits(gsel))'(i); d_req = 1'b1; d_we = io_we[i]; d_addr = io_addr[i*64 +: 64];
        d_wdata = io_wdata[i*64 +: 64]; d_wstrb = io_wstrb[i*8 +: 8];
      end
    io_ack[gsel] = d_req;
  end

  always_comb begin
    d_off = d_addr - DEV_BASE;
    sel_rom   = d_addr >= hive_pkg::BOOTROM_BASE && d_addr < hive_pkg::BOOTROM_BASE + hive_pkg::BOOTROM_SIZE;
    sel_mfin  = cfg_elf_mode && d_addr >= hive_pkg::MFINISH_BASE &&
                d_addr < hive_pkg::MFINISH_BASE + hive_pkg::MFINISH_SIZE;
    sel_clint = d_addr >= DEV_BASE && d_off < hive_pkg::NODEDEV_CLINT + hive_pkg::NODEDEV_CLINT_SIZE;
    sel_uart  = d_addr >= DEV_BASE && d_off >= hive_pkg::NODEDEV_UART &&
                d_off < hive_pkg::NODEDEV_UART + hive_pkg::NODEDEV_UART_SIZE;
    sel_ctrl  = d_addr >= DEV_BASE && d_off >= hive_pkg::NODEDEV_CTRL &&
                d_off < hive_pkg::NODEDEV_CTRL + hive_pkg::NODEDEV_CTRL_SIZE;
    sel_cfin  = d_addr >= DEV_BASE && d_off >= hive_pkg::NODEDEV_CFINISH &&
                d_off < hive_pkg::NODEDEV_CFINISH + hive_pkg::NODEDEV_CFINISH_SIZE;
  end

  always_comb begin
    dev_rdata = '0;
    dev_err = 1'b0;
    if (sel_rom) begin dev_rdata = rom_rdata; dev_err = d_we; end
    else if (sel_mfin || sel_cfin) dev_rdata = '0;
    else if (sel_clint) begin dev_rdata = clint_rdata; dev_err = clint_err; end
    else if (sel_uart) dev_rdata = uart_rdata;
    else if (sel_ctrl) begin dev_rdata = ctrl_rdata; dev_err = ctrl_err; end
    else dev_err = 1'b1;
  end

  bootrom rom (.clk, .load_we(rom_we), .load_addr(rom_addr), .load_data(rom_wdata),
               .addr(d_addr[11:3]), .rdata(rom_rdata));
  clint #(.HARTS(C)) clint0 (
      .clk, .rst, .req(d_req && sel_clint), .we(d_we), .addr(d_off[15:0]), .wdata(d_wdata),
      .wstrb(d_wstrb), .rdata(clint_rdata), .err(clint_err), .msip, .mtip, .mtime);
  uart uart0 (
      .clk, .rst, .req(d_req && sel_uart), .we(d_we), .addr(d_addr[2:0]), .wdata(d_wdata),
      .wstrb(d_wstrb), .rdata(uart_rdata), .tx_valid(uart_tx_valid), .tx_data(uart_tx_data),
      .rx_valid(uart_rx_valid), .rx_data(uart_rx_data), .rx_ready(uart_rx_ready));
  ctrl_regs #(.NODE_ID(NODE_ID), .NODES(NODES), .CORES_PER_NODE(C), .NODE_MEM(NODE_MEM)) ctrl (
      .clk, .rst, .req(d_req && sel_ctrl), .we(d_we), .addr(d_off[11:3]), .wdata(d_wdata),
      .rdata(ctrl_rdata), .err(ctrl_err), .remap_target, .cell_mask);
  finisher mfin (.req(d_req && sel_mfin), .we(d_we), .wdata(d_wdata[31:0]), .valid(mfinish_valid),
                 .data(mfinish_data));
  finisher cfin (.req(d_req && sel_cfin), .we(d_we), .wdata(d_wdata[31:0]), .valid(cfinish_valid),
                 .data(cfinish_data));
endmodule
