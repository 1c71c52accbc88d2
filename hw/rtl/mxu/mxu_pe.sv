// One processing element of the weight-stationary systolic array.
//
// It holds one weight. Activations pass through it from left to right and partial sums from
// top to bottom, one register each, so every wire in the array is one PE long and the array
// scales without long combinational paths. Operands arrive already extended to 9 bits
// (signed or unsigned int8 alike), so the PE multiplies signed 9 x 9 bits and never needs to
// know the command's signedness.
module mxu_pe (
    input  logic               clk,
    input  logic               en,       // the whole array advances together or stalls
    input  logic               load,     // weight load: take w_in, pass the old weight down
    input  logic signed [ 8:0] w_in,
    output logic signed [ 8:0] w_out,
    input  logic signed [ 8:0] a_in,
    output logic signed [ 8:0] a_out,
    input  logic signed [31:0] psum_in,
    output logic signed [31:0] psum_out
);
  logic signed [ 8:0] w_q;
  // 18 bits hold any product of two 9-bit operands: 255 * 255 and -128 * 255 alike.
  logic signed [17:0] product;

  assign product = 18'(a_in) * 18'(w_q);
  assign w_out   = w_q;

  always_ff @(posedge clk) begin
    if (en) begin
      if (load) w_q <= w_in;
      a_out    <= a_in;
      psum_out <= psum_in + 32'(product);
    end
  end
endmodule
