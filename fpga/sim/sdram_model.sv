// Behavioural SDR SDRAM (16-bit, 4 banks) for simulation only: commands sampled at the rising
// edge of the SDRAM clock, data per the mode register (burst length 1, CAS latency 2 or 3),
// write byte masks, and a checker of the protocol and its timing. Every violation prints a
// message and counts in `errors`:
//   initialisation: only NOPs for INIT_US after power-up, then PRECHARGE ALL, at least two
//     AUTO REFRESH and LOAD MODE before the first ACTIVE; a supported mode (BL 1, CL 2/3);
//   ACTIVE on an open bank, READ/WRITE/on a closed bank, PRECHARGE too early (tRAS, tWR),
//   ACTIVE too early (tRP after its precharge, tRC after its last activate, tRFC after a
//   refresh), READ/WRITE before tRCD, REFRESH with a bank open, any command within tRFC of a
//   refresh or tMRD of a mode set;
//   refresh: every gap between two AUTO REFRESH commands must be at most REFI_MAX_NS, so that
//     8192 refreshes fit in 64 ms (the datasheet's average 7.8 us; the check is a bound on the
//     worst gap, stricter than the average);
//   the data bus driven by both sides in the same cycle; CKE low (never used here).
// Simulation-only constructs are fine here: this file is never synthesized.
module sdram_model #(
    parameter int CLK_HZ      = 25_000_000,
    parameter int ROW_BITS    = 13,
    parameter int COL_BITS    = 9,
    parameter int T_RP_NS     = 15,
    parameter int T_RCD_NS    = 15,
    parameter int T_RAS_NS    = 42,
    parameter int T_RC_NS     = 60,
    parameter int T_RFC_NS    = 60,
    parameter int T_WR_CYC    = 2,
    parameter int T_MRD_CYC   = 2,
    parameter int REFI_MAX_NS = 15600,
    parameter int INIT_US     = 100
) (
    input  logic                clk,        // the SDRAM clock
    input  logic                cke,
    input  logic                csn,
    input  logic                rasn,
    input  logic                casn,
    input  logic                wen,
    input  logic [ROW_BITS-1:0] a,
    input  logic [1:0]          ba,
    input  logic [1:0]          dqm,
    input  logic [15:0]         dq_in,      // the controller's drive
    input  logic                dq_in_oe,
    output logic [15:0]         dq_out,
    output logic                dq_out_oe,
    output int                  errors,
    output int                  refreshes,
    output longint              max_refresh_gap,  // cycles
    output int                  activates
);
  function automatic longint cyc(input longint ns);
    cyc = (ns * longint'(CLK_HZ) + 64'd999_999_999) / 64'd1_000_000_000;
  endfunction
  localparam longint C_RP = cyc(longint'(T_RP_NS)), C_RCD = cyc(longint'(T_RCD_NS)), C_RAS = cyc(longint'(T_RAS_NS)),
                     C_RC = cyc(longint'(T_RC_NS)), C_RFC = cyc(longint'(T_RFC_NS)), C_INIT = cyc(longint'(INIT_US) * 1000),
                     C_REFI_MAX = cyc(longint'(REFI_MAX_NS));

  logic [15:0] mem [1 << (ROW_BITS + COL_BITS + 2)];

  longint now;
  longint t_act [4], t_pre [4], t_wr [4], t_ref, t_mrs, t_last_ref;
  logic   open_ [4];
  logic [ROW_BITS-1:0] row_ [4];
  int     cl;
  logic   precharged_all, mode_set;
  int     init_refs;
  // read pipeline: data of a READ appears CL-1 edges later and is held for one cycle
  logic [15:0] rq_data [4];
  logic        rq_valid [4];

  function automatic string cmd_name(input logic [3:0] c);
    case (c)
      4'b0011: cmd_name = "ACTIVE";
      4'b0101: cmd_name = "READ";
      4'b0100: cmd_name = "WRITE";
      4'b0010: cmd_name = "PRECHARGE";
      4'b0001: cmd_name = "REFRESH";
      4'b0000: cmd_name = "LOAD MODE";
      default: cmd_name = "NOP";
    endcase
  endfunction

  task automatic violation(input string what);
    $display("sdram_model: cycle %0d: %s", now, what);
    errors = errors + 1;
  endtask

  initial begin
    now = 0; errors = 0; refreshes = 0; max_refresh_gap = 0; activates = 0;
    cl = 0; precharged_all = 1'b0; mode_set = 1'b0; init_refs = 0;
    t_ref = -1000; t_mrs = -1000; t_last_ref = -1;
    for (int b = 0; b < 4; b++) begin
      t_act[b] = -1000; t_pre[b] = -1000; t_wr[b] = -1000; open_[b] = 1'b0; row_[b] = '0;
    end
    for (int i = 0; i < 4; i++) begin rq_valid[i] = 1'b0; rq_data[i] = '0; end
    dq_out = '0; dq_out_oe = 1'b0;
  end

  always @(posedge clk) begin
    logic [3:0] c;
    int b;
    logic [ROW_BITS+COL_BITS+1:0] addr;
    c = {csn, rasn, casn, wen};
    b = int'(ba);
    now = now + 1;

    // data output: shift the read pipeline
    dq_out_oe = rq_valid[0];
    dq_out = rq_data[0];
    for (int i = 0; i < 3; i++) begin rq_valid[i] = rq_valid[i + 1]; rq_data[i] = rq_data[i + 1]; end
    rq_valid[3] = 1'b0;

    if (dq_in_oe && dq_out_oe) violation("data bus driven by controller and SDRAM");
    if (!cke) violation("CKE low");

    if (c != 4'b0111 && !csn) begin
      if (now < C_INIT) violation($sformatf("%s during the power-up wait", cmd_name(c)));
      if (now - t_ref < C_RFC) violation($sformatf("%s within tRFC of a refresh", cmd_name(c)));
      if (now - t_mrs < longint'(T_MRD_CYC)) violation($sformatf("%s within tMRD of a mode set", cmd_name(c)));
      if (!mode_set && c != 4'b0010 && c != 4'b0001 && c != 4'b0000)
        violation($sformatf("%s before initialisation", cmd_name(c)));
      case (c)
        4'b0011: begin  // ACTIVE
          activates = activates + 1;
          if (open_[b]) violation($sformatf("ACTIVE on open bank %0d", b));
          if (now - t_pre[b] < C_RP) violation($sformatf("ACTIVE bank %0d: tRP", b));
          if (now - t_act[b] < C_RC) violation($sformatf("ACTIVE bank %0d: tRC", b));
          open_[b] = 1'b1; row_[b] = a; t_act[b] = now;
        end
        4'b0101, 4'b0100: begin  // READ, WRITE
          if (!open_[b]) violation($sformatf("%s on closed bank %0d", cmd_name(c), b));
          if (now - t_act[b] < C_RCD) violation($sformatf("%s bank %0d: tRCD", cmd_name(c), b));
          if (a[10]) violation("auto precharge not expected");
          addr = {row_[b], 2'(b), a[COL_BITS-1:0]};
          if (c == 4'b0100) begin
            if (!dq_in_oe) violation("WRITE without data driven");
            if (!dqm[0]) mem[addr][7:0] = dq_in[7:0];
            if (!dqm[1]) mem[addr][15:8] = dq_in[15:8];
            t_wr[b] = now;
          end else begin
            // with this pipeline, index cl-2 is driven at the next edge + (cl - 2)
            rq_valid[cl - 2] = 1'b1;
            rq_data[cl - 2] = mem[addr];
          end
        end
        4'b0010: begin  // PRECHARGE (A10: all banks)
          for (int i = 0; i < 4; i++)
            if ((a[10] || i == b) && open_[i]) begin
              if (now - t_act[i] < C_RAS) violation($sformatf("PRECHARGE bank %0d: tRAS", i));
              if (now - t_wr[i] <= longint'(T_WR_CYC) - 1) violation($sformatf("PRECHARGE bank %0d: tWR", i));
              open_[i] = 1'b0; t_pre[i] = now;
            end else if (a[10] || i == b) t_pre[i] = now;
          if (a[10] && !mode_set) precharged_all = 1'b1;
        end
        4'b0001: begin  // AUTO REFRESH
          for (int i = 0; i < 4; i++) begin
            if (open_[i]) violation($sformatf("REFRESH with bank %0d open", i));
            if (now - t_pre[i] < C_RP) violation($sformatf("REFRESH: tRP of bank %0d", i));
          end
          if (!precharged_all) violation("REFRESH before PRECHARGE ALL at initialisation");
          if (mode_set) begin
            refreshes = refreshes + 1;
            if (t_last_ref >= 0 && now - t_last_ref > max_refresh_gap) max_refresh_gap = now - t_last_ref;
            if (t_last_ref >= 0 && now - t_last_ref > C_REFI_MAX)
              violation($sformatf("refresh gap %0d cycles > %0d", now - t_last_ref, C_REFI_MAX));
            t_last_ref = now;
          end else init_refs = init_refs + 1;
          t_ref = now;
        end
        4'b0000: begin  // LOAD MODE
          for (int i = 0; i < 4; i++) if (open_[i]) violation("LOAD MODE with a bank open");
          if (init_refs < 2) violation("LOAD MODE after fewer than 2 refreshes");
          if (a[2:0] != 3'b000) violation("burst length other than 1");
          if (a[3]) violation("interleaved burst");
          if (a[6:4] != 3'd2 && a[6:4] != 3'd3) violation("CAS latency other than 2 or 3");
          cl = int'(a[6:4]);
          mode_set = 1'b1;
          t_mrs = now;
          t_last_ref = now;  // refresh duty starts here
        end
        default: ;
      endcase
    end
    // the refresh duty: a gap that is still open counts too
    if (mode_set && now - t_last_ref > C_REFI_MAX + 1 && (now - t_last_ref) % C_REFI_MAX == 2)
      violation("no refresh for too long");
  end
endmodule
