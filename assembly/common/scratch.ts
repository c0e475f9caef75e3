// This thread's scratch region for conv tiles. Module globals belong to one instance, and each thread runs
// its own instance on the shared memory, so every thread sees its own region here (set once by setScratch).
let region: usize = 0;
let regionFloats: i32 = 0;

export function setScratch(at: usize, floats: i32): void {
  region = at;
  regionFloats = floats;
}

export function scratchAt(): usize {
  return region;
}

export function scratchFloats(): i32 {
  return regionFloats;
}
