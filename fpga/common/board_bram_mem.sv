// Block-RAM board memory (Arty: bare-metal programs only, DESIGN.md section 7) with the same
// request port as the SDRAM controller: one line per request, reads answered after LATENCY
// cycles (>= 1; the memory itself reads in one), writes with byte enables, posted. The array is
// line wide with a registered read, which Yosys maps to block RAM (RAMB36E1 on 7-series).
module board_bram_mem #(
    parameter int LINES   = 4096,     // 256 KiB
    parameter int LATENCY = 1,
    localparam int AW     = $clog2(LINES)
) (
    input  logic          clk,
    input  logic          rst,
    input  logic          req_valid,
    output logic          req_ready,
    input  logic          req_we,
    input  logic [AW-1:0] req_line,
    input  logic [511:0]  req_wdata,
    input  logic [63:0]   req_wstrb,
    output logic          resp_valid,
    output logic [511:0]  resp_rdata
);
  logic [511:0] mem [LINES];
  logic [511:0] q;
  logic [LATENCY-1:0] pipe;
  logic         busy;

  assign req_ready = !busy;

  always_ff @(posedge clk) begin
    if (req_valid && req_ready) begin
      for (int i = 0; i < 64; i++)
        if (req_we && req_wstrb[i]) mem[req_line][i*8 +: 8] <= req_wdata[i*8 +: 8];
      if (!req_we) q <= mem[req_line];
    end
  end

  assign resp_rdata = q;  // stable until the next read, which waits for this response

  always_ff @(posedge clk) begin
    if (rst) begin
      pipe <= '0;
      busy <= 1'b0;
    end else begin
      pipe <= LATENCY'({pipe, req_valid && req_ready && !req_we});
      if (req_valid && req_ready && !req_we) busy <= 1'b1;
      if (resp_valid) busy <= 1'b0;
    end
  end
  assign resp_valid = pipe[LATENCY-1];
endmodule
