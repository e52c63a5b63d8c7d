// RV64IMAC + Zicsr + Zifencei hart with M/S/U modes, Sv39 and PMP.
//
// Two stages: the instruction register (IR) holds the next instruction to execute; each cycle
// the execute logic runs it against the register file, the CSRs and the combinational L1 hit
// paths, and, when it completes without changing privilege or translation, fetches the
// following instruction from the L1 I in the same cycle. Anything slower (cache misses, device
// accesses, page walks, the divider, instructions that cross a cache line) stalls the IR and
// finishes in later cycles. Traps are precise: an instruction either completes or leaves no
// trace. Physical addresses go through the remap window before they reach a cache, so caches
// see only global addresses (DESIGN.md section 2).
//
// SHORT_PATHS cuts the longest combinational paths at the cost of cycles, for the FPGA boards
// (docs/fpga.md): the next instruction is fetched in the cycle after one completes, and a load,
// store or AMO spends a first cycle on its address, translation and PMP check, held in ma_*,
// and asks the cache or the device port from those registers in the next; the page walker
// checks each PTE in the cycle after the cache returns it.
module core #(
    parameter int     NODES = 1,
    parameter longint NODE_MEM = 64'h100_0000,
    parameter int     PMP_ENTRIES = 8,
    parameter bit     HARNESS_PORTS = 1'b1,  // 0: stat_imiss, stat_dmiss, stat_stall stay 0
    parameter int     TLB_ENTRIES = 8,
    parameter int     HPM_COUNTERS = 4,      // mhpmcounter3.. that count events (at most 4; 0: none)
    parameter bit     SHORT_PATHS = 1'b0
) (
    input  logic         clk,
    input  logic         rst,
    input  logic         halt,           // fault-control: the core stops where it is
    input  logic [63:0]  hartid,
    input  logic [63:0]  remap_target,   // node shown by the remap window
    // L1 I: combinational hit, refill on miss inside the cache
    output logic         ic_req,
    output logic [63:6]  ic_addr,        // the line being fetched
    input  logic         ic_hit,         // the line at ic_addr is there (asked or not)
    input  logic         ic_err,         // the line's request ended in a bus error
    input  logic [511:0] ic_line,
    output logic         ic_flush,
    // L1 D: combinational hit path, refill/AMO inside the cache
    output logic         dc_req,
    output logic [2:0]   dc_op,          // 0 load, 1 store, 2 LR, 3 SC, 4 AMO
    output logic [63:0]  dc_addr,
    output logic [1:0]   dc_size,
    output logic [63:0]  dc_wdata,
    output logic [4:0]   dc_amo,         // funct5 of the AMO
    input  logic         dc_done,
    input  logic         dc_err,         // with dc_done: a bus error instead
    input  logic [63:0]  dc_rdata,       // loaded value, right-aligned, not yet extended
    output logic         dc_flush,       // write back every dirty line (fence.i)
    input  logic         dc_flush_done,
    // uncached device port
    output logic         io_req,
    output logic         io_we,
    output logic [63:0]  io_addr,
    output logic [63:0]  io_wdata,       // byte lanes of the aligned doubleword
    output logic [7:0]   io_wstrb,
    input  logic         io_ack,
    input  logic         io_err,
    input  logic [63:0]  io_rdata,       // the aligned doubleword
    // interrupts and time
    input  logic         msip,
    input  logic         mtip,
    input  logic         meip,
    input  logic         seip,
    input  logic [63:0]  mtime,
    // events counted by the hpm counters
    input  logic         ev_imiss,
    input  logic         ev_dmiss,
    // observation
    output logic         retire_valid,
    output logic [63:0]  retire_pc,
    output logic [63:0]  stat_instret,
    output logic [63:0]  stat_imiss,
    output logic [63:0]  stat_dmiss,
    output logic [63:0]  stat_stall
);
  localparam logic [1:0] PRIV_U = 2'd0, PRIV_S = 2'd1, PRIV_M = 2'd3;
  localparam logic [2:0] DC_LOAD = 3'd0, DC_STORE = 3'd1, DC_LR = 3'd2, DC_SC = 3'd3, DC_AMO = 3'd4;
  // mhpmcounter3..3+HPM_COUNTERS-1 count events, the others read as zero; the arrays keep one
  // counter when there are none, never written nor read (hpm_ok), so synthesis drops it
  localparam int HPM = (HPM_COUNTERS > 0) ? HPM_COUNTERS : 1;
  localparam bit FETCH_AHEAD = !SHORT_PATHS;
  // Physical address bits the PMP and the TLBs keep: all 56 in the simulator's model; with
  // SHORT_PATHS those of the addresses the SoC decodes (hive_pkg::ADDR_BITS, 33), so that the
  // PMP checkers compare 31 bits, not 54, on the fetch's and the address cycle's paths, and a
  // TLB entry holds a PPN of 21 bits. An access above them is an access fault whatever the PMP
  // says (route_kind: R_ERR), the same exception as a PMP denial; a TLB keeps of those bits only
  // that one is set (tlb.sv).
  localparam int PA_BITS = SHORT_PATHS ? 32'(hive_pkg::ADDR_BITS) : 56;
  localparam int PMP_AW = PA_BITS - 2;  // pmpaddr's implemented bits (WARL; the rest read 0)

  typedef enum logic [2:0] {S_RUN, S_PTW, S_WFI, S_FENCEI} state_e;

  // ---------------------------------------------------------------- architectural state
  state_e      state;
  logic [63:0] pc;
  logic [1:0]  priv;
  // The register file has no reset, so that it is a memory (LUT RAM, a copy per read port)
  // and not 2048 flip-flops behind a 32-way multiplexer per read port; a bit per register says
  // it was written since reset, and a register that was not reads as the zero a reset gave it.
  // With SHORT_PATHS it is block RAM, read as an instruction enters the IR (below).
  (* ram_style = SHORT_PATHS ? "block" : "auto", no_rw_check *) logic [63:0] x [32];
  logic [31:0] x_set;
  logic [31:0] ir;
  logic        ir_c, ir_valid, ir_fault;
  logic [3:0]  ir_fcause;
  logic [63:0] ir_ftval;
  logic        fhalf_valid;      // low half of a 32-bit instruction that crosses a line/word
  logic [15:0] fhalf;
  logic [63:1] fhalf_va;         // the second half's address, fa + 2 (fa does not change meanwhile:
                                 // no instruction is in the IR), added when the first half is kept
  logic        io_fetch_valid;   // io_fetch_word holds the doubleword at io_fetch_pa
  logic        io_fetch_req;     // that doubleword is being read from the device port
  logic [63:0] io_fetch_word, io_fetch_pa, io_fetch_va;

  // CSRs
  logic        st_sie, st_mie, st_spie, st_mpie, st_spp, st_mprv, st_sum, st_mxr, st_tvm, st_tw, st_tsr;
  logic [1:0]  st_mpp;
  logic [63:0] medeleg, mideleg, mie, mtvec, stvec, mscratch, sscratch, mepc, sepc, mcause, scause;
  logic [63:0] mtval, stval, satp, mcycle, minstret;
  logic        mip_ssip, mip_stip, mip_seip;
  logic [31:0] mcounteren, scounteren, mcountinhibit;
  // Flat vectors, not unpacked arrays: Verilator gives each write site of an unpacked array its
  // own delayed value and flag, cleared and tested in every cycle (about 150 for these two); a
  // vector gets one shadow copy. Counter i is bits [64*i +: 64], its event [8*i +: 8].
  logic [HPM*64-1:0] hpm_cnt;
  logic [HPM*8-1:0]  hpm_evt;
  logic [PMP_ENTRIES*8-1:0]  pmpcfg;
  logic [PMP_ENTRIES*PMP_AW-1:0] pmpaddr;
  logic [PMP_ENTRIES*PMP_AW-1:0] pmpnapot;  // napot_mask of each pmpaddr, written with it

  logic [15:0] ir_raw_c;  // the compressed encoding of the IR, for mtval on illegal instructions
  logic        ptw_req;
  logic [63:0] ptw_va, ptw_ga, walk_va;
  logic [55:0] ptw_pa;
  logic [1:0]  ptw_level;
  /* verilator lint_off UNUSEDSIGNAL */
  logic [2:0]  ptw_acc;           // {X, W, R} of the walk's access: X alone for a fetch's
  /* verilator lint_on UNUSEDSIGNAL */
  logic        md_started, md_have, pf_pending;  // md_have: the result waits in md_result
  // A device access once asked is not given up for an interrupt: the device may have acted
  // (a read that pops a queue) and its answer is the instruction's.
  logic        io_busy;
  logic [3:0]  pf_cause;
  logic [63:0] pf_tval;

  // ---------------------------------------------------------------- helpers
  function automatic logic [63:0] sext32(input logic [31:0] v);
    sext32 = {{32{v[31]}}, v};
  endfunction

  function automatic logic [63:0] reverse64(input logic [63:0] v);
    for (int i = 0; i < 64; i++) reverse64[i] = v[63 - i];
  endfunction

  // Where a physical address goes after the remap window: memory (a global address), the
  // device port, or nowhere (access fault). The remap window and the nodes' global windows have
  // one size, a power of two, at aligned bases (tools/gen_regs.py checks): whether an address
  // lies in one, and where, are its bit fields, not compares and subtractions of whole addresses
  // (carry chains on the boards, three times: fetch, data, page walk).
  localparam logic [1:0] R_MEM = 2'd0, R_IO = 2'd1, R_ERR = 2'd2;
  localparam int WB = $clog2(hive_pkg::GLOBAL_SIZE);  // bits of an offset in a window
  localparam logic [63-WB:0] W_REMAP = hive_pkg::REMAP_BASE[63:WB], W_GLOBAL = hive_pkg::GLOBAL_BASE[63:WB];
  localparam int GB = $clog2(hive_pkg::GLOBAL_BASE);  // the devices lie below the global windows
  function automatic logic [1:0] route_kind(input logic [55:0] pa);
    logic [63-WB:0] w;
    logic           in_mem;
    w = (64-WB)'(pa >> WB);
    in_mem = 64'(pa[WB-1:0]) < 64'(NODE_MEM);
    if (w == W_REMAP || (w >= W_GLOBAL && w < W_GLOBAL + (64-WB)'(NODES))) route_kind = in_mem ? R_MEM : R_ERR;
    else if (pa[55:GB] == '0) route_kind = R_IO;
    else route_kind = R_ERR;
  endfunction
  /* verilator lint_off UNUSEDSIGNAL */  // a target's high bits: it is a node number (< NODES)
  function automatic logic [63:0] route_addr(input logic [55:0] pa, input logic [63:0] target);
  /* verilator lint_on UNUSEDSIGNAL */
    if ((64-WB)'(pa >> WB) == W_REMAP) route_addr = {(64-WB)'(target) + W_GLOBAL, pa[WB-1:0]};
    else route_addr = {8'd0, pa};
  endfunction

  // ---------------------------------------------------------------- translation and PMP
  logic [1:0]  dpriv;     // effective privilege of loads and stores (MPRV)
  logic        ftrans, dtrans;
  assign dpriv  = (st_mprv && priv == PRIV_M) ? st_mpp : priv;
  assign ftrans = (priv != PRIV_M) && satp[63:60] == 4'd8;
  assign dtrans = (dpriv != PRIV_M) && satp[63:60] == 4'd8;

  logic        tlb_flush;
  logic        ptw_found, ptw_fill_i, ptw_fill_d;  // found: the walk ends in a good leaf
  logic [26:0] ptw_fill_vpn;
  logic [43:0] ptw_fill_ppn;
  logic [1:0]  ptw_fill_level;
  logic [7:0]  ptw_fill_flags;

  logic [63:0] fa;                  // virtual address being fetched this cycle
  logic [63:0] f_cur;               // the half of it being fetched (fa + 2 for a second half)
  logic        it_hit, it_fault;
  logic [55:0] it_pa;
  tlb #(.ENTRIES(TLB_ENTRIES), .PA_BITS(PA_BITS)) itlb (
      .clk, .rst, .flush(tlb_flush), .va(f_cur[38:0]), .priv, .access(3'b100), .sum(st_sum),
      .mxr(st_mxr), .hit(it_hit), .fault(it_fault), .pa(it_pa), .fill(ptw_fill_i),
      .fill_vpn(ptw_fill_vpn), .fill_ppn(ptw_fill_ppn), .fill_level(ptw_fill_level),
      .fill_flags(ptw_fill_flags));

  logic [63:0] mva;                 // virtual address of this instruction's memory access
  logic [2:0]  macc;                // {X, W, R} of that access
  logic        dt_hit, dt_fault;
  logic [55:0] dt_pa;
  tlb #(.ENTRIES(TLB_ENTRIES), .PA_BITS(PA_BITS)) dtlb (
      .clk, .rst, .flush(tlb_flush), .va(mva[38:0]), .priv(dpriv), .access(macc), .sum(st_sum),
      .mxr(st_mxr), .hit(dt_hit), .fault(dt_fault), .pa(dt_pa), .fill(ptw_fill_d),
      .fill_vpn(ptw_fill_vpn), .fill_ppn(ptw_fill_ppn), .fill_level(ptw_fill_level),
      .fill_flags(ptw_fill_flags));

  logic [55:0] f_pa, m_pa;
  logic        f_pmp_ok, m_pmp_ok;
  pmp #(.ENTRIES(PMP_ENTRIES), .AW(PMP_AW)) fpmp (
      .cfg(pmpcfg), .addr(pmpaddr), .napot(pmpnapot), .pa(f_pa[PMP_AW+1:2]), .priv, .access(3'b100), .allow(f_pmp_ok));
  pmp #(.ENTRIES(PMP_ENTRIES), .AW(PMP_AW)) dpmp (
      .cfg(pmpcfg), .addr(pmpaddr), .napot(pmpnapot), .pa(m_pa[PMP_AW+1:2]), .priv(dpriv), .access(macc), .allow(m_pmp_ok));

  function automatic logic amo_ok(input logic [4:0] f5);  // LR SC SWAP ADD XOR AND OR MIN MAX MINU MAXU
    case (f5)
      5'b00010, 5'b00011, 5'b00001, 5'b00000, 5'b00100, 5'b01100, 5'b01000, 5'b10000, 5'b10100,
      5'b11000, 5'b11100: amo_ok = 1'b1;
      default: amo_ok = 1'b0;
    endcase
  endfunction

  function automatic logic va_ok(input logic [63:38] va);  // Sv39: bits 63:39 copy bit 38
    va_ok = (va == '0) || (va == '1);
  endfunction

  // ---------------------------------------------------------------- fetch
  // Produces the instruction at `fa` (or a fault) when it can in this cycle: f_ready. The
  // checks that decide where the bytes come from are kept apart from the blocks that read the
  // cache, so that no always block both drives a cache request and reads its answer.
  localparam logic [1:0] F_FAULT = 2'd0, F_PTW = 2'd1, F_MEM = 2'd2, F_IO = 2'd3;
  logic        f_ready, f_fault, f_need_ptw, f_need_io, f_take_half;
  logic        ahead, ir_load;   // (next fetch, below)
  logic [3:0]  f_cause;
  logic [31:0] f_raw;
  logic [15:0] f_h0;
  logic        f_is_c;
  logic [1:0]  f_src;

  // (the +2 is a register's: a carry chain before the I-TLB began the boards' critical path)
  assign f_cur = fhalf_valid ? {fhalf_va, 1'b0} : fa;
  assign f_pa = ftrans ? it_pa : f_cur[55:0];
  logic [63:1] f_ga;               // global address of the fetch (even)
  assign f_ga = 63'(route_addr(f_pa, remap_target) >> 1);
  assign ic_addr = f_ga[63:6];

  always_comb begin
    f_src = F_FAULT;
    f_cause = 4'd1;
    if (ftrans && !va_ok(f_cur[63:38])) f_cause = 4'd12;
    else if (ftrans && !it_hit) f_src = F_PTW;
    else if (ftrans && it_fault) f_cause = 4'd12;
    else if ((ftrans || f_cur[63:56] == 8'd0) && f_pmp_ok) begin
      case (route_kind(f_pa))
        R_MEM: f_src = F_MEM;
        R_IO:  f_src = F_IO;
        default: ;
      endcase
    end
  end
  assign ic_req = (state == S_RUN) && f_src == F_MEM;
  assign f_need_ptw = f_src == F_PTW;
  assign f_need_io = f_src == F_IO && !(io_fetch_valid && io_fetch_pa[55:3] == f_pa[55:3]);

  // An instruction's halfwords are read by halfword number (PCs are even): a 32-way choice per
  // bit, where a byte offset made the choice 64-way (and a shift of the whole line would cost
  // the model a copy and a 512-bit shift, twice a cycle). The second halfword is used only when
  // the line or word holds it (`fits`), so it wraps around at the end.
  // The instruction is assembled from the bytes whether or not they may be used: the I-TLB's
  // permissions, the PMP and the cache's tag decide only f_ready, in parallel, so that none of
  // them lies before the RVC expansion on the way into the IR (the boards' critical path). The
  // bytes come from the I cache unless the address is a device's (the boot ROM's).
  logic f_mem;
  assign f_mem = route_kind(f_pa) != R_IO;

  always_comb begin
    logic [4:0]   hw;    // the halfword number of the instruction's first halfword (PCs are even)
    logic         fits;  // the instruction's second halfword is in the line (or word) too
    logic [15:0]  h1;
    logic         have_src;
    if (f_mem) begin
      hw   = f_ga[5:1];
      f_h0 = ic_line[{hw, 4'd0} +: 16];
      h1   = ic_line[{hw + 5'd1, 4'd0} +: 16];
    end else begin
      hw   = {3'd0, f_pa[2:1]};
      f_h0 = io_fetch_word[{hw[1:0], 4'd0} +: 16];
      h1   = io_fetch_word[{hw[1:0] + 2'd1, 4'd0} +: 16];
    end
    // its first is not the last halfword: a compare of halfword numbers, not a subtraction (a
    // carry chain on the fetch path, the boards' critical path)
    fits = f_mem ? hw != 5'h1f : hw[1:0] != 2'h3;
    f_is_c = !fhalf_valid && f_h0[1:0] != 2'b11;
    f_raw = fhalf_valid ? {f_h0, fhalf} : f_is_c ? {16'd0, f_h0} : {h1, f_h0};
    have_src = (f_src == F_MEM) ? ic_hit : (f_src == F_IO) && !f_need_io;
    f_fault = (f_src == F_FAULT) || (f_src == F_MEM && ic_err);
    f_ready = f_fault || (have_src && (fhalf_valid || f_is_c || fits));
    f_take_half = have_src && !fhalf_valid && !f_is_c && !fits;
  end

  logic [31:0] f_exp, f_ir;
  logic        f_c_illegal;
  rvc_expand rvc (.c(f_raw[15:0]), .instr(f_exp), .illegal(f_c_illegal));
  assign f_ir = f_is_c ? f_exp : f_raw;

  // ---------------------------------------------------------------- decode
  logic [6:0]  opc;
  logic [4:0]  rd, rs1, rs2;
  logic [2:0]  f3;
  logic [6:0]  f7;
  logic [63:0] rv1, rv2, imm_i, imm_s, imm_b, imm_u, imm_j, pc_inc;
  assign opc = ir[6:0];
  assign rd  = ir[11:7];
  assign f3  = ir[14:12];
  assign rs1 = ir[19:15];
  assign rs2 = ir[24:20];
  assign f7  = ir[31:25];
  // the registers the IR names: read at once, or with SHORT_PATHS when the instruction enters
  // the IR (a registered read: block RAM on the boards). No instruction completes, so none
  // writes a register, in a cycle that fills the IR: the next is fetched a cycle later.
  logic [63:0] xr1, xr2;
  if (SHORT_PATHS) begin : g_xr
    always_ff @(posedge clk)
      if (ir_load) begin xr1 <= x[f_ir[19:15]]; xr2 <= x[f_ir[24:20]]; end
  end else begin : g_xr
    assign xr1 = x[rs1];
    assign xr2 = x[rs2];
  end
  assign rv1 = (rs1 == 5'd0 || !x_set[rs1]) ? 64'd0 : xr1;
  assign rv2 = (rs2 == 5'd0 || !x_set[rs2]) ? 64'd0 : xr2;
  assign imm_i = {{52{ir[31]}}, ir[31:20]};
  assign imm_s = {{52{ir[31]}}, ir[31:25], ir[11:7]};
  assign imm_b = {{51{ir[31]}}, ir[31], ir[7], ir[30:25], ir[11:8], 1'b0};
  assign imm_u = {{32{ir[31]}}, ir[31:12], 12'd0};
  assign imm_j = {{43{ir[31]}}, ir[31], ir[19:12], ir[20], ir[30:21], 1'b0};
  assign pc_inc = pc + (ir_c ? 64'd2 : 64'd4);

  // ---------------------------------------------------------------- CSR read
  logic [63:0] mstatus_v, sstatus_v, mip_v, csr_rdata;
  logic        csr_exists, csr_counter_ok;
  logic [11:0] csr_a;
  logic [1:0]  hpm_i;     // which implemented hpm counter/event csr_a names, when hpm_ok
  logic        hpm_ok;
  assign csr_a = ir[31:20];
  assign hpm_ok = 32'(csr_a[4:0]) >= 3 && 32'(csr_a[4:0]) < 3 + HPM_COUNTERS;
  assign hpm_i = 2'(csr_a[4:0] - 5'd3);
  assign mstatus_v = {28'd0, 2'd2, 2'd2, 9'd0, st_tsr, st_tw, st_tvm, st_mxr, st_sum, st_mprv, 4'd0,
                      st_mpp, 2'd0, st_spp, st_mpie, 1'b0, st_spie, 1'b0, st_mie, 1'b0, st_sie, 1'b0};
  assign sstatus_v = mstatus_v & 64'h8000_0003_000d_e762;
  assign mip_v = {52'd0, meip, 1'b0, mip_seip | seip, 1'b0, mtip, 1'b0, mip_stip, 1'b0, msip, 1'b0,
                  mip_ssip, 1'b0};

  always_comb begin
    logic [4:0] ci;
    csr_rdata = '0;
    csr_exists = 1'b1;
    ci = csr_a[4:0];
    // cycle/time/instret/hpmcounterN from S or U need the mcounteren (and scounteren) bit
    csr_counter_ok = (priv == PRIV_M) || (mcounteren[ci] && (priv == PRIV_S || scounteren[ci]));
    casez (csr_a)
      12'h100: csr_rdata = sstatus_v;
      12'h104: csr_rdata = mie & mideleg;
      12'h105: csr_rdata = stvec;
      12'h106: csr_rdata = {32'd0, scounteren};
      12'h140: csr_rdata = sscratch;
      12'h141: csr_rdata = sepc;
      12'h142: csr_rdata = scause;
      12'h143: csr_rdata = stval;
      12'h144: csr_rdata = mip_v & mideleg;
      12'h180: csr_rdata = satp;
      12'h300: csr_rdata = mstatus_v;
      12'h301: csr_rdata = 64'h8000_0000_0014_1105;  // RV64 A C I M S U
      12'h302: csr_rdata = medeleg;
      12'h303: csr_rdata = mideleg;
      12'h304: csr_rdata = mie;
      12'h305: csr_rdata = mtvec;
      12'h306: csr_rdata = {32'd0, mcounteren};
      12'h320: csr_rdata = {32'd0, mcountinhibit};
      12'h340: csr_rdata = mscratch;
      12'h341: csr_rdata = mepc;
      12'h342: csr_rdata = mcause;
      12'h343: csr_rdata = mtval;
      12'h344: csr_rdata = mip_v;
      12'b0011_1010_????: begin  // pmpcfg0..15: only even ones exist on RV64
        if (ci[0]) csr_exists = 1'b0;
        else if (ci[3:0] == 4'd0) csr_rdata = 64'(pmpcfg);
      end
      12'hb00, 12'hc00: csr_rdata = mcycle;
      12'hb02, 12'hc02: csr_rdata = minstret;
      12'hc01: csr_rdata = mtime;
      12'hf11, 12'hf12, 12'hf13: csr_rdata = 64'd0;
      12'hf14: csr_rdata = hartid;
      default: begin
        if ((csr_a >= 12'hb03 && csr_a <= 12'hb1f) || (csr_a >= 12'hc03 && csr_a <= 12'hc1f)) begin
          if (hpm_ok) csr_rdata = hpm_cnt[64*hpm_i +: 64];  // mhpmcounterN, hpmcounterN
        end else if (csr_a >= 12'h323 && csr_a <= 12'h33f) begin  // mhpmevent3..31
          if (hpm_ok) csr_rdata = {56'd0, hpm_evt[8*hpm_i +: 8]};
        end else if (csr_a >= 12'h3b0 && csr_a <= 12'h3ef) begin  // pmpaddr0..63
          for (int j = 0; j < PMP_ENTRIES; j++)  // a compare per entry, not a multiply-and-shift
            if (32'(csr_a) - 'h3b0 == j) csr_rdata = 64'(pmpaddr[j*PMP_AW +: PMP_AW]);
        end else csr_exists = 1'b0;
      end
    endcase
    if (csr_a == 12'hb01) csr_exists = 1'b0;  // there is no mtime CSR
    if (csr_a[11:8] == 4'hc && !csr_counter_ok) csr_exists = 1'b0;
  end

  // ---------------------------------------------------------------- interrupts
  logic [63:0] pend_m, pend_s;
  logic        irq;
  logic [3:0]  irq_code;
  assign pend_m = mip_v & mie & ~mideleg & ((priv != PRIV_M || st_mie) ? 64'hfff : 64'd0);
  assign pend_s = mip_v & mie & mideleg &
                  ((priv == PRIV_U || (priv == PRIV_S && st_sie)) ? 64'hfff : 64'd0);
  always_comb begin
    logic [63:0] p;
    p = (pend_m != 0) ? pend_m : pend_s;
    irq = (p != 0);
    if (p[11]) irq_code = 4'd11;
    else if (p[3]) irq_code = 4'd3;
    else if (p[7]) irq_code = 4'd7;
    else if (p[9]) irq_code = 4'd9;
    else if (p[1]) irq_code = 4'd1;
    else irq_code = 4'd5;
  end

  // ---------------------------------------------------------------- memory access
  // Address, checks and the cache or device request of a load, store or AMO in the IR. They
  // sit apart from the execute block so that no block both asks the caches and reads them.
  // M_ADDR: with SHORT_PATHS, the cycle that computes the address and checks into ma_*.
  localparam logic [2:0] M_NONE = 3'd0, M_TRAP = 3'd1, M_PTW = 3'd2, M_DC = 3'd3, M_IO = 3'd4,
                         M_ADDR = 3'd5;
  logic        m_is_load, m_is_store, m_is_amo, m_illegal, m_go, intr;
  logic [2:0]  m_act, m_act_x;      // _x: what the instruction does in this cycle
  logic [3:0]  m_cause, m_cause_x;
  logic [63:0] m_tval, m_tval_x, mem_ga, mem_ga_x;
  logic [1:0]  mkind;
  logic        ma_valid;            // SHORT_PATHS: ma_* hold this instruction's m_act and the rest
  logic [2:0]  ma_act;
  logic [3:0]  ma_cause;
  logic [63:0] ma_tval, ma_ga;

  always_comb begin
    m_is_load  = (opc == 7'b0000011);
    m_is_store = (opc == 7'b0100011);
    m_is_amo   = (opc == 7'b0101111);
    mva  = rv1 + (m_is_store ? imm_s : m_is_load ? imm_i : 64'd0);
    macc = (m_is_load || (m_is_amo && ir[31:27] == 5'b00010)) ? 3'b001 : 3'b010;
    if (m_is_load) m_illegal = (f3 == 3'd7);
    else if (m_is_store) m_illegal = f3[2];
    else m_illegal = !(f3 == 3'd2 || f3 == 3'd3) || !amo_ok(ir[31:27]) ||
                     (ir[31:27] == 5'b00010 && rs2 != 5'd0);
  end
  assign m_pa   = dtrans ? dt_pa : mva[55:0];
  assign mkind  = route_kind(m_pa);
  assign mem_ga = route_addr(m_pa, remap_target);

  always_comb begin
    logic mis;
    case (f3[1:0])
      2'd1: mis = mva[0];
      2'd2: mis = mva[1:0] != 2'd0;
      2'd3: mis = mva[2:0] != 3'd0;
      default: mis = 1'b0;
    endcase
    m_act = M_TRAP;
    m_tval = mva;
    m_cause = macc[0] ? 4'd5 : 4'd7;  // access fault unless something below says otherwise
    if (!(m_is_load || m_is_store || m_is_amo) || m_illegal) m_act = M_NONE;
    else if (mis) m_cause = macc[0] ? 4'd4 : 4'd6;
    else if (pf_pending) begin m_cause = pf_cause; m_tval = pf_tval; end
    else if (dtrans && (!va_ok(mva[63:38]) || (dt_hit && dt_fault))) m_cause = macc[0] ? 4'd13 : 4'd15;
    else if (dtrans && !dt_hit) m_act = M_PTW;
    else if ((!dtrans && mva[63:56] != 8'd0) || !m_pmp_ok || mkind == R_ERR ||
             (m_is_amo && mkind != R_MEM)) m_act = M_TRAP;
    else m_act = (mkind == R_MEM) ? M_DC : M_IO;
  end

  assign m_act_x   = !SHORT_PATHS ? m_act : ma_valid ? ma_act : (m_act == M_NONE) ? M_NONE : M_ADDR;
  assign m_cause_x = SHORT_PATHS ? ma_cause : m_cause;
  assign m_tval_x  = SHORT_PATHS ? ma_tval : m_tval;
  assign mem_ga_x  = SHORT_PATHS ? ma_ga : mem_ga;

  // an interrupt displaces the IR's instruction unless that has started the divider or a device
  assign intr = irq && !md_started && !io_busy;
  // the IR's instruction is executing this cycle (not displaced by an interrupt or a fault)
  assign m_go = state == S_RUN && ir_valid && !halt && !intr && !ir_fault;

  always_comb begin
    dc_req = 1'b0; dc_op = DC_LOAD; dc_addr = mem_ga_x; dc_size = f3[1:0]; dc_wdata = rv2;
    dc_amo = ir[31:27];
    io_req = 1'b0; io_we = m_is_store; io_addr = mem_ga_x;
    io_wdata = rv2 << {mem_ga_x[2:0], 3'd0};
    io_wstrb = 8'((16'd1 << (16'd1 << f3[1:0])) - 16'd1) << mem_ga_x[2:0];
    if (m_go && m_act_x == M_DC) begin
      dc_req = 1'b1;
      dc_op  = m_is_load ? DC_LOAD : m_is_store ? DC_STORE :
               (ir[31:27] == 5'b00010) ? DC_LR : (ir[31:27] == 5'b00011) ? DC_SC : DC_AMO;
    end
    if (m_go && m_act_x == M_IO) io_req = 1'b1;
    // a fetch from the device port (the boot ROM) reads the aligned doubleword
    if (io_fetch_req && !halt) begin
      io_req = 1'b1; io_we = 1'b0; io_addr = io_fetch_pa;
    end
    // the page walker owns the data cache port while it runs
    if (state == S_PTW) begin
      dc_req = ptw_req; dc_op = DC_LOAD; dc_addr = ptw_ga; dc_size = 2'd3;
    end
  end

  // ---------------------------------------------------------------- execute
  logic        md_start, md_done, md_kill;
  /* verilator lint_off PINCONNECTEMPTY */
  logic [63:0] md_result;
  muldiv #(.SHORT_PATHS(SHORT_PATHS)) md (.clk, .rst, .start(md_start), .op(f3), .word(opc == 7'b0111011), .a(rv1), .b(rv2),
             .kill(md_kill), .busy(), .done(md_done), .result(md_result));
  /* verilator lint_on PINCONNECTEMPTY */

  logic        ex_done, ex_trap, ex_wb, ex_serial, ex_ptw, ex_csr_write, ex_mret, ex_sret;
  logic        ex_sfence, ex_fencei, ex_wfi, ex_intr;
  logic [3:0]  ex_cause;
  logic [63:0] ex_tval, ex_result, ex_next, csr_wval;

  always_comb begin
    logic [63:0] alu_b, shamt_v, sh_in;
    logic [63:0] sh_x;
    logic        take, illegal, is_w, ult, slt;
    logic [31:0] w;
    // (a block variable is static: one left unassigned on a path would keep its old value, a
    // latch loop in synthesis; so all are declared here and given a value every time)
    logic [63:0] src;
    logic        writes;
    ex_done = 1'b0; ex_trap = 1'b0; ex_wb = 1'b0; ex_serial = 1'b0; ex_ptw = 1'b0;
    ex_csr_write = 1'b0; ex_mret = 1'b0; ex_sret = 1'b0; ex_sfence = 1'b0; ex_fencei = 1'b0;
    ex_wfi = 1'b0; ex_intr = 1'b0;
    ex_cause = '0; ex_tval = '0; ex_result = '0; ex_next = pc_inc; csr_wval = '0;
    md_start = 1'b0; md_kill = 1'b0;
    shamt_v = '0; sh_in = '0; sh_x = '0; take = 1'b0; illegal = 1'b0; w = '0; is_w = 1'b0;
    src = '0; writes = 1'b0;
    // one compare serves the branches, SLT and SLTU (signed differs from unsigned only when
    // the signs do); a branch's alu_b is rv2 (opc[5] is set)
    alu_b = opc[5] ? rv2 : imm_i;
    ult = rv1 < alu_b;
    slt = (rv1[63] != alu_b[63]) ? rv1[63] : ult;

    if (state == S_RUN && ir_valid && !halt) begin
      if (intr) begin
        ex_trap = 1'b1; ex_intr = 1'b1; ex_cause = irq_code; ex_next = pc;
      end else if (ir_fault) begin
        ex_trap = 1'b1; ex_cause = ir_fcause; ex_tval = ir_ftval;
      end else begin
        ex_done = 1'b1;
        ex_wb = (rd != 5'd0);
        case (opc)
          7'b0110111: ex_result = imm_u;                                     // LUI
          7'b0010111: ex_result = pc + imm_u;                                // AUIPC
          7'b1101111: begin ex_result = pc_inc; ex_next = pc + imm_j; end    // JAL
          7'b1100111: begin                                                  // JALR
            ex_result = pc_inc; ex_next = (rv1 + imm_i) & ~64'd1;
            illegal = (f3 != 3'd0);
          end
          7'b1100011: begin                                                  // branches
            ex_wb = 1'b0;
            case (f3)
              3'd0: take = (rv1 == rv2);
              3'd1: take = (rv1 != rv2);
              3'd4: take = slt;
              3'd5: take = !slt;
              3'd6: take = ult;
              3'd7: take = !ult;
              default: illegal = 1'b1;
            endcase
            if (take) ex_next = pc + imm_b;
          end
          7'b0010011, 7'b0110011, 7'b0011011, 7'b0111011: begin            // ALU
            is_w = opc[3];
            if (opc[5] && f7 == 7'b0000001) begin                            // M extension
              illegal = is_w && f3 != 3'd0 && f3 < 3'd4;
              if (!illegal) begin
                ex_done = md_done || md_have;
                ex_result = md_result;
                md_start = !md_started;
              end
            end else begin
              shamt_v = is_w ? {59'd0, alu_b[4:0]} : {58'd0, alu_b[5:0]};
              // funct7 must be 0 (or 0x20 for SUB/SRA); immediate shifts check their upper bits
              if (opc[5]) illegal = !(f7 == 7'd0 || (f7 == 7'h20 && (f3 == 3'd0 || f3 == 3'd5))) ||
                                    (is_w && !(f3 == 3'd0 || f3 == 3'd1 || f3 == 3'd5));
              else if (f3 == 3'd1) illegal = is_w ? (f7 != 7'd0) : (ir[31:26] != 6'd0);
              else if (f3 == 3'd5) illegal = is_w ? (f7 != 7'd0 && f7 != 7'h20)
                                                  : (ir[31:26] != 6'd0 && ir[31:26] != 6'h10);
              else if (is_w && f3 != 3'd0) illegal = 1'b1;
              // One right shifter serves the six shifts (a shifter each cost about 300 LUTs on
              // the boards): a left shift is the right shift of the bit-reversed value, and a W
              // right shift shifts the low word extended by its fill (zero, or its sign for SRAW)
              if (f3 == 3'd1) sh_in = reverse64(rv1);
              else if (is_w) sh_in = {{32{ir[30] && rv1[31]}}, rv1[31:0]};
              else sh_in = rv1;
              sh_x = 64'($signed({f3 == 3'd5 && ir[30] && sh_in[63], sh_in}) >>> shamt_v);
              case (f3)
                3'd0: ex_result = (opc[5] && ir[30]) ? rv1 - alu_b : rv1 + alu_b;
                3'd1: ex_result = reverse64(sh_x);
                3'd2: ex_result = {63'd0, slt};
                3'd3: ex_result = {63'd0, ult};
                3'd4: ex_result = rv1 ^ alu_b;
                3'd5: ex_result = sh_x;
                3'd6: ex_result = rv1 | alu_b;
                default: ex_result = rv1 & alu_b;
              endcase
              if (is_w) ex_result = sext32(ex_result[31:0]);
            end
          end
          7'b0000011, 7'b0100011, 7'b0101111: begin                          // loads, stores, AMOs
            ex_done = 1'b0;
            illegal = m_illegal;
            case (m_act_x)
              M_TRAP: begin ex_trap = 1'b1; ex_cause = m_cause_x; ex_tval = m_tval_x; end
              M_PTW:  ex_ptw = 1'b1;
              M_ADDR, M_NONE: ;
              M_DC: begin
                ex_done = dc_done && !dc_err;
                if (dc_done && dc_err) begin
                  ex_trap = 1'b1; ex_cause = macc[0] ? 4'd5 : 4'd7; ex_tval = mva;
                end
              end
              default: begin  // M_IO
                ex_done = io_ack && !io_err;
                if (io_ack && io_err) begin
                  ex_trap = 1'b1; ex_cause = m_is_load ? 4'd5 : 4'd7; ex_tval = mva;
                end
              end
            endcase
            if (m_is_load) begin
              w = 32'(((m_act_x == M_DC) ? dc_rdata : io_rdata >> {mem_ga_x[2:0], 3'd0}));
              case (f3)
                3'd0: ex_result = {{56{w[7]}}, w[7:0]};
                3'd1: ex_result = {{48{w[15]}}, w[15:0]};
                3'd2: ex_result = sext32(w);
                3'd3: ex_result = (m_act_x == M_DC) ? dc_rdata : io_rdata;
                3'd4: ex_result = {56'd0, w[7:0]};
                3'd5: ex_result = {48'd0, w[15:0]};
                default: ex_result = {32'd0, w};
              endcase
            end else if (opc == 7'b0101111) begin
              ex_result = (f3 == 3'd2) ? sext32(dc_rdata[31:0]) : dc_rdata;
            end else ex_wb = 1'b0;
          end
          7'b0001111: begin                                                  // FENCE, FENCE.I
            ex_wb = 1'b0;
            if (f3 == 3'd1) begin ex_fencei = 1'b1; ex_serial = 1'b1; end
            else illegal = (f3 != 3'd0);
          end
          7'b1110011: begin                                                  // SYSTEM
            ex_serial = 1'b1;
            if (f3 == 3'd0) begin
              ex_wb = 1'b0;
              if (ir == 32'h0000_0073) begin
                ex_trap = 1'b1; ex_cause = (priv == PRIV_U) ? 4'd8 : (priv == PRIV_S) ? 4'd9 : 4'd11;
              end else if (ir == 32'h0010_0073) begin
                ex_trap = 1'b1; ex_cause = 4'd3; ex_tval = pc;
              end else if (ir == 32'h3020_0073) begin
                illegal = (priv != PRIV_M); ex_mret = 1'b1; ex_next = mepc;
              end else if (ir == 32'h1020_0073) begin
                illegal = (priv == PRIV_U) || (priv == PRIV_S && st_tsr); ex_sret = 1'b1; ex_next = sepc;
              end else if (ir == 32'h1050_0073) begin
                illegal = (priv == PRIV_U) || (priv == PRIV_S && st_tw); ex_wfi = 1'b1;
              end else if (f7 == 7'b0001001 && rd == 5'd0) begin
                illegal = (priv == PRIV_U) || (priv == PRIV_S && st_tvm); ex_sfence = 1'b1;
              end else illegal = 1'b1;
            end else if (f3 == 3'd4) illegal = 1'b1;
            else begin
              src = f3[2] ? {59'd0, rs1} : rv1;
              writes = !(f3[1] && rs1 == 5'd0);  // CSRRS/CSRRC with x0 do not write
              illegal = !csr_exists || (priv < csr_a[9:8]) || (writes && csr_a[11:10] == 2'b11) ||
                        (csr_a == 12'h180 && priv == PRIV_S && st_tvm);
              ex_result = csr_rdata;
              ex_csr_write = writes;
              case (f3[1:0])
                2'd1: csr_wval = src;
                2'd2: csr_wval = csr_rdata | src;
                default: csr_wval = csr_rdata & ~src;
              endcase
            end
          end
          default: illegal = 1'b1;
        endcase
        if (illegal) begin
          ex_trap = 1'b1; ex_cause = 4'd2; ex_tval = ir_c ? {48'd0, ir_raw_c} : {32'd0, ir};
        end
        if (ex_trap) begin
          ex_done = 1'b0; ex_wb = 1'b0; ex_ptw = 1'b0; ex_csr_write = 1'b0; ex_mret = 1'b0;
          ex_sret = 1'b0; ex_sfence = 1'b0; ex_fencei = 1'b0; ex_wfi = 1'b0;
          md_start = 1'b0;
        end
      end
    end
  end

  // ---------------------------------------------------------------- page-table walker
  // The PTE the walker acts on: the cache's answer, or with SHORT_PATHS that answer registered
  // (pte_q, pte_have), so that the cache's read and the PTE's checks fall in two cycles; the
  // walker asks nothing in the cycle it checks.
  logic        pte_have, pte_err_q, pte_done, pte_err;
  /* verilator lint_off UNUSEDSIGNAL */
  logic [63:0] pte_q, pte;  // bits 9:8 (RSW) are the supervisor's
  /* verilator lint_on UNUSEDSIGNAL */
  assign pte      = SHORT_PATHS ? pte_q : dc_rdata;
  assign pte_done = SHORT_PATHS ? pte_have : ptw_req && dc_done;
  assign pte_err  = SHORT_PATHS ? pte_err_q : dc_err;
  assign ptw_req = (state == S_PTW) && !pte_have && route_kind(ptw_pa) == R_MEM;
  assign ptw_ga  = route_addr(ptw_pa, remap_target);
  assign walk_va = ir_valid ? mva : f_cur;

  // ---------------------------------------------------------------- next fetch
  // After an ordinary instruction completes, fetch the next one in the same cycle.
  assign ahead = FETCH_AHEAD && ex_done && !ex_serial;
  assign fa = ahead ? ex_next : pc;
  // the fetched instruction enters the IR at this clock edge
  assign ir_load = !rst && !halt && (ahead || (!ir_valid && state == S_RUN)) && f_ready;

  // ---------------------------------------------------------------- sequential
  logic [63:0] trap_vec, cause_v;
  logic        trap_to_s;
  assign cause_v = {ex_intr, 59'd0, ex_cause};
  assign trap_to_s = (priv != PRIV_M) &&
                     (ex_intr ? mideleg[{2'd0, ex_cause}] : medeleg[{2'd0, ex_cause}]);
  // A vectored interrupt goes to the base plus 4 x cause (below 64): the sum's bits above 6 are
  // the base's or the base's plus one, and that increment is made from the CSRs alone, so the
  // late trap decision (cause, M or S) goes through a 7-bit add and a select, not a 64-bit carry
  // chain (the boards' critical path ended in it).
  logic [63:6] mtv_up, stv_up;
  assign mtv_up = mtvec[63:6] + 58'd1;
  assign stv_up = stvec[63:6] + 58'd1;
  always_comb begin
    logic [63:2] tv;  // mtvec/stvec bit 1 is always zero, bit 0 is the mode
    logic [6:0]  lo;
    tv = trap_to_s ? stvec[63:2] : mtvec[63:2];
    lo = {1'b0, tv[5:2], 2'b00} + ((ex_intr && (trap_to_s ? stvec[0] : mtvec[0])) ? {1'b0, ex_cause, 2'b00} : 7'd0);
    trap_vec = {lo[6] ? (trap_to_s ? stv_up : mtv_up) : tv[63:6], lo[5:0]};
  end

  assign retire_valid = ex_done;
  assign retire_pc = pc;

  // whether each hpm counter's event happened this cycle (one incrementer per counter, not one
  // per event kind)
  logic [HPM-1:0] hpm_inc;
  always_comb
    for (int i = 0; i < HPM; i++)
      if (i >= HPM_COUNTERS) hpm_inc[i] = 1'b0;
      else case (hpm_evt[8*i +: 8])
        8'(hive_pkg::HPM_IMISS): hpm_inc[i] = ev_imiss;
        8'(hive_pkg::HPM_DMISS): hpm_inc[i] = ev_dmiss;
        8'(hive_pkg::HPM_STALL): hpm_inc[i] = !ex_done;
        8'(hive_pkg::HPM_LOAD):  hpm_inc[i] = ex_done && opc == 7'b0000011;
        8'(hive_pkg::HPM_STORE): hpm_inc[i] = ex_done && (opc == 7'b0100011 || opc == 7'b0101111);
        default:                 hpm_inc[i] = 1'b0;
      endcase

  always_ff @(posedge clk) begin
    if (!halt) begin
      // counters
      if (!mcountinhibit[0]) mcycle <= mcycle + 1;
      if (!mcountinhibit[2] && ex_done) minstret <= minstret + 1;
      for (int i = 0; i < HPM; i++)
        if (!mcountinhibit[i + 3] && hpm_inc[i]) hpm_cnt[64*i +: 64] <= hpm_cnt[64*i +: 64] + 64'd1;
      stat_instret <= stat_instret + {63'd0, ex_done};
      if (md_done && !ex_done) md_have <= 1'b1;
      if (HARNESS_PORTS) begin
        stat_imiss <= stat_imiss + {63'd0, ev_imiss};
        stat_dmiss <= stat_dmiss + {63'd0, ev_dmiss};
        stat_stall <= stat_stall + {63'd0, !ex_done};
      end

      // fetch into the IR
      if (f_take_half && !ahead && !ir_valid && state == S_RUN) begin
        fhalf_valid <= 1'b1;
        fhalf <= f_h0;
        fhalf_va <= fa[63:1] + 63'd1;
      end
      if (ir_load) begin
        ir_valid <= 1'b1;
        ir_fault <= f_fault || (f_is_c && f_c_illegal);
        ir_fcause <= f_fault ? f_cause : 4'd2;
        ir_ftval <= f_fault ? f_cur : {48'd0, f_raw[15:0]};
        ir <= f_ir;
        ir_c <= f_is_c;
        ir_raw_c <= f_raw[15:0];
        fhalf_valid <= 1'b0;
      end else if (ahead) begin
        ir_valid <= 1'b0;
      end
      // a fetch from the device port (the boot ROM): read the doubleword in the next cycle,
      // then the fetch logic extracts from it
      if (!ir_valid && state == S_RUN && f_need_io && !io_fetch_req) begin
        io_fetch_req <= 1'b1;
        io_fetch_valid <= 1'b0;
        io_fetch_pa <= {8'd0, f_pa[55:3], 3'd0};
        io_fetch_va <= f_cur;
      end
      if (io_fetch_req && io_ack) begin
        io_fetch_req <= 1'b0;
        io_fetch_valid <= !io_err;
        io_fetch_word <= io_rdata;
        if (io_err) begin
          ir_valid <= 1'b1; ir_fault <= 1'b1; ir_fcause <= 4'd1; ir_ftval <= io_fetch_va;
          fhalf_valid <= 1'b0;
        end
      end
      if (!ir_valid && state == S_RUN && f_need_ptw) state <= S_PTW;
      // Outside a walk the walker's registers load in every cycle for the walk that could start
      // (the fetch's while the IR is empty, the IR's access's otherwise), so that only `state`
      // waits for the decision to start one: the boards' critical path ran from the I TLB through
      // that decision into these registers' enables.
      if (state != S_PTW) begin
        ptw_va <= walk_va; ptw_acc <= ir_valid ? macc : 3'b100;
        ptw_level <= 2'd2; ptw_pa <= {satp[43:0], walk_va[38:30], 3'd0};
      end

      // execute
      if (ex_done) begin
        pc <= ex_next;
        if (ex_wb) x_set[rd] <= 1'b1;
        md_started <= 1'b0;
        md_have <= 1'b0;
        pf_pending <= 1'b0;
        if (ex_csr_write) csr_write(csr_a, csr_wval);
        if (ex_mret) begin
          priv <= st_mpp; st_mie <= st_mpie; st_mpie <= 1'b1; st_mpp <= PRIV_U;
          if (st_mpp != PRIV_M) st_mprv <= 1'b0;
        end
        if (ex_sret) begin
          priv <= {1'b0, st_spp}; st_sie <= st_spie; st_spie <= 1'b1; st_spp <= 1'b0; st_mprv <= 1'b0;
        end
        if (ex_serial) begin ir_valid <= 1'b0; io_fetch_valid <= 1'b0; end
        if (!FETCH_AHEAD) ir_valid <= 1'b0;
        if (ex_fencei) state <= S_FENCEI;
        if (ex_wfi && (mip_v & mie) == 64'd0) state <= S_WFI;
      end else if (ex_trap) begin
        ir_valid <= 1'b0; io_fetch_valid <= 1'b0; fhalf_valid <= 1'b0;
        md_started <= 1'b0; md_have <= 1'b0; pf_pending <= 1'b0;
        pc <= trap_vec;
        if (trap_to_s) begin
          sepc <= pc; scause <= cause_v; stval <= ex_tval;
          st_spp <= priv[0]; st_spie <= st_sie; st_sie <= 1'b0; priv <= PRIV_S;
        end else begin
          mepc <= pc; mcause <= cause_v; mtval <= ex_tval;
          st_mpp <= priv; st_mpie <= st_mie; st_mie <= 1'b0; priv <= PRIV_M;
        end
      end else begin
        if (md_start) md_started <= 1'b1;
        if (ex_ptw) state <= S_PTW;
      end

      // the memory access's address cycle (SHORT_PATHS), and whether a device access is pending
      if (ex_done || ex_trap || ex_ptw) ma_valid <= 1'b0;
      else if (m_go && m_act_x == M_ADDR) begin
        ma_valid <= 1'b1; ma_act <= m_act; ma_cause <= m_cause; ma_tval <= m_tval; ma_ga <= mem_ga;
      end
      io_busy <= m_go && m_act_x == M_IO && !io_ack;
      pte_have <= SHORT_PATHS && ptw_req && dc_done;
      pte_q <= dc_rdata; pte_err_q <= dc_err;

      case (state)
        S_PTW: begin
          if (route_kind(ptw_pa) != R_MEM) walk_fault(1'b1);
          else if (pte_done && pte_err) walk_fault(1'b1);
          else if (pte_done) begin
            if (ptw_bad) walk_fault(1'b0);
            else if (ptw_leaf) state <= S_RUN;
            else begin
              ptw_level <= ptw_level - 2'd1;
              ptw_pa <= {pte[53:10], (ptw_level == 2'd2) ? ptw_va[29:21] : ptw_va[20:12], 3'd0};
            end
          end
        end
        S_WFI: if ((mip_v & mie) != 64'd0) state <= S_RUN;
        S_FENCEI: if (dc_flush_done) state <= S_RUN;
        default: ;
      endcase
    end
    // The reset comes last, over the above, and reaches only the state that says what the
    // other registers mean: the IR, the fetch's, access's, fault's and walk's addresses and the
    // walk's PTE are read only under their valid bits or state (ir_valid, fhalf_valid,
    // io_fetch_req and _valid, ma_valid, pf_pending, S_PTW, pte_have); the trap CSRs' values at
    // reset are unspecified (the privileged spec, 3.4; but mcause, which should read 0 where
    // resets are not told apart), and so are pmpaddr's (3.4: only the PMP entries' A and L fields
    // reset, to OFF and unlocked, so the addresses go unused until written): kept out of the
    // reset net, which the boards route on general wiring to every flip-flop it reaches
    // (docs/fpga.md changes 54 and 56).
    if (rst) begin
      state <= S_RUN;
      pc <= hive_pkg::BOOTROM_BASE;
      priv <= PRIV_M;
      ir_valid <= 1'b0; ir_fault <= 1'b0; fhalf_valid <= 1'b0;
      io_fetch_valid <= 1'b0; io_fetch_req <= 1'b0; md_have <= 1'b0; io_busy <= 1'b0;
      ma_valid <= 1'b0; pte_have <= 1'b0;
      st_sie <= 0; st_mie <= 0; st_spie <= 0; st_mpie <= 0; st_spp <= 0; st_mprv <= 0; st_sum <= 0;
      st_mxr <= 0; st_tvm <= 0; st_tw <= 0; st_tsr <= 0; st_mpp <= PRIV_M;
      medeleg <= '0; mideleg <= '0; mie <= '0; mtvec <= '0; mcause <= '0;
      satp <= '0; mcycle <= '0; minstret <= '0; mip_ssip <= 0; mip_stip <= 0; mip_seip <= 0;
      mcounteren <= '0; scounteren <= '0; mcountinhibit <= '0;
      hpm_cnt <= '0; hpm_evt <= '0;
      pmpcfg <= '0;
      md_started <= 1'b0; pf_pending <= 1'b0;
      stat_instret <= '0; stat_imiss <= '0; stat_dmiss <= '0; stat_stall <= '0;
      x_set <= '0;
    end
  end

  // the register file's write port, under the conditions of the execute step above
  always_ff @(posedge clk) if (!rst && !halt && ex_done && ex_wb) x[rd] <= ex_result;

  // The PTE the walker acts on: invalid, a misaligned superpage, A clear, or a pointer at the
  // last level are page faults; a good leaf refills the TLB in the same cycle.
  logic ptw_leaf, ptw_bad;
  always_comb begin
    ptw_leaf = pte[1] || pte[3];
    ptw_bad = !pte[0] || (!pte[1] && pte[2]) || pte[63:54] != 10'd0 ||
              (ptw_leaf && ((ptw_level == 2'd2 && pte[27:10] != 18'd0) ||
                            (ptw_level == 2'd1 && pte[18:10] != 9'd0) || !pte[6])) ||
              (!ptw_leaf && ptw_level == 2'd0);
  end
  assign ptw_found = state == S_PTW && pte_done && !pte_err && ptw_leaf && !ptw_bad;
  assign ptw_fill_i = ptw_found && ptw_acc[2];
  assign ptw_fill_d = ptw_found && !ptw_acc[2];
  assign tlb_flush = ex_done && (ex_sfence || (ex_csr_write && csr_a == 12'h180));
  assign ptw_fill_vpn = ptw_va[38:12];
  assign ptw_fill_ppn = pte[53:10];
  assign ptw_fill_level = ptw_level;
  assign ptw_fill_flags = pte[7:0];
  assign ic_flush = (state == S_FENCEI) && dc_flush_done;
  assign dc_flush = (state == S_FENCEI);

  // A walk ended in a fault: a fetch puts it in the IR, a load/store reports it on retry.
  task automatic walk_fault(input logic access);
    logic [3:0] c;
    if (access) c = ptw_acc[2] ? 4'd1 : ptw_acc[1] ? 4'd7 : 4'd5;
    else c = ptw_acc[2] ? 4'd12 : ptw_acc[1] ? 4'd15 : 4'd13;
    state <= S_RUN;
    if (ptw_acc[2]) begin
      ir_valid <= 1'b1; ir_fault <= 1'b1; ir_fcause <= c; ir_ftval <= ptw_va; fhalf_valid <= 1'b0;
    end else begin
      pf_pending <= 1'b1; pf_cause <= c; pf_tval <= ptw_va;
    end
  endtask

  task automatic csr_write(input logic [11:0] a, input logic [63:0] v);
    casez (a)
      12'h100: begin
        st_sie <= v[1]; st_spie <= v[5]; st_spp <= v[8]; st_sum <= v[18]; st_mxr <= v[19];
      end
      12'h104: mie <= (mie & ~mideleg) | (v & mideleg & 64'h222);
      12'h105: stvec <= {v[63:2], 1'b0, v[0]};
      12'h106: scounteren <= v[31:0];
      12'h140: sscratch <= v;
      12'h141: sepc <= {v[63:1], 1'b0};
      12'h142: scause <= v;
      12'h143: stval <= v;
      12'h144: if (mideleg[1]) mip_ssip <= v[1];
      12'h180: if (v[63:60] == 4'd0 || v[63:60] == 4'd8) satp <= {v[63:60], 16'd0, v[43:0]};
      12'h300: begin
        st_sie <= v[1]; st_mie <= v[3]; st_spie <= v[5]; st_mpie <= v[7]; st_spp <= v[8];
        st_mpp <= (v[12:11] == 2'd2) ? PRIV_U : v[12:11];
        st_mprv <= v[17]; st_sum <= v[18]; st_mxr <= v[19]; st_tvm <= v[20]; st_tw <= v[21];
        st_tsr <= v[22];
      end
      12'h302: medeleg <= v & 64'h0000_0000_0000_b3ff;
      12'h303: mideleg <= v & 64'h222;
      12'h304: mie <= v & 64'haaa;
      12'h305: mtvec <= {v[63:2], 1'b0, v[0]};
      12'h306: mcounteren <= v[31:0];
      12'h320: mcountinhibit <= v[31:0] & ~32'h2;
      12'h340: mscratch <= v;
      12'h341: mepc <= {v[63:1], 1'b0};
      12'h342: mcause <= v;
      12'h343: mtval <= v;
      12'h344: begin mip_ssip <= v[1]; mip_stip <= v[5]; mip_seip <= v[9]; end
      12'h3a0: pmp_cfg_write(v);
      12'b0011_1011_????: pmp_addr_write(32'(a[3:0]), v);
      12'hb00: mcycle <= v;
      12'hb02: minstret <= v;
      default:  // a compare per counter: a part-select at a variable offset was written
                // through barrel shifters over the whole vector in synthesis
        for (int j = 0; j < HPM; j++)
          if (hpm_ok && 32'(hpm_i) == j) begin
            if (a >= 12'h323 && a <= 12'h33f) hpm_evt[8*j +: 8] <= v[7:0];
            if (a >= 12'hb03 && a <= 12'hb1f) hpm_cnt[64*j +: 64] <= v;
          end
    endcase
  endtask

  task automatic pmp_cfg_write(input logic [63:0] v);
    for (int i = 0; i < PMP_ENTRIES && i < 8; i++)
      if (!pmpcfg[i*8 + 7]) pmpcfg[i*8 +: 8] <= (v[i*8 +: 2] == 2'b10) ? pmpcfg[i*8 +: 8] : (v[i*8 +: 8] & 8'h9f);
  endtask

  // A NAPOT entry's region: the address bits above pmpaddr's trailing ones. Computed when pmpaddr
  // is written, so the two PMP checkers do not add 1 to every entry in every cycle (on an FPGA
  // an adder per entry and checker).
  function automatic logic [PMP_AW-1:0] napot_mask(input logic [PMP_AW-1:0] a);
    napot_mask = ~(a ^ (a + 1'b1));
  endfunction

  /* verilator lint_off UNUSEDSIGNAL */
  // (a compare per entry, as for the hpm counters above)
  task automatic pmp_addr_write(input int i, input logic [63:0] v);
    logic locked;
    for (int j = 0; j < PMP_ENTRIES; j++) begin
      locked = pmpcfg[j*8 + 7] ||
               (j + 1 < PMP_ENTRIES && pmpcfg[(j+1)*8 + 7] && pmpcfg[(j+1)*8 + 3 +: 2] == 2'd1);
      if (j == i && !locked) begin
        pmpaddr[j*PMP_AW +: PMP_AW] <= v[PMP_AW-1:0];
        pmpnapot[j*PMP_AW +: PMP_AW] <= napot_mask(v[PMP_AW-1:0]);
      end
    end
  endtask
  /* verilator lint_on UNUSEDSIGNAL */
endmodule
