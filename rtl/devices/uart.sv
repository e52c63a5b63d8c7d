// ns16550a subset for a console: byte registers (reg-shift 0), a written byte leaves through
// tx_* at once, one-byte receive holding register fed through rx_*. LSR's transmitter-empty
// bits (THRE, TEMT) are `tx_ready`, the console's room for a byte: the harness always has it, a
// board's console FIFO while it is not nearly full, so that software that polls THRE before
// writing, as every 16550 driver does, loses no byte. A byte written without room is lost, as
// on a 16550 whose holding register is overwritten. No interrupt line: software polls LSR.
module uart (
    input  logic        clk,
    input  logic        rst,
    input  logic        req,
    input  logic        we,
    input  logic [2:0]  addr,
    /* verilator lint_off UNUSEDSIGNAL */  // lanes of registers without write side effects
    input  logic [63:0] wdata,
    input  logic [7:0]  wstrb,
    /* verilator lint_on UNUSEDSIGNAL */
    output logic [63:0] rdata,
    output logic        tx_valid,
    output logic [7:0]  tx_data,
    input  logic        tx_ready,
    input  logic        rx_valid,
    input  logic [7:0]  rx_data,
    output logic        rx_ready
);
  logic [7:0] ier, lcr, mcr, scr, dll, dlm, rbr;
  logic       rx_full, dlab;
  assign dlab = lcr[7];
  assign rx_ready = !rx_full;
  assign tx_valid = req && we && wstrb[0] && !dlab;
  assign tx_data  = wdata[7:0];

  always_comb begin
    logic [7:0] lsr;
    lsr = (tx_ready ? 8'(hive_pkg::UART_LSR_THRE | hive_pkg::UART_LSR_TEMT) : 8'd0) |
          {7'd0, rx_full};
    rdata = {scr, 8'd0, lsr, mcr, lcr, 8'h01, dlab ? dlm : ier, dlab ? dll : rbr};
  end

  always_ff @(posedge clk) begin
    if (rst) begin
      ier <= '0; lcr <= 8'h03; mcr <= '0; scr <= '0; dll <= '0; dlm <= '0; rbr <= '0; rx_full <= 1'b0;
    end else begin
      if (rx_valid && !rx_full) begin rbr <= rx_data; rx_full <= 1'b1; end
      else if (req && !we && addr == 3'd0 && !dlab) rx_full <= 1'b0;
      if (req && we) begin
        if (wstrb[0] && dlab) dll <= wdata[7:0];
        if (wstrb[1]) begin if (dlab) dlm <= wdata[15:8]; else ier <= wdata[15:8]; end
        if (wstrb[3]) lcr <= wdata[31:24];
        if (wstrb[4]) mcr <= wdata[39:32];
        if (wstrb[7]) scr <= wdata[63:56];
      end
    end
  end
endmodule
