// Small synchronous FIFO with registered full/empty, used as router input buffers and
// controller queues. `ready` depends only on state, never on `push`, so chains of FIFOs have
// no combinational path between them.
module fifo #(
    parameter int W = 8,
    parameter int DEPTH = 2,
    // 1: dout is the head as it was last cycle (a registered read, so that an FPGA keeps the
    // entries in block RAM); the user reads it only a cycle after it saw `valid` and popped
    // nothing, when it is the head still. A push never writes the slot being read then (it
    // would be the head of an empty FIFO, or of a full one, which takes no push).
    parameter bit SYNC_READ = 1'b0
) (
    input  logic         clk,
    input  logic         rst,
    input  logic         push,
    input  logic [W-1:0] din,
    output logic         ready,      // room for a push
    input  logic         pop,
    output logic [W-1:0] dout,
    output logic         valid       // dout holds the oldest entry
);
  localparam int AW = (DEPTH > 1) ? $clog2(DEPTH) : 1;
  // Two entries are flip-flops on an FPGA: a LUT RAM holds 16 words, so for the ~600-bit
  // messages it cost 150 LUT RAM cells (about 900 LUTs) where the flip-flops' read needs a
  // 2-way multiplexer per bit (ram_style is read by Yosys; Verilator ignores it)
  (* ram_style = SYNC_READ ? "block" : (DEPTH > 2) ? "auto" : "logic", no_rw_check *)
  logic [W-1:0]  mem [DEPTH];
  logic [AW-1:0] rd, wr;
  logic [AW:0]   count;

  assign ready = (count != (AW+1)'(DEPTH));
  assign valid = (count != '0);
  if (SYNC_READ) begin : g_rd
    always_ff @(posedge clk) dout <= mem[rd];
  end else begin : g_rd
    assign dout = mem[rd];
  end

  always_ff @(posedge clk) begin
    if (rst) begin
      rd <= '0; wr <= '0; count <= '0;
    end else begin
      if (push && ready) begin
        mem[wr] <= din;
        wr <= (wr == AW'(DEPTH - 1)) ? '0 : wr + 1'b1;
      end
      if (pop && valid) rd <= (rd == AW'(DEPTH - 1)) ? '0 : rd + 1'b1;
      count <= count + (AW+1)'(push && ready) - (AW+1)'(pop && valid);
    end
  end
endmodule
