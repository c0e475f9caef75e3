// The 3-D grid of the per-plane image kernels (upsample, adaptive average pooling): x along a row, y down
// the rows, z over the N*C planes. A workgroup's 64 threads go to columns first, then rows, then planes, so
// a small image still fills them; the kernels stride z over the planes, so any batch fits.

const WG = 64;
const MAX_GROUPS = 65535;

type Triple = [number, number, number];

export interface PlaneGrid {
  workgroupSize: Triple;
  workgroups: Triple;
}

const pow2AtLeast = (n: number) => 2 ** Math.ceil(Math.log2(n));

/** The grid over `planes` images of width x height threads; `what` names the op in the error. */
export function planeGrid(width: number, height: number, planes: number, what: string): PlaneGrid {
  const x = Math.min(WG, pow2AtLeast(width));
  const y = Math.min(WG / x, pow2AtLeast(height));
  const z = WG / (x * y);
  const workgroups: Triple = [
    Math.ceil(width / x),
    Math.ceil(height / y),
    Math.min(MAX_GROUPS, Math.ceil(planes / z)),
  ];
  if (workgroups[0] > MAX_GROUPS || workgroups[1] > MAX_GROUPS) {
    throw new Error(
      `${what}: an image of ${height} x ${width} needs more than ${MAX_GROUPS} workgroups along an axis`,
    );
  }
  return { workgroupSize: [x, y, z], workgroups };
}
