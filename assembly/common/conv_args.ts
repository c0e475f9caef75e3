// Writes a conv kernel's geometry arguments into the ConvShape at the start of its thread's scratch.
import { ConvShape } from './im2col';
import { shapeAt } from './conv_tiles';

export function setShape(
  scratch: usize,
  cin: i32,
  h: i32,
  w: i32,
  kh: i32,
  kw: i32,
  oh: i32,
  ow: i32,
  sh: i32,
  sw: i32,
  ph: i32,
  pw: i32,
  dh: i32,
  dw: i32,
): ConvShape {
  const s = shapeAt(scratch);
  s.cin = cin;
  s.h = h;
  s.w = w;
  s.kh = kh;
  s.kw = kw;
  s.oh = oh;
  s.ow = ow;
  s.sh = sh;
  s.sw = sw;
  s.ph = ph;
  s.pw = pw;
  s.dh = dh;
  s.dw = dw;
  return s;
}
