// L1 instruction cache: direct mapped, 64-byte lines, combinational hit path. A miss refills
// the line from the node memory port by itself while the core keeps asking; fence.i
// invalidates every line (the data cache has written its dirty lines back by then).
module l1i #(
    parameter int LINES = 256
) (
    input  logic         clk,
    input  logic         rst,
    input  logic         req,
    input  logic [63:6]  addr,       // global physical address of the line
    output logic         hit,
    output logic [511:0] line,
    input  logic         flush,
    output logic         mreq_valid,
    input  logic         mreq_ready,
    output logic [63:0]  mreq_addr,
    input  logic         mresp_valid,
    input  logic [511:0] mresp_data,
    output logic         ev_miss     // one pulse per refill started
);
  localparam int IW = $clog2(LINES);
  localparam int TW = 64 - 6 - IW;

  logic [LINES-1:0] valid;
  logic [TW-1:0]    tags [LINES];
  logic [511:0]     data [LINES];
  logic [IW-1:0]    idx, fill_idx;
  logic [TW-1:0]    tag;
  logic [63:6]      miss_addr;
  logic             busy, sent;

  assign idx  = addr[6 +: IW];
  assign tag  = addr[63 -: TW];
  assign hit  = valid[idx] && tags[idx] == tag && !busy;
  assign line = data[idx];
  assign fill_idx = miss_addr[6 +: IW];
  assign mreq_valid = busy && !sent;
  assign mreq_addr  = {miss_addr, 6'd0};
  assign ev_miss = req && !hit && !busy && !flush;

  always_ff @(posedge clk) begin
    if (rst || flush) begin
      valid <= '0;
      busy  <= 1'b0;
      sent  <= 1'b0;
    end else if (!busy) begin
      if (req && !hit) begin
        busy <= 1'b1;
        sent <= 1'b0;
        miss_addr <= addr;
      end
    end else begin
      if (mreq_valid && mreq_ready) sent <= 1'b1;
      if (mresp_valid) begin
        data[fill_idx]  <= mresp_data;
        tags[fill_idx]  <= miss_addr[63 -: TW];
        valid[fill_idx] <= 1'b1;
        busy <= 1'b0;
      end
    end
  end
endmodule
