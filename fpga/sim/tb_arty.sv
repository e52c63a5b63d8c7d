// Simulation top for the Arty board-level test (fpga/sim/tb_board.cpp): the Arty board top with
// the MMCM and BUFG stand-ins (the testbench's clock is the core clock), its block-RAM node
// memory, and the ports of tb_ulx3s.sv so that one testbench drives both: the buttons as the
// ULX3S's (bit 1 fails a node, bit 2 holds the SoC in reset), the LEDs' bit 1 the reset held,
// no SDRAM and no flash (their counters are zero).
module tb_arty #(
    parameter int BAUD = 3_125_000,
    parameter int NODES = 1
) (
    input  logic       clk,
    /* verilator lint_off UNUSEDSIGNAL */
    input  logic [6:0] btn,
    input  logic [3:0] sw,
    /* verilator lint_on UNUSEDSIGNAL */
    output logic [7:0] led,
    output logic       uart_out,    // board -> host
    input  logic       uart_in,     // host -> board
    output int         sdram_errors,
    output int         sdram_refreshes,
    output int         flash_errors
);
  /* verilator lint_off PINCONNECTEMPTY */
  arty_top #(.BAUD(BAUD), .NODES(NODES)) top (
      .CLK100MHZ(clk), .ck_rst(1'b1), .btn({2'b00, btn[2], btn[1]}), .sw, .led(led[3:0]),
      .led0_r(), .led0_g(), .led0_b(), .led1_r(), .led1_g(), .led1_b(),
      .led2_r(), .led2_g(), .led2_b(), .led3_r(), .led3_g(), .led3_b(),
      .uart_rxd_out(uart_out), .uart_txd_in(uart_in));
  /* verilator lint_on PINCONNECTEMPTY */
  assign led[7:4] = '0;
  assign sdram_errors = 0;
  assign sdram_refreshes = 0;
  assign flash_errors = 0;
endmodule
