// Sizes in messages that compare a size with its limit. Rounded, a size just over its limit reads as
// equal to it ("the header is 1.0 MB; the limit is 1.0 MB"); then both are given exactly.

/** `[size, limit]` as `format` writes them, or as exact counts of `unit` when they would read the same. */
export function sizeAndLimit(
  size: number,
  limit: number,
  format: (n: number) => string,
  unit = 'bytes',
): [string, string] {
  const [a, b] = [format(size), format(limit)];
  if (a !== b) return [a, b];
  return [`${size.toLocaleString('en-US')} ${unit}`, `${limit.toLocaleString('en-US')} ${unit}`];
}
