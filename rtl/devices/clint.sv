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
  logic [63:0] mtimecmp [HARTS], mtimecmp_n [HARTS], mtime_n;
  logic [$clog2(hive_pkg::MTIME_DIV)-1:0] div;
  logic [63:0] bytemask;
  logic        wr, tick;  // a write to a CLINT register; mtime advances
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
    wr = req && we && !err;
    tick = div == $bits(div)'(hive_pkg::MTIME_DIV - 1);
  end

  // The timers' next values. mtip is a register loaded with their compare: in every cycle the
  // same bit as the compare of the present values, without a 64-bit compare in front of the
  // cores' interrupt logic (the boards' critical path).
  always_comb begin
    mtime_n = mtime + (tick ? 64'd1 : 64'd0);
    if (wr && addr >= 16'(hive_pkg::CLINT_MTIME)) mtime_n = (mtime & ~bytemask) | (wdata & bytemask);
    for (int i = 0; i < HARTS; i++) begin
      mtimecmp_n[i] = mtimecmp[i];
      if (wr && addr >= 16'(hive_pkg::CLINT_MTIMECMP) && addr < 16'(hive_pkg::CLINT_MTIME) && h == i)
        mtimecmp_n[i] = (mtimecmp[i] & ~bytemask) | (wdata & bytemask);
    end
  end

  always_ff @(posedge clk) begin
    if (rst) begin
      msip  <= '0;
      mtip  <= '0;
      mtime <= '0;
      div   <= '0;
      for (int i = 0; i < HARTS; i++) mtimecmp[i] <= '1;
    end else begin
      div <= tick ? '0 : div + 1'b1;
      mtime <= mtime_n;
      for (int i = 0; i < HARTS; i++) begin
        mtimecmp[i] <= mtimecmp_n[i];
        mtip[i] <= mtime_n >= mtimecmp_n[i];
      end
      if (wr && addr < 16'(hive_pkg::CLINT_MTIMECMP)) begin
        if (wstrb[0]) msip[h] <= wdata[0];
        if (wstrb[4] && h + 1 < HARTS) msip[(h + 1) % HARTS] <= wdata[32];
      end
    end
  end
endmodule
