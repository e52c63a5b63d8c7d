// CLINT of one node (SiFive layout): msip and mtimecmp for each of the node's harts, and mtime,
// which ticks once every MTIME_DIV cycles. All nodes leave reset together, so their mtime agree.
module clint #(
    parameter int HARTS = 1
) (
    input  logic             clk,
    input  logic             rst,
    input  logic             req,
    input  logic             we,
    input  logic [15:0]      addr,
    input  logic [63:0]      wdata,
    input  logic [7:0]       wstrb,
    output logic [63:0]      rdata,
    output logic             err,
    output logic [HARTS-1:0] msip,
    output logic [HARTS-1:0] mtip,
    output logic [63:0]      mtime
);
  logic [63:0] mtimecmp [HARTS];
  logic [$clog2(hive_pkg::MTIME_DIV)-1:0] div;
  logic [63:0] bytemask;
  int          h;

  always_comb begin
    for (int i = 0; i < 8; i++) bytemask[i*8 +: 8] = {8{wstrb[i]}};
    rdata = '0;
    err = 1'b0;
    h = 0;
    if (addr < 16'(hive_pkg::CLINT_MTIMECMP)) begin
      h = 32'(addr[15:3]) * 2;
      if (h >= HARTS) err = 1'b1;
      else rdata = {31'd0, (h + 1 < HARTS) ? msip[(h + 1) % HARTS] : 1'b0, 31'd0, msip[h]};
    end else if (addr < 16'(hive_pkg::CLINT_MTIME)) begin
      h = 32'(addr[15:3]) - 32'(hive_pkg::CLINT_MTIMECMP) / 8;
      if (h >= HARTS) err = 1'b1;
      else rdata = mtimecmp[h];
    end else rdata = mtime;
    for (int i = 0; i < HARTS; i++) mtip[i] = (mtime >= mtimecmp[i]);
  end

  always_ff @(posedge clk) begin
    if (rst) begin
      msip  <= '0;
      mtime <= '0;
      div   <= '0;
      for (int i = 0; i < HARTS; i++) mtimecmp[i] <= '1;
    end else begin
      if (div == $bits(div)'(hive_pkg::MTIME_DIV - 1)) begin
        div <= '0;
        mtime <= mtime + 64'd1;
      end else div <= div + 1'b1;
      if (req && we && !err) begin
        if (addr < 16'(hive_pkg::CLINT_MTIMECMP)) begin
          if (wstrb[0]) msip[h] <= wdata[0];
          if (wstrb[4] && h + 1 < HARTS) msip[(h + 1) % HARTS] <= wdata[32];
        end else if (addr < 16'(hive_pkg::CLINT_MTIME)) begin
          mtimecmp[h] <= (mtimecmp[h] & ~bytemask) | (wdata & bytemask);
        end else begin
          mtime <= (mtime & ~bytemask) | (wdata & bytemask);
        end
      end
    end
  end
endmodule
