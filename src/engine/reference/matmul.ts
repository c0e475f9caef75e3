// CPU reference of matmul, the same op as shaders/matmul.wgsl: the test oracle and the CPU fallback.
//   c[m, n] = act(sum_k op(a)[m, k] * op(b)[k, n] + bias[n]),  op(a) = a [M,K] or aᵀ with a stored [K,M].

/** Float32 for the fallback backend; Float64 lets gradient checks use exact central differences. */
export type Floats = Float32Array | Float64Array;

export type MatmulActivation = 'none' | 'relu';

export interface MatmulDims {
  m: number;
  n: number;
  k: number;
  /** a is stored [K, M] and used transposed. */
  transA?: boolean;
  /** b is stored [N, K] and used transposed. */
  transB?: boolean;
}

export interface MatmulOptions extends MatmulDims {
  bias?: Floats | null;
  activation?: MatmulActivation;
}

/** Writes c = act(op(a)·op(b) + bias); loops ordered so the innermost one walks memory contiguously. */
export function matmul(a: Floats, b: Floats, c: Floats, o: MatmulOptions): Floats {
  const { m, n, k } = o;
  if (a.length < m * k || b.length < k * n || c.length < m * n) {
    throw new Error(`matmul: buffers too small for [${m},${k}]·[${k},${n}]`);
  }
  const row = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    row.fill(0);
    for (let p = 0; p < k; p++) {
      const av = o.transA ? a[p * m + i] : a[i * k + p];
      if (av === 0) continue;
      if (o.transB) for (let j = 0; j < n; j++) row[j] += av * b[j * k + p];
      else {
        const base = p * n;
        for (let j = 0; j < n; j++) row[j] += av * b[base + j];
      }
    }
    for (let j = 0; j < n; j++) {
      const v = row[j] + (o.bias ? o.bias[j] : 0);
      c[i * n + j] = o.activation === 'relu' && v < 0 ? 0 : v;
    }
  }
  return c;
}

/** out[j] = sum_r x[r * cols + j]: the bias gradient (sum of dy over the batch) and split-K's reduction. */
export function reduceRows(x: Floats, out: Floats, rows: number, cols: number): Floats {
  out.fill(0, 0, cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let j = 0; j < cols; j++) out[j] += x[base + j];
  }
  return out;
}
