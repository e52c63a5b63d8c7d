// Per-page write firewall of a node's memory (paper section 4.2): one vector per 4 KiB page,
// one bit per hart; a clear bit means that hart may not write the page. The home checks it on
// every request for ownership, every exclusive grant and every writeback, combinationally (with
// SYNC_READ below, in the cycle the home chooses the request), so the check adds no cycle
// (docs/flash.md). Vectors are set through the controller registers,
// one page per cycle (`fill`); when a fill ends, the home sweeps its directory and recalls every
// line owned by a hart that lost its bit, and only then is the change complete.
//
// The vectors live in an on-chip array of PAGES x HARTS bits (4096 x 4 bits at 4x1 with 16 MiB
// nodes): the storage grows with node memory, by HARTS bits per 4 KiB. They power up all ones
// (every hart may write everywhere, as --elf mode needs); a cell's boot ROM narrows them.
// ENABLE = 0 builds the machine without the check (every write permitted, no array, vectors
// read as all ones), so that a benchmark can compare a write miss with and without it; fills
// still take their cycles and sweep, so software runs unchanged.
// SYNC_READ = 1 (the boards, with SHORT_PATHS) registers the reads so that the array is block
// RAM instead of a LUT-RAM copy per read port: every answer (chk_ok, own_ok, swp_ok, vec_rd) is
// then for the pages of the cycle before (chk_line, swp_line, first), which the users present a
// cycle early, judged for the agents of this cycle.
module firewall #(
    parameter bit     ENABLE = 1'b1,
    parameter bit     SYNC_READ = 1'b0,
    parameter int     NODES = 1,
    parameter int     CORES_PER_NODE = 1,
    parameter longint NODE_MEM = 64'h100_0000,
    localparam int    HARTS = NODES * CORES_PER_NODE,
    localparam int    PAGES = 32'(NODE_MEM / 4096),
    localparam int    PW = $clog2(PAGES)
) (
    input  logic                            clk,
    input  logic                            rst,
    // checks: may the hart behind `agent` write the page of `line`?
    /* verilator lint_off UNUSEDSIGNAL */  // only the page bits of a line and the hart of an agent
    input  coh_pkg::line_t                  chk_line,
    input  logic [coh_pkg::AGENT_BITS-1:0]  chk_agent,
    input  logic [coh_pkg::AGENT_BITS-1:0]  own_agent,  // and the line's owner (same page)
    input  coh_pkg::line_t                  swp_line,
    input  logic [coh_pkg::AGENT_BITS-1:0]  swp_agent,
    input  logic [63:0]                     first,      // FW_ADDR: first page to fill or read
    /* verilator lint_on UNUSEDSIGNAL */
    output logic                            chk_ok,
    output logic                            own_ok,
    output logic                            swp_ok,
    // fill: FW_PAGES pages from FW_ADDR get `vec`
    input  logic                            fill,
    input  logic [31:0]                     pages,
    /* verilator lint_off UNUSEDSIGNAL */  // bits of harts the machine does not have
    input  logic [63:0]                     vec,
    /* verilator lint_on UNUSEDSIGNAL */
    output logic [63:0]                     vec_rd,     // the vector of page FW_ADDR
    output logic                            filling,
    output logic                            fill_done   // pulse: the last page was written
);
  logic [PW-1:0]   cur;
  logic [31:0]     left;
  /* verilator lint_off UNUSEDSIGNAL */  // without ENABLE nothing is stored
  logic [HARTS-1:0] fvec;
  /* verilator lint_on UNUSEDSIGNAL */
  assign filling = (left != '0);
  assign fill_done = (left == 32'd1);

  if (ENABLE) begin : g_vec
    logic [HARTS-1:0] v [PAGES];
    initial for (int i = 0; i < PAGES; i++) v[i] = '1;

    /* verilator lint_off UNUSEDSIGNAL */  // the hart of an agent
    function automatic logic hart_bit(input logic [HARTS-1:0] vp, input logic [coh_pkg::AGENT_BITS-1:0] a);
      // agent = 2 x hart (+1 for an I cache)
      hart_bit = |(vp & (HARTS'(1) << a[coh_pkg::AGENT_BITS-1:1]));
    endfunction
    /* verilator lint_on UNUSEDSIGNAL */
    logic [HARTS-1:0] chk_v, swp_v, first_v;  // one read of the request's page serves both of its checks
    if (SYNC_READ) begin : g_rd
      always_ff @(posedge clk) begin
        chk_v <= v[chk_line[12 +: PW]];
        swp_v <= v[swp_line[12 +: PW]];
        first_v <= v[first[12 +: PW]];
      end
    end else begin : g_rd
      assign chk_v = v[chk_line[12 +: PW]];
      assign swp_v = v[swp_line[12 +: PW]];
      assign first_v = v[first[12 +: PW]];
    end
    assign chk_ok = hart_bit(chk_v, chk_agent);
    assign own_ok = hart_bit(chk_v, own_agent);
    assign swp_ok = hart_bit(swp_v, swp_agent);
    assign vec_rd = 64'(first_v);

    always_ff @(posedge clk) if (!rst && filling) v[cur] <= fvec;
  end else begin : g_none
    assign chk_ok = 1'b1;
    assign own_ok = 1'b1;
    assign swp_ok = 1'b1;
    assign vec_rd = 64'({HARTS{1'b1}});
  end

  always_ff @(posedge clk) begin
    if (rst) begin
      left <= '0; cur <= '0; fvec <= '0;
    end else if (fill && !filling) begin
      left <= pages;
      cur <= first[12 +: PW];
      fvec <= vec[HARTS-1:0];
    end else if (filling) begin
      cur <= cur + 1'b1;
      left <= left - 32'd1;
    end
  end
endmodule
