// muldiv: the M-extension unit (RV64M and the RV64 W forms).
//
// Interface
//   start    accepted in any cycle with busy=0 (a start while busy=1 is ignored). op, word, a, b
//            are sampled with it and need not stay valid afterwards.
//   op       funct3: 000 MUL, 001 MULH, 010 MULHSU, 011 MULHU,
//                    100 DIV, 101 DIVU, 110 REM, 111 REMU
//   word     1: 32-bit operation on a[31:0], b[31:0] (RV32 semantics of op), the 32-bit result
//            sign-extended to 64 bits: MULW, DIVW, DIVUW, REMW, REMUW. (word=1 with MULH* is no
//            RV64 instruction; it gives RV32 MULH/MULHSU/MULHU sign-extended.)
//   busy     an operation is in flight: high from the cycle after an accepted start up to and
//            excluding the cycle in which done is high.
//   done     one-cycle pulse; result is valid in that cycle and then holds until the next done.
//            A new start may be given in the done cycle.
//   kill     abandons the operation in flight: no done follows. kill wins over a start in the
//            same cycle (that start is ignored). A done already showing is not withdrawn.
//   rst      synchronous, active high: same as kill, and clears result.
//
// Latency (cycles from the start cycle to the done cycle; 1 = the next cycle)
//   MUL, MULH, MULHSU, MULHU, MULW:  2  (operands registered, one 65x65 signed multiply)
//   DIV, DIVU, REM, REMU and W forms: 3 + n, where n = number of significant bits of the
//            dividend's magnitude (|a| for the signed forms, after 32-bit extension for W):
//            1 bit per cycle restoring division with the dividend's leading zeros skipped.
//            n = 0 (latency 3) when the dividend or the divisor is zero.
//            Worst case 67 (64-bit), 35 (W). With SHORT_PATHS the leading zeros are skipped
//            only as a whole upper half: n = 32 when the magnitude's upper 32 bits are zero,
//            else 64 (0 as above).
// SHORT_PATHS (the boards) trades those cycles for the leading-zero search's 64-bit shifter.
// The boards multiply as the simulator does: a shift-and-add multiply, one multiplier bit per
// cycle, saved the 16 DSP blocks and an adder tree, but no 1x1 ULX3S design with it routed
// (docs/fpga.md, change 52).
// Special results (RISC-V spec): x/0 = all ones, x%0 = x; (most negative)/(-1) = most
// negative, (most negative)%(-1) = 0; in the W forms on the 32-bit values, sign-extended.
module muldiv #(
    parameter bit SHORT_PATHS = 1'b0
) (
    input  logic        clk,
    input  logic        rst,
    input  logic        start,
    input  logic [2:0]  op,
    input  logic        word,
    input  logic [63:0] a,
    input  logic [63:0] b,
    input  logic        kill,
    output logic        busy,
    output logic        done,
    output logic [63:0] result
);
  typedef enum logic [2:0] {
    S_IDLE,  // waiting for start
    S_MUL,   // multiply the registered operands
    S_NORM,  // division: skip the dividend's leading zeros, catch the special cases
    S_DIV,   // division: one quotient bit per cycle
    S_FIN    // division: signs and the W sign extension
  } state_t;

  state_t      state;
  logic        word_q;     // W form
  logic        rem_q;      // REM/REMU: the result is the remainder
  logic        high_q;     // MULH/MULHSU/MULHU: the result is the high half
  logic        neg_q;      // division: negate the quotient at the end
  logic        neg_r;      // division: negate the remainder at the end
  logic [64:0] opa, opb;   // multiply: 65-bit signed operands; division: magnitudes in [63:0]
  logic [63:0] rem;        // division: partial remainder (always < divisor)
  logic [63:0] dvd;        // division: dividend bits still to shift in, quotient bits shifted in
  logic [6:0]  count;      // division: quotient bits still to produce

  // ---------------------------------------------------------------- start: operand capture
  logic        is_div, sgn_a, sgn_b;
  logic [63:0] a_ext, b_ext, a_mag, b_mag;

  always_comb begin
    is_div = op[2];
    // signedness of each operand (MUL: signed, which does not change the low half)
    sgn_a  = is_div ? ~op[0] : (op[1:0] != 2'b11);
    sgn_b  = is_div ? ~op[0] : ~op[1];
    if (word) begin
      a_ext = {{32{sgn_a & a[31]}}, a[31:0]};
      b_ext = {{32{sgn_b & b[31]}}, b[31:0]};
    end else begin
      a_ext = a;
      b_ext = b;
    end
    a_mag = (sgn_a && a_ext[63]) ? 64'd0 - a_ext : a_ext;
    b_mag = (sgn_b && b_ext[63]) ? 64'd0 - b_ext : b_ext;
  end

  // ---------------------------------------------------------------- multiply
  // The product and the normalization are functions called only in the state that uses them
  // (S_MUL, S_NORM): the same logic, but the simulation model does not compute a 130-bit
  // product and a 64-bit leading-zero search in every cycle.
  function automatic logic [63:0] mul_res(input logic [64:0] ma, input logic [64:0] mb,
                                          input logic w, input logic hi);
    logic signed [129:0] prod;
    prod = 130'($signed(ma)) * 130'($signed(mb));
    if (w) mul_res = {{32{prod[hi ? 63 : 31]}}, hi ? prod[63:32] : prod[31:0]};
    else   mul_res = hi ? prod[127:64] : prod[63:0];
  endfunction

  // ---------------------------------------------------------------- divide
  // Normalization: the number of leading zeros of the dividend (shifted left past them), and
  // whether it has a one bit at all.
  function automatic logic [6:0] lead_zeros(input logic [63:0] v);
    logic found;
    logic [5:0] n;
    found = 1'b0;
    n = 6'd0;
    for (int i = 63; i >= 0; i--) begin
      if (!found && v[i]) begin
        n     = 6'(63 - i);
        found = 1'b1;
      end
    end
    lead_zeros = {found, n};
  endfunction

  // One restoring step.
  logic [64:0] trial;
  logic        qbit;
  logic [63:0] rem_next;

  always_comb begin
    trial    = {rem, dvd[63]} - {1'b0, opb[63:0]};
    qbit     = ~trial[64];
    rem_next = qbit ? trial[63:0] : {rem[62:0], dvd[63]};
  end

  // Final sign: of the quotient or the remainder, whichever is the result (one negation).
  logic [63:0] div_v, div_res;

  always_comb begin
    div_v   = rem_q ? rem : dvd;
    div_res = (rem_q ? neg_r : neg_q) ? 64'd0 - div_v : div_v;
    if (word_q) div_res = {{32{div_res[31]}}, div_res[31:0]};
  end

  // ---------------------------------------------------------------- control
  always_ff @(posedge clk) begin
    logic [6:0] lz;  // S_NORM: {dividend nonzero, its leading zeros}
    done <= 1'b0;
    if (rst || kill) begin
      state <= S_IDLE;
      if (rst) result <= 64'd0;
    end else begin
      unique case (state)
        S_IDLE: begin
          if (start) begin
            word_q <= word;
            rem_q  <= op[1];
            high_q <= (op[1:0] != 2'b00);
            if (is_div) begin
              opa   <= {1'b0, a_mag};
              opb   <= {1'b0, b_mag};
              neg_q <= (sgn_a & a_ext[63]) ^ (sgn_b & b_ext[63]);
              neg_r <= sgn_a & a_ext[63];
              state <= S_NORM;
            end else begin
              opa   <= {sgn_a & a_ext[63], a_ext};
              opb   <= {sgn_b & b_ext[63], b_ext};
              state <= S_MUL;
            end
          end
        end
        S_MUL: begin
          result <= mul_res(opa, opb, word_q, high_q);
          done   <= 1'b1;
          state  <= S_IDLE;
        end
        S_NORM: begin
          lz    = SHORT_PATHS ? {opa[63:0] != 64'd0, opa[63:32] == 32'd0, 5'd0}
                              : lead_zeros(opa[63:0]);
          rem   <= 64'd0;
          dvd   <= opa[63:0] << lz[5:0];
          count <= 7'd64 - {1'b0, lz[5:0]};
          state <= S_DIV;
          if (opb[63:0] == 64'd0) begin
            // x/0 = all ones (unsigned, never negated); x%0 = x (sign of x restored)
            rem   <= opa[63:0];
            dvd   <= {64{1'b1}};
            neg_q <= 1'b0;
            state <= S_FIN;
          end else if (!lz[6]) begin
            // 0/y = 0, 0%y = 0
            dvd   <= 64'd0;
            state <= S_FIN;
          end
        end
        S_DIV: begin
          rem   <= rem_next;
          dvd   <= {dvd[62:0], qbit};
          count <= count - 7'd1;
          if (count == 7'd1) state <= S_FIN;
        end
        S_FIN: begin
          result <= div_res;
          done   <= 1'b1;
          state  <= S_IDLE;
        end
        default: state <= S_IDLE;
      endcase
    end
  end

  assign busy = (state != S_IDLE);
endmodule
