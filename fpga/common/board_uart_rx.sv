// 8N1 UART receiver for the board's host link: a two-flop synchroniser, start-bit detection,
// sampling in the middle of each bit. `valid` pulses for one cycle with the byte; a frame whose
// stop bit is low is dropped (`frame_err` pulses instead).
module board_uart_rx #(
    parameter int CLK_HZ = 25_000_000,
    parameter int BAUD   = 1_000_000
) (
    input  logic       clk,
    input  logic       rst,
    input  logic       rxd,
    output logic       valid,
    output logic [7:0] data,
    output logic       frame_err
);
  localparam int DIV = (CLK_HZ + BAUD / 2) / BAUD;
  localparam int CW = $clog2(DIV * 3 / 2 + 1);
  logic [2:0]    sync;
  logic          busy;
  logic [CW-1:0] cnt;
  logic [3:0]    bitn;
  logic [7:0]    sh;

  always_ff @(posedge clk) begin
    sync <= {sync[1:0], rxd};
    valid <= 1'b0;
    frame_err <= 1'b0;
    if (rst) begin
      sync <= 3'b111;
      busy <= 1'b0;
      cnt <= '0;
      bitn <= '0;
      sh <= '0;
      data <= '0;
    end else if (!busy) begin
      if (sync[2:1] == 2'b10) begin    // falling edge: start bit; first sample 1.5 bits later
        busy <= 1'b1;
        cnt <= CW'(DIV + DIV / 2 - 1);
        bitn <= '0;
      end
    end else if (cnt != 0) begin
      cnt <= cnt - 1'b1;
    end else begin
      cnt <= CW'(DIV - 1);
      if (bitn == 4'd8) begin
        busy <= 1'b0;
        if (sync[2]) begin valid <= 1'b1; data <= sh; end
        else frame_err <= 1'b1;
      end else begin
        sh <= {sync[2], sh[7:1]};
        bitn <= bitn + 4'd1;
      end
    end
  end
endmodule
