// ULX3S (ECP5 LFE5U-85F) board top: the full-system board (docs/fpga.md).
//
//   clk_25mhz -> EHXPLLL -> core clock CLK_MHZ (and the SDRAM clock, shifted by 180 degrees)
//   SoC reset  = PLL not locked, or the loader holds it (from power-on until the host says G,
//                or until a boot image from the SPI flash was loaded and checked), or FIRE2 is held
//   flash      = the configuration SPI flash (SCK through USRMCLK): at power-on board_spi_flash
//                reads the boot image at FLASH_OFFSET, the hub parses its loader commands as if
//                the host sent them and releases the SoC if its CRC matched (docs/fpga.md)
//   memory     = the 32 MB SDR SDRAM (fpga/sdram/sdram_ctrl): node n's memory is the slice at
//                n * SLICE of it, NODE_MEM bytes used; the nodes and the loader share the
//                controller through board_mem_arb
//   UART       = ftdi_txd/ftdi_rxd (the FT231X USB serial port): the cells' consoles, the
//                loader and status commands, multiplexed (board_hub; host: fpga/host/hive_fpga.py)
//   LEDs       = 0 heartbeat, 1 SoC held in reset (blinking against LED 0: and the flash's boot
//                image was refused), 2..5 nodes 0..3 (board_leds), 6 console bytes
//                were dropped, 7 a node has been failed (button or UART command)
//   FIRE1      = fail the node chosen by DIP switches SW1..SW2 (fault_node_fail, latched until
//                the SoC is reset); FIRE2 = reset the SoC (memory and ROM keep their contents)
module ulx3s_top #(
    parameter int     NODES          = 1,
    parameter int     CORES_PER_NODE = 1,
    parameter int     CLK_MHZ        = 25,
    parameter int     BAUD           = 1_000_000,
    parameter longint NODE_MEM       = 64'h100_0000,
    parameter int     L1_LINES       = 16,     // lines of each L1 (fpga.mk: ULX3S_L1_LINES; docs/fpga.md)
    parameter int     DIR_SETS       = 16,     // sets of each home's directory (fpga.mk: ULX3S_DIR_SETS)
    // the boot image's place in the flash (regs/hive_regs.py, where the host tool puts it), and
    // the flash's SCK: at most 12.5 MHz, half what the slowest READ (0x03) of 25 MHz-class
    // flashes allows
    parameter logic [23:0] FLASH_OFFSET = 24'(hive_pkg::FLASH_IMAGE_OFFSET),
    parameter int     FLASH_HALF     = (CLK_MHZ + 24) / 25,
    localparam longint SDRAM_BYTES   = 64'h200_0000,  // 32 MB
    localparam longint SLICE         = SDRAM_BYTES / longint'(NODES),
    localparam int    HARTS          = NODES * CORES_PER_NODE,
    localparam int    CLK_HZ         = CLK_MHZ * 1_000_000
) (
    input  logic        clk_25mhz,
    input  logic [6:0]  btn,          // btn[0] is PWRn (active low), the others active high
    input  logic [3:0]  sw,
    output logic [7:0]  led,
    output logic        ftdi_rxd,     // to the FT231X: the board transmits
    input  logic        ftdi_txd,     // from the FT231X: the board receives
    output logic        wifi_gpio0,   // held high: keeps the ESP32 from resetting the board
    output logic        sdram_clk,
    output logic        sdram_cke,
    output logic        sdram_csn,
    output logic        sdram_wen,
    output logic        sdram_rasn,
    output logic        sdram_casn,
    output logic [12:0] sdram_a,
    output logic [1:0]  sdram_ba,
    output logic [1:0]  sdram_dqm,
    inout  wire  [15:0] sdram_d,
    output logic        flash_csn,
    output logic        flash_mosi,
    input  logic        flash_miso,
    output logic        flash_wpn,    // held high: no write protection or hold while reading
    output logic        flash_holdn
);
  // ------------------------------------------------------------------ clock and board reset
  logic clk, clk_sdram, locked;
  ulx3s_pll #(.MHZ(CLK_MHZ)) pll (.clk_25mhz, .clk, .clk_sdram, .locked);
  assign sdram_clk = clk_sdram;
  assign wifi_gpio0 = 1'b1;

  logic [3:0] rst_cnt = '0;
  logic       rst = 1'b1;
  always_ff @(posedge clk) begin
    if (!locked) begin rst_cnt <= '0; rst <= 1'b1; end
    else if (rst_cnt != 4'hF) rst_cnt <= rst_cnt + 4'd1;
    else rst <= 1'b0;
  end

  logic [3:0] btn_q;
  logic [1:0] sw_q;
  board_debounce #(.N(6), .CLK_HZ(CLK_HZ)) deb (
      .clk, .in({sw[1:0], btn[3:0]}), .out({sw_q, btn_q}));

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

  assign soc_rst = rst || hold || btn_q[2];
  assign node_fail = fail_cmd | fail_btn;

  // FIRE1 fails the node chosen by SW1..SW2 (nodes beyond NODES: the last node)
  always_ff @(posedge clk) begin
    if (soc_rst) fail_btn <= '0;
    else if (btn_q[1]) fail_btn[int'(sw_q) < NODES ? int'(sw_q) : NODES - 1] <= 1'b1;
  end

  hive_soc #(.NODES(NODES), .CORES_PER_NODE(CORES_PER_NODE), .NODE_MEM(NODE_MEM),
             .L1_LINES(L1_LINES), .DIR_SETS(DIR_SETS),
             // the longest paths cut (the next fetch, a load/store's address, a device's answer
             // each a cycle of its own): the same-cycle versions put execute, translation, PMP,
             // the device decode and the next fetch on one path (docs/fpga.md, timing)
             .SHORT_PATHS(1'b1),
             // half the TLB entries: only a page walk more now and then, 1 100 LUTs less
             .TLB_ENTRIES(4),
             // 4 PMP entries, not 8: OpenSBI sets 3 (its firmware, the CLINT, everything else);
             // the ISA tests' catch-all entry 7 is not there, so they run on the Arty
             .PMP_ENTRIES(4),
             // no event counters (mhpmcounter3.. read as zero, as the spec allows): the
             // benchmarks that read them run in the simulator; about 1 100 LUTs less per core
             .HPM_COUNTERS(0),
             // the home's output queue one message deep: a register instead of two and their
             // 600-bit multiplexer, whose select was among the most congested nets of the 2x1
             .HOME_OUT_DEPTH(1),
             // the harness's wild write and SIPS drop/delay are not on the board (its fault is
             // the node-fail button): a message register and multiplexers less per node
             .HARNESS_PORTS(1'b0),
             // the meshes' messages as flits of their words: routers a seventh as wide
             // (rtl/noc/mesh.sv; a one-node mesh has no links and is unchanged)
             .SERIAL_LINKS(1'b1),
             // the used quarter of the boot ROM (64 words of code, 64 of boot information:
             // rtl/devices/bootrom.sv), 4 KiB of LUT RAM less in every node
             .BOOTROM_WORDS(128)) soc (
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
  logic         l_valid, l_ready, l_we, l_resp_valid, mem_valid, mem_ready, mem_we;
  logic         mem_resp_valid, sd_init_done;
  logic [31:0]  l_addr;
  logic [511:0] l_wdata, mem_wdata, mem_rdata;
  logic [63:0]  mem_wstrb;
  logic [18:0]  mem_line;

  board_mem_arb #(.NODES(NODES), .NODE_MEM(NODE_MEM), .SLICE(SLICE), .LINE_AW(19)) arb (
      .clk, .rst, .n_valid(m_valid), .n_ready(m_ready), .n_we(m_we), .n_addr(m_addr),
      .n_wdata(m_wdata), .n_wstrb(m_wstrb), .n_resp_valid(m_resp_valid),
      .l_valid, .l_ready, .l_we, .l_addr, .l_wdata, .l_resp_valid, .resp_rdata,
      .m_valid(mem_valid), .m_ready(mem_ready), .m_we(mem_we), .m_line(mem_line),
      .m_wdata(mem_wdata), .m_wstrb(mem_wstrb), .m_resp_valid(mem_resp_valid),
      .m_resp_rdata(mem_rdata));

  logic [15:0] dq_o, dq_i;
  logic        dq_oe;
  sdram_ctrl #(.CLK_HZ(CLK_HZ)) sdram (
      .clk, .rst, .init_done(sd_init_done), .req_valid(mem_valid), .req_ready(mem_ready),
      .req_we(mem_we), .req_line(mem_line), .req_wdata(mem_wdata), .req_wstrb(mem_wstrb),
      .resp_valid(mem_resp_valid), .resp_rdata(mem_rdata),
      .sdram_cke, .sdram_csn, .sdram_rasn, .sdram_casn, .sdram_wen, .sdram_a, .sdram_ba,
      .sdram_dqm, .sdram_dq_o(dq_o), .sdram_dq_oe(dq_oe), .sdram_dq_i(dq_i));
  assign sdram_d = dq_oe ? dq_o : 16'hzzzz;
  assign dq_i = sdram_d;

  // ------------------------------------------------------------------ host link, LEDs
  logic [1:0]         mfin_state;
  logic [NODES*2-1:0] cfin_state;
  logic               dropped, heartbeat;
  logic [NODES-1:0]   node_led;
  logic               fl_valid, fl_ready, fl_sck;
  logic [7:0]         fl_data;
  logic [1:0]         fl_state;

  board_spi_flash #(.OFFSET(FLASH_OFFSET), .HALF(FLASH_HALF)) flash (
      .clk, .rst, .spi_csn(flash_csn), .spi_sck(fl_sck), .spi_mosi(flash_mosi),
      .spi_miso(flash_miso), .valid(fl_valid), .data(fl_data), .ready(fl_ready),
      .state(fl_state));
  // the flash's SCK is the configuration clock pin: after configuration only USRMCLK drives it
  USRMCLK mclk (.USRMCLKI(fl_sck), .USRMCLKTS(1'b0));
  assign flash_wpn = 1'b1;
  assign flash_holdn = 1'b1;

  board_hub #(.NODES(NODES), .CORES(CORES_PER_NODE), .CLK_HZ(CLK_HZ), .BAUD(BAUD),
              .NODE_MEM(NODE_MEM), .SLICE(SLICE), .BOARD_ID(int'(hive_pkg::BOARD_ULX3S))) hub (
      .clk, .rst, .rxd(ftdi_txd), .txd(ftdi_rxd), .soc_rst(hold), .elf_mode,
      .fail_mask(fail_cmd), .rom_we, .rom_addr, .rom_wdata,
      .ld_valid(l_valid), .ld_ready(l_ready), .ld_we(l_we), .ld_addr(l_addr),
      .ld_wdata(l_wdata), .ld_resp_valid(l_resp_valid), .ld_resp_rdata(resp_rdata),
      .mem_ready(sd_init_done), .fl_valid, .fl_data, .fl_ready, .fl_state,
      .con_tx_valid(tx_valid), .con_tx_data(tx_data), .con_tx_ready(tx_ready),
      .con_rx_valid(rx_valid),
      .con_rx_data(rx_data), .con_rx_ready(rx_ready),
      .mfin_valid, .mfin_data, .cfin_valid, .cfin_data, .instret, .mfin_state, .cfin_state,
      .dropped);

  board_leds #(.NODES(NODES), .CLK_HZ(CLK_HZ)) leds (
      .clk, .rst, .soc_rst, .node_fail, .cfin_state, .mfin_state, .heartbeat, .node_led);

  always_comb begin
    led = '0;
    led[0] = heartbeat;
    led[1] = soc_rst && !(fl_state == 2'(hive_pkg::FLASH_REFUSED) && heartbeat);
    for (int n = 0; n < NODES && n < 4; n++) led[2 + n] = node_led[n];
    led[6] = dropped;
    led[7] = |node_fail;
  end

  /* verilator lint_off UNUSEDSIGNAL */
  logic unused;
  assign unused = btn[0] | btn[3] | |btn[6:4] | |sw[3:2] | btn_q[0] | btn_q[3];
  /* verilator lint_on UNUSEDSIGNAL */
endmodule
