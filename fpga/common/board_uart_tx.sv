// 8N1 UART transmitter for the board's host link: `ready` is high when a byte may be given with
// `valid`; the line idles high.
module board_uart_tx #(
    parameter int CLK_HZ = 25_000_000,
    parameter int BAUD   = 1_000_000
) (
    input  logic       clk,
    input  logic       rst,
    input  logic       valid,
    input  logic [7:0] data,
    output logic       ready,
    output logic       txd
);
  localparam int DIV = (CLK_HZ + BAUD / 2) / BAUD;
  localparam int CW = $clog2(DIV + 1);
  logic [CW-1:0] cnt;
  logic [3:0]    bitn;
  logic [9:0]    sh;

  // a bit lasts DIV cycles, the stop bit included: ready once it has
  assign ready = (bitn == 4'd0) && (cnt == 0);
  always_ff @(posedge clk) begin
    if (rst) begin
      txd <= 1'b1;
      cnt <= '0;
      bitn <= '0;
      sh <= '1;
    end else if (ready) begin
      if (valid) begin
        sh <= {1'b1, data, 1'b0};
        bitn <= 4'd10;
        cnt <= '0;
      end
    end else if (cnt != 0) begin
      cnt <= cnt - 1'b1;
    end else if (bitn != 4'd0) begin
      txd <= sh[0];
      sh <= {1'b1, sh[9:1]};
      cnt <= CW'(DIV - 1);
      bitn <= bitn - 4'd1;
    end
  end
endmodule
