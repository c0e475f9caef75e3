// Where a loss leaves its scalar results for JavaScript: the batch-mean loss as a float64 at `result` and
// the correct count as an int32 at result + 8.
export function writeResult(result: usize, loss: f64, correct: i32): void {
  store<f64>(result, loss);
  store<i32>(result, correct, 8);
}
