// Simulation top for the board-level test (fpga/sim/tb_board.cpp): the ULX3S board top with the
// EHXPLLL stand-in (the testbench's clock is the core clock) and the behavioural SDRAM on its
// SDRAM pins, clocked by the 180-degree clock as on the board, and the behavioural SPI flash on its
// flash pins (+flash=FILE: the boot image at the top's flash offset; erased without it).
module tb_ulx3s #(
    parameter int BAUD = 3_125_000,
    parameter int NODES = 1,       // the board's nodes (make fpga-boot-check runs 2)
    // where the top reads, the model loads
    parameter logic [23:0] FLASH_OFFSET = 24'(hive_pkg::FLASH_IMAGE_OFFSET)
) (
    input  logic       clk,
    input  logic [6:0] btn,
    input  logic [3:0] sw,
    output logic [7:0] led,
    output logic       uart_out,    // board -> host
    input  logic       uart_in,     // host -> board
    output int         sdram_errors,
    output int         sdram_refreshes,
    output int         flash_errors
);
  logic        sdram_clk, cke, csn, wen, rasn, casn, m_oe, wifi_gpio0;
  logic [12:0] a;
  logic [1:0]  ba, dqm;
  logic [15:0] m_dq;
  wire  [15:0] dq;
  longint      max_gap;
  int          activates;

  logic        flash_csn, flash_mosi, flash_miso, flash_wpn, flash_holdn;

  ulx3s_top #(.BAUD(BAUD), .NODES(NODES), .FLASH_OFFSET(FLASH_OFFSET)) top (
      .clk_25mhz(clk), .btn, .sw, .led, .ftdi_rxd(uart_out), .ftdi_txd(uart_in), .wifi_gpio0,
      .sdram_clk, .sdram_cke(cke), .sdram_csn(csn), .sdram_wen(wen), .sdram_rasn(rasn),
      .sdram_casn(casn), .sdram_a(a), .sdram_ba(ba), .sdram_dqm(dqm), .sdram_d(dq), .flash_csn,
      .flash_mosi, .flash_miso, .flash_wpn, .flash_holdn);

  sdram_model #(.CLK_HZ(25_000_000)) sdram (
      .clk(sdram_clk), .cke, .csn, .rasn, .casn, .wen, .a, .ba, .dqm, .dq_in(dq),
      .dq_in_oe(top.sdram.sdram_dq_oe), .dq_out(m_dq), .dq_out_oe(m_oe), .errors(sdram_errors),
      .refreshes(sdram_refreshes), .max_refresh_gap(max_gap), .activates);
  assign dq = m_oe ? m_dq : 16'hzzzz;

  // SCK leaves the FPGA through USRMCLK, whose pin is not a port
  spi_flash_model #(.LOAD_AT(FLASH_OFFSET)) flash (
      .csn(flash_csn), .sck(top.mclk.USRMCLKI), .mosi(flash_mosi), .miso(flash_miso),
      .errors(flash_errors));
endmodule
