// avg_pool2d's divisor for the window starting at (hs, ws), by PyTorch's rule (the reference's
// avgPoolDivisor): the window is clipped to the padded input first (so the ceil_mode overhang never counts),
// then to the input itself when padding is excluded.
export function avgDivisor(
  hs: i32,
  ws: i32,
  kh: i32,
  kw: i32,
  h: i32,
  w: i32,
  ph: i32,
  pw: i32,
  includePad: bool,
): f64 {
  const he = min(hs + kh, h + ph);
  const we = min(ws + kw, w + pw);
  if (includePad) return <f64>((he - hs) * (we - ws));
  return <f64>((min(he, h) - max(hs, 0)) * (min(we, w) - max(ws, 0)));
}
