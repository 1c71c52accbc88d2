// The accumulators: DEPTH rows of COLS int32, one row per output row of a command.
//
// A reduction longer than the array's ROWS is split into folds; each fold's sums are added to
// the rows the previous folds left here (accumulate), and the last fold's sums leave through
// `sum` instead of being written back (keep = 0), so the final results cost no extra pass.
// DEPTH must be a power of two: addresses wrap.
module mxu_acc #(
    parameter int COLS  = 16,
    parameter int DEPTH = 1024
) (
    input  logic                     clk,
    input  logic                     write,       // store `sum` at `addr` this cycle
    input  logic [$clog2(DEPTH)-1:0] addr,
    input  logic                     accumulate,  // sum = psum + row at addr (else psum alone)
    input  logic signed [31:0]       psum[COLS],
    output logic [      COLS*32-1:0] sum
);
  logic [COLS*32-1:0] rows[DEPTH];

  always_comb begin
    for (int c = 0; c < COLS; c++) begin
      sum[32*c+:32] = psum[c] + (accumulate ? rows[addr][32*c+:32] : 32'd0);
    end
  end

  always_ff @(posedge clk) begin
    if (write) rows[addr] <= sum;
  end
endmodule
