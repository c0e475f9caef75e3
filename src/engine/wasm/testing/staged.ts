// Test adapter: wraps CpuOps so that typed arrays anywhere in an op's arguments (HostTensor data, indices,
// optimizer state) are copied into alloc'ed arrays before the call and back afterwards. Tests written
// against the reference's plain arrays then run unchanged on the wasm ops. An array passed twice is staged
// once, so aliasing is kept. Float64 values are rounded to float32 on the way in.
import type { CpuOps } from '../../cpu-ops';

type Typed = Float32Array | Float64Array | Uint32Array | Int32Array;

const isTyped = (v: unknown): v is Typed =>
  v instanceof Float32Array ||
  v instanceof Float64Array ||
  v instanceof Uint32Array ||
  v instanceof Int32Array;

class Stage {
  private readonly copies = new Map<Typed, Typed>();
  private readonly undo: (() => void)[] = [];

  constructor(private readonly ops: CpuOps) {}

  /** The argument with its typed arrays replaced by staged copies (objects are edited in place, then restored). */
  in(value: unknown): unknown {
    if (isTyped(value)) return this.copy(value);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const o = value as Record<string, unknown>;
      for (const [key, v] of Object.entries(o)) {
        const staged = this.in(v);
        if (staged !== v) {
          o[key] = staged;
          this.undo.push(() => void (o[key] = v));
        }
      }
    }
    return value;
  }

  /** The caller's array for a staged copy (ops such as linearForward return their output). */
  original(value: unknown): unknown {
    for (const [original, copy] of this.copies) if (copy === value) return original;
    return value;
  }

  /** Copies every staged array back into its original and restores the edited objects. */
  out(): void {
    for (const [original, copy] of this.copies) original.set(copy);
    for (const undo of this.undo.reverse()) undo();
  }

  private copy(a: Typed): Typed {
    let c = this.copies.get(a);
    if (!c) {
      const slots = this.ops.alloc(a.length);
      c =
        a instanceof Uint32Array
          ? new Uint32Array(slots.buffer, slots.byteOffset, a.length)
          : a instanceof Int32Array
            ? new Int32Array(slots.buffer, slots.byteOffset, a.length)
            : slots;
      c.set(a);
      this.copies.set(a, c);
    }
    return c;
  }
}

export function staged(ops: CpuOps): CpuOps {
  const wrapped: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(ops)) {
    if (typeof member !== 'function' || name === 'alloc' || name === 'dispose' || name.endsWith('State')) {
      wrapped[name] = member;
      continue;
    }
    wrapped[name] = (...args: unknown[]) => {
      const stage = new Stage(ops);
      const staged = args.map((a) => stage.in(a));
      try {
        return stage.original((member as (...a: unknown[]) => unknown)(...staged));
      } finally {
        stage.out();
      }
    };
  }
  return wrapped as unknown as CpuOps;
}
