// Shares work among threads: part `part` of `parts` owns items [partStart(n, part), partStart(n, part + 1)).
// Every kernel splits only over outputs, so each output is summed in the same order whatever the split.

/** floor(count * part / parts), in 64 bits so large counts cannot overflow. */
export function partStart(count: i32, part: i32, parts: i32): i32 {
  return <i32>((<i64>count * part) / parts);
}
