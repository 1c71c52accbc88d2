// The ROWS x COLS grid of processing elements, weight-stationary.
//
// PE (r, c) holds weight W[r][c]: rows index the reduction dimension K, columns the output
// dimension N. Weights are loaded by shifting rows in at the top for ROWS cycles (the row
// shifted in first ends up in the bottom row). Activation k of an input row enters row k at
// the left; partial sums start at zero at the top and leave column c at the bottom as
// sum_k A[k] * W[k][c].
module mxu_array #(
    parameter int ROWS = 16,
    parameter int COLS = 16
) (
    input  logic               clk,
    input  logic               en,
    input  logic               load,
    input  logic signed [ 8:0] w_top     [COLS],
    input  logic signed [ 8:0] a_left    [ROWS],
    output logic signed [31:0] psum_bottom[COLS]
);
  // Nets between neighbours; index ROWS / COLS is the edge past the last PE.
  logic signed [ 8:0] w_v[ROWS+1][COLS];
  logic signed [ 8:0] a_h[ROWS][COLS+1];
  logic signed [31:0] p_v[ROWS+1][COLS];

  for (genvar c = 0; c < COLS; c++) begin : g_col_edges
    assign w_v[0][c]      = w_top[c];
    assign p_v[0][c]      = '0;
    assign psum_bottom[c] = p_v[ROWS][c];
  end
  for (genvar r = 0; r < ROWS; r++) begin : g_row_edges
    assign a_h[r][0] = a_left[r];
  end

  for (genvar r = 0; r < ROWS; r++) begin : g_row
    for (genvar c = 0; c < COLS; c++) begin : g_col
      mxu_pe u_pe (
          .clk     (clk),
          .en      (en),
          .load    (load),
          .w_in    (w_v[r][c]),
          .w_out   (w_v[r+1][c]),
          .a_in    (a_h[r][c]),
          .a_out   (a_h[r][c+1]),
          .psum_in (p_v[r][c]),
          .psum_out(p_v[r+1][c])
      );
    end
  end
endmodule
