// What the board's LEDs show (docs/fpga.md, "LEDs"): a heartbeat (1 Hz blink: the clock runs)
// and one state per node: off while the SoC is held in reset or the node has failed, on while it
// runs, a slow blink (1 Hz) once its finisher said pass, a fast blink (4 Hz) once it said fail or
// reset. Node 0 shows the machine finisher as well (bare-metal runs).
module board_leds #(
    parameter int NODES  = 1,
    parameter int CLK_HZ = 25_000_000
) (
    input  logic               clk,
    input  logic               rst,
    input  logic               soc_rst,
    input  logic [NODES-1:0]   node_fail,
    input  logic [NODES*2-1:0] cfin_state,   // hive_pkg::LINK_FIN_* per node
    input  logic [1:0]         mfin_state,
    output logic               heartbeat,
    output logic [NODES-1:0]   node_led
);
  localparam int EIGHTH = CLK_HZ / 8;  // 1/8 s
  logic [$clog2(EIGHTH + 1)-1:0] cnt;
  logic [2:0] phase;  // eighths of a second

  always_ff @(posedge clk) begin
    if (rst) begin
      cnt <= '0;
      phase <= '0;
    end else if (cnt == $bits(cnt)'(EIGHTH - 1)) begin
      cnt <= '0;
      phase <= phase + 3'd1;
    end else cnt <= cnt + 1'b1;
  end
  assign heartbeat = phase[2];

  always_comb begin
    for (int n = 0; n < NODES; n++) begin
      logic [1:0] st;
      st = cfin_state[n*2 +: 2];
      if (n == 0 && mfin_state != 2'(hive_pkg::LINK_FIN_NONE)) st = mfin_state;
      if (soc_rst || node_fail[n]) node_led[n] = 1'b0;
      else if (st == 2'(hive_pkg::LINK_FIN_PASS)) node_led[n] = phase[2];
      else if (st != 2'(hive_pkg::LINK_FIN_NONE)) node_led[n] = phase[0];
      else node_led[n] = 1'b1;
    end
  end
endmodule
