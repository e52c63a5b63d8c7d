// rvc_expand: expands one 16-bit RV64C instruction into its 32-bit equivalent.
//
// Purely combinational. The core implements RV64IMAC without F/D, so:
//   - the F/D forms (c.fld, c.fsd, c.fldsp, c.fsdsp) are illegal;
//   - the RV64 forms are decoded (c.ld, c.sd, c.ldsp, c.sdsp, c.addiw, c.subw, c.addw);
//   - reserved encodings are illegal: the all-zero halfword, c.addi4spn with nzuimm=0,
//     c.addiw with rd=0, c.addi16sp with nzimm=0, c.lui with nzimm=0, c.lwsp/c.ldsp with rd=0,
//     c.jr with rs1=0, the reserved quadrant-1 ALU slots (funct6=100111, funct2=10/11), and
//     funct3=100 of quadrant 0;
//   - HINT encodings are legal and expand to the 32-bit instruction with the same effect
//     (c.nop with imm!=0, c.addi with rd=0 or imm=0, c.li/c.lui/c.mv/c.add/c.slli with rd=0,
//     c.slli/c.srli/c.srai with shamt=0, i.e. a shift by zero, as QEMU and objdump do).
//     In RV64, shamt[5]=1 is a legal shift amount.
// An input with c[1:0]=2'b11 is not a compressed instruction: illegal=1.
// Whenever illegal=1, instr is 32'h0 (itself an illegal 32-bit instruction).
module rvc_expand (
    input  logic [15:0] c,
    output logic [31:0] instr,
    output logic        illegal
);
  // 32-bit major opcodes
  localparam logic [6:0] OP_LOAD   = 7'b0000011;
  localparam logic [6:0] OP_IMM    = 7'b0010011;
  localparam logic [6:0] OP_IMM32  = 7'b0011011;
  localparam logic [6:0] OP_STORE  = 7'b0100011;
  localparam logic [6:0] OP_OP     = 7'b0110011;
  localparam logic [6:0] OP_LUI    = 7'b0110111;
  localparam logic [6:0] OP_OP32   = 7'b0111011;
  localparam logic [6:0] OP_BRANCH = 7'b1100011;
  localparam logic [6:0] OP_JALR   = 7'b1100111;
  localparam logic [6:0] OP_JAL    = 7'b1101111;

  localparam logic [4:0] X0 = 5'd0;
  localparam logic [4:0] X1 = 5'd1;
  localparam logic [4:0] X2 = 5'd2;

  // Register fields: full (rd/rs1 in [11:7], rs2 in [6:2]) and the 3-bit x8..x15 forms.
  logic [4:0] rd_full, rs2_full, rdp, rs1p, rs2p;
  // Immediates, already sign/zero extended to their 32-bit instruction field width.
  logic [11:0] imm6;       // c.addi/c.addiw/c.li/c.andi: sext(imm[5:0])
  logic [11:0] imm_4spn;   // c.addi4spn: nzuimm[9:2]
  logic [11:0] imm_16sp;   // c.addi16sp: sext(nzimm[9:4])
  logic [19:0] imm_lui;    // c.lui: sext(nzimm[17:12])
  logic [11:0] off_lw;     // c.lw/c.sw: uimm[6:2]
  logic [11:0] off_ld;     // c.ld/c.sd: uimm[7:3]
  logic [11:0] off_lwsp;   // c.lwsp: uimm[7:2]
  logic [11:0] off_ldsp;   // c.ldsp: uimm[8:3]
  logic [11:0] off_swsp;   // c.swsp: uimm[7:2]
  logic [11:0] off_sdsp;   // c.sdsp: uimm[8:3]
  logic [20:1] off_j;      // c.j: sext(offset[11:1])
  logic [12:1] off_b;      // c.beqz/c.bnez: sext(offset[8:1])
  logic [5:0]  shamt;

  assign rd_full  = c[11:7];
  assign rs2_full = c[6:2];
  assign rdp      = {2'b01, c[4:2]};
  assign rs1p     = {2'b01, c[9:7]};
  assign rs2p     = {2'b01, c[4:2]};

  assign imm6     = {{7{c[12]}}, c[6:2]};
  assign imm_4spn = {2'b00, c[10:7], c[12:11], c[5], c[6], 2'b00};
  assign imm_16sp = {{3{c[12]}}, c[4:3], c[5], c[2], c[6], 4'b0000};
  assign imm_lui  = {{15{c[12]}}, c[6:2]};
  assign off_lw   = {5'b0, c[5], c[12:10], c[6], 2'b00};
  assign off_ld   = {4'b0, c[6:5], c[12:10], 3'b000};
  assign off_lwsp = {4'b0, c[3:2], c[12], c[6:4], 2'b00};
  assign off_ldsp = {3'b0, c[4:2], c[12], c[6:5], 3'b000};
  assign off_swsp = {4'b0, c[8:7], c[12:9], 2'b00};
  assign off_sdsp = {3'b0, c[9:7], c[12:10], 3'b000};
  assign off_j    = {{10{c[12]}}, c[8], c[10:9], c[6], c[7], c[2], c[11], c[5:3]};
  assign off_b    = {{5{c[12]}}, c[6:5], c[2], c[11:10], c[4:3]};
  assign shamt    = {c[12], c[6:2]};

  // Instruction formats
  function automatic logic [31:0] fmt_i(input logic [11:0] a_imm, input logic [4:0] a_src,
                                        input logic [2:0] a_fn, input logic [4:0] a_dst,
                                        input logic [6:0] a_opc);
    fmt_i = {a_imm, a_src, a_fn, a_dst, a_opc};
  endfunction

  function automatic logic [31:0] fmt_s(input logic [11:0] a_imm, input logic [4:0] a_rs2,
                                        input logic [4:0] a_rs1, input logic [2:0] a_f3,
                                        input logic [6:0] a_opc);
    fmt_s = {a_imm[11:5], a_rs2, a_rs1, a_f3, a_imm[4:0], a_opc};
  endfunction

  function automatic logic [31:0] fmt_r(input logic [6:0] a_f7, input logic [4:0] a_rs2,
                                        input logic [4:0] a_rs1, input logic [2:0] a_f3,
                                        input logic [4:0] a_rd, input logic [6:0] a_opc);
    fmt_r = {a_f7, a_rs2, a_rs1, a_f3, a_rd, a_opc};
  endfunction

  function automatic logic [31:0] fmt_b(input logic [12:1] a_off, input logic [4:0] a_rs1,
                                        input logic [2:0] a_f3);
    fmt_b = {a_off[12], a_off[10:5], X0, a_rs1, a_f3, a_off[4:1], a_off[11], OP_BRANCH};
  endfunction

  logic [31:0] ex;
  logic        bad;

  always_comb begin
    ex  = 32'h0;
    bad = 1'b0;
    unique case (c[1:0])
      // ---------------------------------------------------------------- quadrant 0
      2'b00: begin
        unique case (c[15:13])
          3'b000: begin  // c.addi4spn -> addi rd', x2, nzuimm
            ex  = fmt_i(imm_4spn, X2, 3'b000, rdp, OP_IMM);
            bad = (c[12:5] == 8'h00);  // also covers the all-zero halfword
          end
          3'b010: ex = fmt_i(off_lw, rs1p, 3'b010, rdp, OP_LOAD);     // c.lw
          3'b011: ex = fmt_i(off_ld, rs1p, 3'b011, rdp, OP_LOAD);     // c.ld
          3'b110: ex = fmt_s(off_lw, rs2p, rs1p, 3'b010, OP_STORE);   // c.sw
          3'b111: ex = fmt_s(off_ld, rs2p, rs1p, 3'b011, OP_STORE);   // c.sd
          default: bad = 1'b1;  // c.fld, reserved, c.fsd
        endcase
      end
      // ---------------------------------------------------------------- quadrant 1
      2'b01: begin
        unique case (c[15:13])
          3'b000: ex = fmt_i(imm6, rd_full, 3'b000, rd_full, OP_IMM);  // c.addi / c.nop
          3'b001: begin  // c.addiw -> addiw rd, rd, imm
            ex  = fmt_i(imm6, rd_full, 3'b000, rd_full, OP_IMM32);
            bad = (rd_full == X0);
          end
          3'b010: ex = fmt_i(imm6, X0, 3'b000, rd_full, OP_IMM);  // c.li -> addi rd, x0, imm
          3'b011: begin
            if (rd_full == X2) begin  // c.addi16sp -> addi x2, x2, nzimm
              ex = fmt_i(imm_16sp, X2, 3'b000, X2, OP_IMM);
            end else begin  // c.lui -> lui rd, nzimm
              ex = {imm_lui, rd_full, OP_LUI};
            end
            bad = (c[12] == 1'b0) && (c[6:2] == 5'd0);
          end
          3'b100: begin
            unique case (c[11:10])
              2'b00: ex = fmt_i({6'b000000, shamt}, rs1p, 3'b101, rs1p, OP_IMM);  // c.srli
              2'b01: ex = fmt_i({6'b010000, shamt}, rs1p, 3'b101, rs1p, OP_IMM);  // c.srai
              2'b10: ex = fmt_i(imm6, rs1p, 3'b111, rs1p, OP_IMM);               // c.andi
              default: begin
                unique case ({c[12], c[6:5]})
                  3'b000: ex = fmt_r(7'b0100000, rs2p, rs1p, 3'b000, rs1p, OP_OP);    // c.sub
                  3'b001: ex = fmt_r(7'b0000000, rs2p, rs1p, 3'b100, rs1p, OP_OP);    // c.xor
                  3'b010: ex = fmt_r(7'b0000000, rs2p, rs1p, 3'b110, rs1p, OP_OP);    // c.or
                  3'b011: ex = fmt_r(7'b0000000, rs2p, rs1p, 3'b111, rs1p, OP_OP);    // c.and
                  3'b100: ex = fmt_r(7'b0100000, rs2p, rs1p, 3'b000, rs1p, OP_OP32);  // c.subw
                  3'b101: ex = fmt_r(7'b0000000, rs2p, rs1p, 3'b000, rs1p, OP_OP32);  // c.addw
                  default: bad = 1'b1;  // reserved
                endcase
              end
            endcase
          end
          3'b101: ex = {off_j[20], off_j[10:1], off_j[11], off_j[19:12], X0, OP_JAL};  // c.j
          3'b110: ex = fmt_b(off_b, rs1p, 3'b000);  // c.beqz -> beq rs1', x0, off
          default: ex = fmt_b(off_b, rs1p, 3'b001);  // c.bnez -> bne rs1', x0, off
        endcase
      end
      // ---------------------------------------------------------------- quadrant 2
      2'b10: begin
        unique case (c[15:13])
          3'b000: ex = fmt_i({6'b000000, shamt}, rd_full, 3'b001, rd_full, OP_IMM);  // c.slli
          3'b010: begin  // c.lwsp -> lw rd, off(x2)
            ex  = fmt_i(off_lwsp, X2, 3'b010, rd_full, OP_LOAD);
            bad = (rd_full == X0);
          end
          3'b011: begin  // c.ldsp -> ld rd, off(x2)
            ex  = fmt_i(off_ldsp, X2, 3'b011, rd_full, OP_LOAD);
            bad = (rd_full == X0);
          end
          3'b100: begin
            if (c[12] == 1'b0) begin
              if (rs2_full == X0) begin  // c.jr -> jalr x0, 0(rs1)
                ex  = fmt_i(12'h000, rd_full, 3'b000, X0, OP_JALR);
                bad = (rd_full == X0);
              end else begin  // c.mv -> add rd, x0, rs2
                ex = fmt_r(7'b0000000, rs2_full, X0, 3'b000, rd_full, OP_OP);
              end
            end else begin
              if (rs2_full == X0) begin
                if (rd_full == X0) begin  // c.ebreak
                  ex = 32'h0010_0073;
                end else begin  // c.jalr -> jalr x1, 0(rs1)
                  ex = fmt_i(12'h000, rd_full, 3'b000, X1, OP_JALR);
                end
              end else begin  // c.add -> add rd, rd, rs2
                ex = fmt_r(7'b0000000, rs2_full, rd_full, 3'b000, rd_full, OP_OP);
              end
            end
          end
          3'b110: ex = fmt_s(off_swsp, rs2_full, X2, 3'b010, OP_STORE);  // c.swsp
          3'b111: ex = fmt_s(off_sdsp, rs2_full, X2, 3'b011, OP_STORE);  // c.sdsp
          default: bad = 1'b1;  // c.fldsp, c.fsdsp
        endcase
      end
      default: bad = 1'b1;  // 2'b11: not a compressed instruction
    endcase
  end

  assign illegal = bad;
  assign instr   = bad ? 32'h0 : ex;
endmodule
