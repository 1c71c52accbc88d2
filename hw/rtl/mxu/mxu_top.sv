// The matrix engine's datapath: a ROWS x COLS weight-stationary systolic array of int8 MACs
// with int32 accumulators, its skew buffers and its control.
//
// One command is one fold: ROWS weight rows, then cmd_m activation rows of ROWS elements,
// giving cmd_m rows of COLS int32 sums (zero-pad a smaller tile). The sums go to the
// accumulators (cmd_emit = 0) or leave on the result stream (cmd_emit = 1), in either case
// added to the accumulator rows at cmd_acc_addr when cmd_accumulate is set.
//
// Streams are valid/ready; a beat moves when both are high at a rising clock edge.
//   w:   weight rows, bottom row first (row ROWS-1 of the tile, ..., row 0): the rows shift
//        down the array, so the first one in ends at the bottom. Byte c is column c.
//   a:   activation rows; byte k is element k (the reduction index).
//   res: result rows in order; bits [32c+31:32c] are column c.
// The whole array stalls while an activation row is missing or a result is not taken, so
// sums never need buffering.
//
// Cycles without stalls, counting the command handshake as cycle 0: weight rows at cycles
// 1..ROWS, the last result at cycle cmd_m + 2*ROWS + COLS (docs/mxu.md), and the next
// command can be accepted in that same cycle.
module mxu_top #(
    parameter int ROWS      = 16,
    parameter int COLS      = 16,
    parameter int ACC_DEPTH = 1024
) (
    input  logic                         clk,
    input  logic                         rst_n,
    input  logic                         cmd_valid,
    output logic                         cmd_ready,
    input  logic [                 15:0] cmd_m,
    input  logic [$clog2(ACC_DEPTH)-1:0] cmd_acc_addr,
    input  logic                         cmd_accumulate,
    input  logic                         cmd_emit,
    input  logic                         cmd_a_signed,    // else activations are uint8
    input  logic                         cmd_w_signed,    // else weights are uint8
    input  logic                         w_valid,
    output logic                         w_ready,
    input  logic [           COLS*8-1:0] w_data,
    input  logic                         a_valid,
    output logic                         a_ready,
    input  logic [           ROWS*8-1:0] a_data,
    output logic                         res_valid,
    input  logic                         res_ready,
    output logic [          COLS*32-1:0] res_data,
    output logic                         idle             // no command running, no result held
);
  localparam int AW = $clog2(ACC_DEPTH);
  // An activation row taken at stream step m leaves the output skew at step m + LAT: ROWS
  // rows of PEs, plus the COLS-1 cycles column 0 waits for the last column.
  localparam logic [16:0] LAT = 17'(ROWS + COLS - 1);

  typedef enum logic [1:0] {
    S_IDLE,
    S_LOAD,
    S_STREAM
  } state_e;

  state_e          state;
  logic     [16:0] step;  // LOAD: weight rows taken; STREAM: steps since the first activation
  logic     [16:0] m_q;
  logic [AW-1:0] acc_addr_q;
  logic accumulate_q, emit_q, a_signed_q, w_signed_q;

  logic feeding, out_row, res_free, adv, last_step;
  logic signed [8:0] w_top[COLS], a_in[ROWS], a_left[ROWS];
  logic signed [31:0] psum_bottom[COLS], psum_aligned[COLS];
  logic [COLS*32-1:0] acc_sum;

  // int8 or uint8 become one signed 9-bit operand.
  function automatic logic signed [8:0] extend(logic [7:0] v, logic is_signed);
    return {is_signed & v[7], v};
  endfunction

  assign feeding   = state == S_STREAM && step < m_q;
  assign out_row   = state == S_STREAM && step >= LAT && step < m_q + LAT;
  assign last_step = step == m_q + LAT - 17'd1;
  assign res_free  = !res_valid || res_ready;

  always_comb begin
    unique case (state)
      S_LOAD:   adv = w_valid;
      S_STREAM: adv = res_free && (!feeding || a_valid);
      default:  adv = 1'b0;
    endcase
  end

  assign cmd_ready = state == S_IDLE;
  assign w_ready   = state == S_LOAD;
  assign a_ready   = feeding && res_free;
  assign idle      = state == S_IDLE && !res_valid;

  always_comb begin
    for (int c = 0; c < COLS; c++) w_top[c] = extend(w_data[8*c+:8], w_signed_q);
    // Zeros outside the stream flush the array, so no command sees another's operands.
    for (int k = 0; k < ROWS; k++) a_in[k] = feeding ? extend(a_data[8*k+:8], a_signed_q) : '0;
  end

  always_ff @(posedge clk) begin
    if (!rst_n) begin
      state     <= S_IDLE;
      step      <= '0;
      res_valid <= 1'b0;
    end else begin
      unique case (state)
        S_IDLE:
        if (cmd_valid) begin
          state        <= S_LOAD;
          step         <= '0;
          m_q          <= {1'b0, cmd_m};
          acc_addr_q   <= cmd_acc_addr;
          accumulate_q <= cmd_accumulate;
          emit_q       <= cmd_emit;
          a_signed_q   <= cmd_a_signed;
          w_signed_q   <= cmd_w_signed;
        end
        S_LOAD:
        if (adv) begin
          step <= step == 17'(ROWS - 1) ? '0 : step + 17'd1;
          if (step == 17'(ROWS - 1)) state <= S_STREAM;
        end
        default:
        if (adv) begin
          step <= step + 17'd1;
          if (last_step) state <= S_IDLE;
        end
      endcase
      if (adv && out_row && emit_q) begin
        res_valid <= 1'b1;
        res_data  <= acc_sum;
      end else if (res_ready) begin
        res_valid <= 1'b0;
      end
    end
  end

  mxu_skew #(
      .LANES    (ROWS),
      .WIDTH    (9),
      .ASCENDING(1'b1)
  ) u_in_skew (
      .clk     (clk),
      .en      (adv),
      .lane_in (a_in),
      .lane_out(a_left)
  );

  mxu_array #(
      .ROWS(ROWS),
      .COLS(COLS)
  ) u_array (
      .clk        (clk),
      .en         (adv),
      .load       (state == S_LOAD),
      .w_top      (w_top),
      .a_left     (a_left),
      .psum_bottom(psum_bottom)
  );

  mxu_skew #(
      .LANES    (COLS),
      .WIDTH    (32),
      .ASCENDING(1'b0)
  ) u_out_skew (
      .clk     (clk),
      .en      (adv),
      .lane_in (psum_bottom),
      .lane_out(psum_aligned)
  );

  mxu_acc #(
      .COLS (COLS),
      .DEPTH(ACC_DEPTH)
  ) u_acc (
      .clk       (clk),
      .write     (adv && out_row && !emit_q),
      .addr      (acc_addr_q + AW'(step - LAT)),
      .accumulate(accumulate_q),
      .psum      (psum_aligned),
      .sum       (acc_sum)
  );
endmodule
