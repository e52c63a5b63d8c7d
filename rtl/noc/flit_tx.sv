// A network input that sends a message as flits (the boards' serial links, mesh.sv): a header
// flit with the message's first HW bits, then one flit for each 64-bit word of its data that is
// not zero, carrying the word and its index. Most messages (requests, acks, NACKs) have no data,
// and a line of zeros has none either: they cost one flit. The data is kept here while it goes,
// so the message is taken (in_ready) with its header flit. A flit is {tail, payload}.
module flit_tx #(
    parameter int HW = 86,           // header bits: the message's top bits
    parameter int DW = 512,          // data bits below them, in 64-bit words
    parameter int F = 87,            // flit bits: a tail bit and the larger of HW and 64 + index
    localparam int WORDS = DW / 64,
    localparam int IW = $clog2(WORDS)
) (
    input  logic           clk,
    input  logic           rst,
    input  logic           in_valid,
    input  logic [HW+DW-1:0] in_msg,
    input  logic [3:0]     in_dst,
    output logic           in_ready,   // depends on state only, as the FIFO it stands for
    output logic           f_valid,
    output logic [F-1:0]   f_flit,
    output logic [3:0]     f_dst,
    input  logic           f_ready
);
  logic             busy;   // the header has gone; the words in `left` follow
  logic [WORDS-1:0] left, nz;
  logic [DW-1:0]    data;
  logic [3:0]       dst;
  logic [WORDS-1:0] oh;     // the next word to go: the lowest in `left`, one-hot
  logic [IW-1:0]    k;      // ... and its number
  logic [63:0]      word;   // ... and its value
  logic             last;

  // the word is an OR of the words masked by the one-hot choice: a binary-indexed multiplexer
  // cost 70 LUTs more per sender on the boards
  always_comb begin
    for (int w = 0; w < WORDS; w++) nz[w] = |in_msg[w*64 +: 64];
    oh = left & ~(left - 1'b1);
    k = '0;
    word = '0;
    for (int w = 0; w < WORDS; w++) begin
      if (oh[w]) k = k | IW'(w);
      word = word | ({64{oh[w]}} & data[w*64 +: 64]);
    end
    last = (left & (left - 1'b1)) == '0;
  end
  assign in_ready = !busy && f_ready;
  assign f_valid = busy || in_valid;
  assign f_dst = busy ? dst : in_dst;
  assign f_flit = busy ? {last, (F-1)'({k, word})} : {nz == '0, (F-1)'(in_msg[DW +: HW])};

  always_ff @(posedge clk) begin
    if (rst) busy <= 1'b0;
    else if (!busy && in_valid && f_ready && nz != '0) begin
      busy <= 1'b1; left <= nz; data <= in_msg[DW-1:0]; dst <= in_dst;
    end else if (busy && f_ready) begin
      left <= left & (left - 1'b1);
      if (last) busy <= 1'b0;
    end
  end
endmodule
