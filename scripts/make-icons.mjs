// Writes the PWA icons (public/icons/icon-<size>.png) with no image library: a 3x3 grid of cells on a dark
// square, the look of a convolution kernel, as RGBA PNGs deflated with Node's zlib. Run: node scripts/make-icons.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BACKGROUND = [0x1f, 0x29, 0x37, 0xff];
const CELLS = [0.35, 0.75, 0.5, 0.9, 1, 0.8, 0.45, 0.7, 0.3]; // brightness of each kernel cell
const ACCENT = [0x38, 0xbd, 0xf8];

// CRC-32 as the PNG chunk checksum needs it (polynomial 0xEDB88320).
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function pixel(size, x, y) {
  // Maskable icons keep their content inside the central 80% circle, so the grid spans the middle 50%.
  const grid = size * 0.5;
  const origin = (size - grid) / 2;
  const gap = grid * 0.06;
  const cell = (grid - 2 * gap) / 3;
  const gx = x - origin;
  const gy = y - origin;
  if (gx < 0 || gy < 0 || gx >= grid || gy >= grid) return BACKGROUND;
  const col = Math.floor(gx / (cell + gap));
  const row = Math.floor(gy / (cell + gap));
  if (gx - col * (cell + gap) >= cell || gy - row * (cell + gap) >= cell) return BACKGROUND;
  const t = CELLS[row * 3 + col];
  return [...ACCENT.map((c, i) => Math.round(BACKGROUND[i] + t * (c - BACKGROUND[i]))), 0xff];
}

function png(size) {
  const raw = Buffer.alloc(size * (1 + size * 4));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 4); // each scanline starts with filter type 0 (none)
    for (let x = 0; x < size; x++) Buffer.from(pixel(size, x, y)).copy(raw, row + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter set, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = new URL('../public/icons/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const size of [192, 512]) writeFileSync(new URL(`icon-${size}.png`, dir), png(size));
