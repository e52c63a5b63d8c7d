// Button and switch inputs: two-flop synchroniser, then the level is taken only after it has
// been stable for about 10 ms.
module board_debounce #(
    parameter int N      = 1,
    parameter int CLK_HZ = 25_000_000
) (
    input  logic         clk,
    input  logic [N-1:0] in,
    output logic [N-1:0] out
);
  localparam int STABLE = CLK_HZ / 100;
  logic [N-1:0] s1, s2, last;
  logic [$clog2(STABLE + 1)-1:0] cnt;
  initial out = '0;
  always_ff @(posedge clk) begin
    s1 <= in;
    s2 <= s1;
    last <= s2;
    if (s2 != last) cnt <= '0;
    else if (cnt == $bits(cnt)'(STABLE)) out <= s2;
    else cnt <= cnt + 1'b1;
  end
endmodule
