// Simulation top for the SDRAM controller test (fpga/sim/tb_sdram.cpp): the controller and the
// behavioural SDRAM, which is clocked by the inverted controller clock as on the board.
module tb_sdram #(
    parameter int CLK_HZ = 50_000_000,
    parameter int REFI_NS = 7500,   // the controller's; a mutant with a long one must be caught
    parameter int T_RCD_NS = 20
) (
    input  logic         clk,
    input  logic         rst,
    output logic         init_done,
    input  logic         req_valid,
    output logic         req_ready,
    input  logic         req_we,
    input  logic [18:0]  req_line,
    input  logic [511:0] req_wdata,
    input  logic [63:0]  req_wstrb,
    output logic         resp_valid,
    output logic [511:0] resp_rdata,
    output int           errors,
    output int           refreshes,
    output longint       max_refresh_gap,
    output int           activates
);
  logic        cke, csn, rasn, casn, wen, dq_oe, m_oe;
  logic [12:0] a;
  logic [1:0]  ba, dqm;
  logic [15:0] dq_o, m_dq, dq_i;

  sdram_ctrl #(.CLK_HZ(CLK_HZ), .REFI_NS(REFI_NS), .T_RCD_NS(T_RCD_NS)) ctrl (
      .clk, .rst, .init_done, .req_valid, .req_ready, .req_we, .req_line, .req_wdata, .req_wstrb,
      .resp_valid, .resp_rdata, .sdram_cke(cke), .sdram_csn(csn), .sdram_rasn(rasn),
      .sdram_casn(casn), .sdram_wen(wen), .sdram_a(a), .sdram_ba(ba), .sdram_dqm(dqm),
      .sdram_dq_o(dq_o), .sdram_dq_oe(dq_oe), .sdram_dq_i(dq_i));

  sdram_model #(.CLK_HZ(CLK_HZ)) sdram (
      .clk(!clk), .cke, .csn, .rasn, .casn, .wen, .a, .ba, .dqm, .dq_in(dq_o), .dq_in_oe(dq_oe),
      .dq_out(m_dq), .dq_out_oe(m_oe), .errors, .refreshes, .max_refresh_gap, .activates);

  // an undriven bus reads as a pattern that no test writes by chance
  assign dq_i = m_oe ? m_dq : 16'hDEAD;
endmodule
