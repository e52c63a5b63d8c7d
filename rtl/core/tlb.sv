// Fully associative Sv39 TLB with round-robin refill. Lookup is combinational; permission
// checks happen at lookup time, so one entry serves every privilege and mstatus setting. The
// walker refuses PTEs with A clear and the lookup refuses stores to pages with D clear: software
// keeps A/D set (the spec allows raising page faults instead of updating them in hardware).
module tlb #(
    parameter int ENTRIES = 8,
    // physical address bits an entry keeps (56: all). Fewer (the boards: those the SoC decodes)
    // keep of the bits above only whether one is set, which comes out as bit 55 of `pa`: an
    // address that route_kind (core.sv) makes an access fault, as the full one would be
    parameter int PA_BITS = 56,
    localparam int PW = PA_BITS - 12  // PPN bits kept
) (
    input  logic        clk,
    input  logic        rst,
    input  logic        flush,
    // lookup
    input  logic [38:0] va,
    input  logic [1:0]  priv,      // effective privilege (S or U; M never translates)
    /* verilator lint_off UNUSEDSIGNAL */  // R is what remains when X and W are clear
    input  logic [2:0]  access,    // {X, W, R}
    /* verilator lint_on UNUSEDSIGNAL */
    input  logic        sum,
    input  logic        mxr,
    output logic        hit,
    output logic        fault,     // hit, but the access is not permitted: page fault
    output logic [55:0] pa,
    // refill from the page-table walker
    input  logic        fill,
    input  logic [26:0] fill_vpn,
    input  logic [43:0] fill_ppn,
    input  logic [1:0]  fill_level, // 0: 4 KiB, 1: 2 MiB, 2: 1 GiB
    input  logic [7:0]  fill_flags  // PTE bits D A G U X W R V
);
  logic [ENTRIES-1:0] valid;
  logic [26:0]        vpn   [ENTRIES];
  logic [PW-1:0]      ppn   [ENTRIES];
  logic [ENTRIES-1:0] far;           // the PPN has a bit set above the PW kept
  logic [1:0]         level [ENTRIES];
  logic [7:0]         flags [ENTRIES];
  logic [$clog2(ENTRIES)-1:0] next;
  logic               fill_far;
  if (PW < 44) begin : g_far
    assign fill_far = fill_ppn[43:PW] != '0;
  end else begin : g_far
    assign fill_far = 1'b0;
  end

  always_comb begin
    /* verilator lint_off UNUSEDSIGNAL */  // G and V do not matter once an entry is valid
    logic [7:0] f;
    /* verilator lint_on UNUSEDSIGNAL */
    hit   = 1'b0;
    fault = 1'b0;
    // the page offset is the virtual one whether or not an entry hits, so that a cache index
    // within it (the boards' 16-line L1s: bits 9:6) does not wait for the lookup
    pa    = {44'd0, va[11:0]};
    f     = '0;
    for (int i = 0; i < ENTRIES; i++) begin
      logic [26:0] m;
      m = (level[i] == 2'd2) ? 27'h7fc0000 : (level[i] == 2'd1) ? 27'h7fffe00 : 27'h7ffffff;
      if (valid[i] && ((va[38:12] ^ vpn[i]) & m) == 27'd0) begin
        hit = 1'b1;
        f   = flags[i];
        pa[55:12] = {far[i], 43'd0} | 44'(ppn[i]) | {17'd0, va[38:12] & ~m};
      end
    end
    if (hit) begin
      if (access[2]) fault = !f[3] || (f[4] != (priv == 2'd0));
      else begin
        fault = (f[4] && priv == 2'd1 && !sum) || (!f[4] && priv == 2'd0);
        if (access[1]) fault = fault || !f[2] || !f[7];
        else fault = fault || !(f[1] || (mxr && f[3]));
      end
    end
  end

  always_ff @(posedge clk) begin
    if (rst || flush) begin
      valid <= '0;
    end else if (fill) begin
      valid[next] <= 1'b1;
      vpn[next]   <= fill_vpn;
      ppn[next]   <= fill_ppn[PW-1:0];
      far[next]   <= fill_far;
      level[next] <= fill_level;
      flags[next] <= fill_flags;
    end
    if (rst) next <= '0;
    else if (fill) next <= next + 1'b1;
  end
endmodule
