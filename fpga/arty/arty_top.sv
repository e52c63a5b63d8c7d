// Arty A7-100T (XC7A100T) board top: bare-metal programs only (DESIGN.md section 7): node
// memory is block RAM, NODE_MEM per node (default 256 KiB for one node), loaded over the UART.
//
//   CLK100MHZ -> MMCME2_BASE -> core clock CLK_MHZ (arty_clk)
//   SoC reset  = MMCM not locked, or the loader holds it (from power-on until the host says G),
//                or BTN1 is held; ck_rst (the red RESET button) resets the whole board
//   memory     = block RAM (board_bram_mem), node n's slice at n * NODE_MEM, shared with the
//                loader through board_mem_arb; reads answer after MEM_LATENCY cycles
//   UART       = uart_txd_in/uart_rxd_out (the FT2232 USB serial port), same protocol as the
//                ULX3S (board_hub; host: fpga/host/hive_fpga.py)
//   LEDs       = LD4 heartbeat, LD5 SoC held in reset, LD6 console bytes dropped, LD7 a node
//                failed; RGB LD0..LD3 green = node 0..3 state (board_leds), red = node failed
//   BTN0       = fail the node chosen by SW0..SW1 (latched until the SoC is reset)
module arty_top #(
    parameter int     NODES          = 1,
    parameter int     CORES_PER_NODE = 1,
    parameter int     CLK_MHZ        = 25,
    parameter int     BAUD           = 1_000_000,
    parameter longint NODE_MEM       = 64'h4_0000,     // 256 KiB
    parameter int     MEM_LATENCY    = 1,
    parameter int     L1_LINES       = 128,    // lines of each L1 (fpga.mk: ARTY_L1_LINES)
    parameter int     DIR_SETS       = 64,     // sets of each home's directory (fpga.mk: ARTY_DIR_SETS)
    localparam int    HARTS          = NODES * CORES_PER_NODE,
    localparam int    CLK_HZ         = CLK_MHZ * 1_000_000,
    localparam int    LINES          = NODES * int'(NODE_MEM / 64),
    localparam int    LINE_AW        = $clog2(LINES)
) (
    input  logic       CLK100MHZ,
    input  logic       ck_rst,          // active low
    input  logic [3:0] btn,
    input  logic [3:0] sw,
    output logic [3:0] led,
    output logic       led0_r, led0_g, led0_b,
    output logic       led1_r, led1_g, led1_b,
    output logic       led2_r, led2_g, led2_b,
    output logic       led3_r, led3_g, led3_b,
    output logic       uart_rxd_out,    // to the FT2232: the board transmits
    input  logic       uart_txd_in      // from the FT2232: the board receives
);
  // ------------------------------------------------------------------ clock and board reset
  logic clk, locked;
  arty_clk #(.MHZ(CLK_MHZ)) clkgen (.clk_100mhz(CLK100MHZ), .clk, .locked);

  logic [1:0] rst_sync = 2'b11;
  logic [3:0] rst_cnt = '0;
  logic       rst = 1'b1;
  always_ff @(posedge clk) begin
    rst_sync <= {rst_sync[0], !ck_rst || !locked};
    if (rst_sync[1]) begin rst_cnt <= '0; rst <= 1'b1; end
    else if (rst_cnt != 4'hF) rst_cnt <= rst_cnt + 4'd1;
    else rst <= 1'b0;
  end

  logic [1:0] btn_q, sw_q;
  board_debounce #(.N(4), .CLK_HZ(CLK_HZ)) deb (.clk, .in({sw[1:0], btn[1:0]}), .out({sw_q, btn_q}));

  // ------------------------------------------------------------------ SoC
  logic                 soc_rst, hold, elf_mode, rom_we, mfin_valid;
  logic [8:0]           rom_addr;
  logic [63:0]          rom_wdata;
  // (Verilator sees a loop through the vectors; board_mem_arb makes ready independent of valid)
  /* verilator lint_off UNOPTFLAT */
  logic [NODES-1:0]     m_valid, m_ready;
  /* verilator lint_on UNOPTFLAT */
  logic [NODES-1:0]     m_we, m_resp_valid, tx_valid, tx_ready, rx_valid, rx_ready;
  logic [NODES-1:0]     cfin_valid, fail_cmd, fail_btn, node_fail;
  logic [NODES*32-1:0]  m_addr, cfin_data;
  logic [NODES*512-1:0] m_wdata;
  logic [NODES*64-1:0]  m_wstrb;
  logic [NODES*8-1:0]   tx_data, rx_data;
  logic [511:0]         resp_rdata;
  logic [31:0]          mfin_data;
  logic [HARTS*64-1:0]  instret;
  /* verilator lint_off UNUSEDSIGNAL */
  logic [HARTS-1:0]     retire_valid;
  logic [HARTS*64-1:0]  retire_pc, stat_imiss, stat_dmiss, stat_stall;
  logic [NODES*hive_pkg::STAT_NODE_BITS-1:0] stat_node;
  logic [NODES*hive_pkg::STAT_SIPS_BITS-1:0] stat_sips;
  /* verilator lint_on UNUSEDSIGNAL */

  assign soc_rst = rst || hold || btn_q[1];
  assign node_fail = fail_cmd | fail_btn;

  always_ff @(posedge clk) begin
    if (soc_rst) fail_btn <= '0;
    else if (btn_q[0]) fail_btn[int'(sw_q) < NODES ? int'(sw_q) : NODES - 1] <= 1'b1;
  end

  hive_soc #(.NODES(NODES), .CORES_PER_NODE(CORES_PER_NODE), .NODE_MEM(NODE_MEM),
             .L1_LINES(L1_LINES), .DIR_SETS(DIR_SETS),
             // as on the ULX3S: the short paths, messages as flits, the boot ROM's used
             // quarter, no harness ports, the homes' output queues a message deep
             // (docs/fpga.md); TLBs of 2 entries (bare-metal programs walk the page table more
             // often, and 2x1 fits); the PMP keeps 8 entries, as the ISA tests that run here
             // want (their catch-all is entry 7)
             .SHORT_PATHS(1'b1), .SERIAL_LINKS(1'b1), .TLB_ENTRIES(2), .BOOTROM_WORDS(128),
             .HOME_OUT_DEPTH(1), .HARNESS_PORTS(1'b0)) soc (
      .clk, .rst(soc_rst), .cfg_elf_mode(elf_mode), .rom_we, .rom_addr, .rom_wdata,
      .mem_req_valid(m_valid), .mem_req_ready(m_ready), .mem_req_we(m_we), .mem_req_addr(m_addr),
      .mem_req_wdata(m_wdata), .mem_req_wstrb(m_wstrb), .mem_resp_valid(m_resp_valid),
      .mem_resp_rdata({NODES{resp_rdata}}),
      .uart_tx_valid(tx_valid), .uart_tx_data(tx_data), .uart_tx_ready(tx_ready),
      .uart_rx_valid(rx_valid),
      .uart_rx_data(rx_data), .uart_rx_ready(rx_ready),
      .mfinish_valid(mfin_valid), .mfinish_data(mfin_data), .cfinish_valid(cfin_valid),
      .cfinish_data(cfin_data), .fault_node_fail(node_fail), .fault_core_halt('0),
      /* verilator lint_off PINCONNECTEMPTY */
      // wild writes and SIPS faults: the port a UART command could drive (docs/interfaces.md)
      .fault_ww_valid(1'b0), .fault_ww_node('0), .fault_ww_addr('0), .fault_ww_data('0),
      .fault_ww_done(), .fault_ww_denied(), .fault_sips_arm(1'b0), .fault_sips_from('0),
      .fault_sips_to('0), .fault_sips_delay('0), .trace_on(), .trace_sw(),
      /* verilator lint_on PINCONNECTEMPTY */
      .retire_valid, .retire_pc, .stat_instret(instret), .stat_imiss, .stat_dmiss, .stat_stall,
      .stat_node, .stat_sips);

  // ------------------------------------------------------------------ memory
  logic               l_valid, l_ready, l_we, l_resp_valid, mem_valid, mem_ready, mem_we;
  logic               mem_resp_valid;
  logic [31:0]        l_addr;
  logic [511:0]       l_wdata, mem_wdata, mem_rdata;
  logic [63:0]        mem_wstrb;
  logic [LINE_AW-1:0] mem_line;

  board_mem_arb #(.NODES(NODES), .NODE_MEM(NODE_MEM), .SLICE(NODE_MEM), .LINE_AW(LINE_AW)) arb (
      .clk, .rst, .n_valid(m_valid), .n_ready(m_ready), .n_we(m_we), .n_addr(m_addr),
      .n_wdata(m_wdata), .n_wstrb(m_wstrb), .n_resp_valid(m_resp_valid),
      .l_valid, .l_ready, .l_we, .l_addr, .l_wdata, .l_resp_valid, .resp_rdata,
      .m_valid(mem_valid), .m_ready(mem_ready), .m_we(mem_we), .m_line(mem_line),
      .m_wdata(mem_wdata), .m_wstrb(mem_wstrb), .m_resp_valid(mem_resp_valid),
      .m_resp_rdata(mem_rdata));

  board_bram_mem #(.LINES(LINES), .LATENCY(MEM_LATENCY)) bram (
      .clk, .rst, .req_valid(mem_valid), .req_ready(mem_ready), .req_we(mem_we),
      .req_line(mem_line), .req_wdata(mem_wdata), .req_wstrb(mem_wstrb),
      .resp_valid(mem_resp_valid), .resp_rdata(mem_rdata));

  // ------------------------------------------------------------------ host link, LEDs
  logic [1:0]         mfin_state;
  logic [NODES*2-1:0] cfin_state;
  logic               dropped, heartbeat;
  logic [NODES-1:0]   node_led;

  board_hub #(.NODES(NODES), .CORES(CORES_PER_NODE), .CLK_HZ(CLK_HZ), .BAUD(BAUD),
              .NODE_MEM(NODE_MEM), .SLICE(NODE_MEM), .BOARD_ID(int'(hive_pkg::BOARD_ARTY))) hub (
      .clk, .rst, .rxd(uart_txd_in), .txd(uart_rxd_out), .soc_rst(hold), .elf_mode,
      .fail_mask(fail_cmd), .rom_we, .rom_addr, .rom_wdata,
      .ld_valid(l_valid), .ld_ready(l_ready), .ld_we(l_we), .ld_addr(l_addr),
      .ld_wdata(l_wdata), .ld_resp_valid(l_resp_valid), .ld_resp_rdata(resp_rdata),
      .mem_ready(1'b1),
      // no flash boot on the Arty (its flash is not read): "no image"
      /* verilator lint_off PINCONNECTEMPTY */
      .fl_valid(1'b0), .fl_data('0), .fl_ready(), .fl_state(2'(hive_pkg::FLASH_NO_IMAGE)),
      /* verilator lint_on PINCONNECTEMPTY */
      .con_tx_valid(tx_valid), .con_tx_data(tx_data), .con_tx_ready(tx_ready),
      .con_rx_valid(rx_valid),
      .con_rx_data(rx_data), .con_rx_ready(rx_ready),
      .mfin_valid, .mfin_data, .cfin_valid, .cfin_data, .instret, .mfin_state, .cfin_state,
      .dropped);

  board_leds #(.NODES(NODES), .CLK_HZ(CLK_HZ)) leds (
      .clk, .rst, .soc_rst, .node_fail, .cfin_state, .mfin_state, .heartbeat, .node_led);

  logic [3:0] green, red;
  always_comb begin
    green = '0;
    red = '0;
    for (int n = 0; n < NODES && n < 4; n++) begin
      green[n] = node_led[n];
      red[n] = node_fail[n];
    end
  end
  assign led = {|node_fail, dropped, soc_rst, heartbeat};
  assign {led0_g, led1_g, led2_g, led3_g} = {green[0], green[1], green[2], green[3]};
  assign {led0_r, led1_r, led2_r, led3_r} = {red[0], red[1], red[2], red[3]};
  assign {led0_b, led1_b, led2_b, led3_b} = '0;

  /* verilator lint_off UNUSEDSIGNAL */
  logic unused;
  assign unused = |btn[3:2] | |sw[3:2];
  /* verilator lint_on UNUSEDSIGNAL */
endmodule
