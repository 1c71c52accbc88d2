// Triangular delay lines: lane i is delayed by i cycles (ASCENDING) or by LANES-1-i cycles.
//
// The array needs activation k to reach row k k cycles after activation 0 reaches row 0
// (ascending skew on the way in), and it delivers column c's sum c cycles after column 0's,
// so the outputs are realigned with the opposite skew on the way out.
module mxu_skew #(
    parameter int LANES     = 16,
    parameter int WIDTH     = 9,
    parameter bit ASCENDING = 1'b1
) (
    input  logic             clk,
    input  logic             en,
    input  logic [WIDTH-1:0] lane_in [LANES],
    output logic [WIDTH-1:0] lane_out[LANES]
);
  for (genvar i = 0; i < LANES; i++) begin : g_lane
    localparam int DELAY = ASCENDING ? i : LANES - 1 - i;
    if (DELAY == 0) begin : g_wire
      assign lane_out[i] = lane_in[i];
    end else begin : g_delay
      logic [WIDTH-1:0] stage[DELAY];
      always_ff @(posedge clk) begin
        if (en) begin
          stage[0] <= lane_in[i];
          for (int s = 1; s < DELAY; s++) stage[s] <= stage[s-1];
        end
      end
      assign lane_out[i] = stage[DELAY-1];
    end
  end
endmodule
