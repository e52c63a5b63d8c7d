// Physical memory protection check (RISC-V privileged spec 1.12, section 3.7) for one access.
// Combinational. Entries follow pmpcfg/pmpaddr as the CSR file holds them; the lowest-numbered
// matching entry decides. M-mode is checked only against locked entries. An S/U access that
// matches no entry is denied, as the spec says when PMP entries are implemented.
module pmp #(
    parameter int ENTRIES = 8,
    parameter int AW = 54  // pmpaddr's implemented bits: physical address bits AW+1:2 (core.sv)
) (
    /* verilator lint_off UNUSEDSIGNAL */  // pmpcfg bits 6:5 are reserved
    input  logic [ENTRIES*8-1:0]  cfg,    // pmpNcfg bytes: L(7) A(4:3) X(2) W(1) R(0)
    /* verilator lint_on UNUSEDSIGNAL */
    input  logic [ENTRIES*AW-1:0] addr,   // pmpaddrN: physical address bits AW+1:2
    input  logic [ENTRIES*AW-1:0] napot,  // each entry's NAPOT mask (core.sv: napot_mask)
    input  logic [AW+1:2]         pa,     // PMP works on 4-byte granules
    input  logic [1:0]            priv,   // effective privilege of the access
    input  logic [2:0]            access, // {X, W, R}: exactly one set
    output logic                  allow
);
  logic [AW-1:0] word;
  logic        matched;
  assign word = pa;

  // An M-mode access is decided by locked entries only; with none locked (OpenSBI locks none)
  // the search is skipped, which saves the model two 8-entry searches per cycle in M-mode.
  logic any_locked;
  always_comb begin
    any_locked = 1'b0;
    for (int i = 0; i < ENTRIES; i++) any_locked = any_locked || cfg[i*8+7];
  end

  // The block's variables get a value on every path (also when the search is skipped): slang
  // makes a variable that keeps its value on some path into a combinational loop.
  always_comb begin
    /* verilator lint_off UNUSEDSIGNAL */
    logic [7:0]  c;
    /* verilator lint_on UNUSEDSIGNAL */
    logic [AW-1:0] a, lo;
    logic        hit;
    c = '0; a = '0; lo = '0; hit = 1'b0;
    allow   = (priv == 2'd3);
    matched = 1'b0;
    if (priv != 2'd3 || any_locked) begin
      for (int i = 0; i < ENTRIES; i++) begin
        c    = cfg[i*8 +: 8];
        a    = addr[i*AW +: AW];
        lo   = (i == 0) ? '0 : addr[(i-1)*AW +: AW];
        case (c[4:3])
          2'd1:    hit = (word >= lo) && (word < a);          // TOR
          // NA4 is NAPOT with every bit compared: one comparison serves both
          2'd2, 2'd3: hit = ((word ^ a) & (napot[i*AW +: AW] | {AW{!c[3]}})) == '0;
          default: hit = 1'b0;
        endcase
        if (hit && !matched) begin
          matched = 1'b1;
          if (priv != 2'd3 || c[7]) allow = |(c[2:0] & access);
        end
      end
    end
  end
endmodule
