// The wasm linear memory and a bump allocator over it. Arrays handed out by alloc() are views of the memory
// at 64-byte boundaries; kernels get their byte offsets. Nothing is freed one by one: release() takes back
// every array at once (a model rebuilt on the same backend starts from the bottom again).
//
// Growth: a shared memory (threads, cross-origin isolated pages, Node) grows in place and earlier views stay
// valid, so it grows on demand. A plain memory detaches every earlier view when it grows, so it is sized up
// front (`reserveBytes`) and alloc() refuses to grow it once an array has been handed out, rather than
// leaving earlier arrays silently empty; address() also refuses a detached view.

export const PAGE = 65536;
/** Every vector loop may read up to 64 bytes past an array; the memory always has that much beyond the top. */
export const SLACK = 64;
/** Every array starts at a multiple of this many bytes. */
export const ALIGN = 64;

const alignUp = (n: number, a: number) => Math.ceil(n / a) * a;

export class WasmArena {
  private top: number;
  private handedOut = 0;
  /** Where the first array went: the backend's own reserves end here, and release() comes back to it. */
  private floor: number | null = null;
  /** Every buffer the memory has had: a shared memory's views of before a growth stay valid. */
  private readonly buffers = new WeakSet<ArrayBufferLike>();

  constructor(
    readonly memory: WebAssembly.Memory,
    readonly shared: boolean,
    /** First free byte: where the module's own static data ends. */
    base: number,
  ) {
    this.top = alignUp(base, ALIGN);
    this.buffers.add(memory.buffer);
  }

  /** Bytes for the backend's own use (thread control, scratch), before any array is handed out. */
  reserve(bytes: number): number {
    const at = this.top;
    this.ensure(at + bytes);
    this.top = alignUp(at + bytes, ALIGN);
    return at;
  }

  alloc(floats: number): Float32Array {
    if (!Number.isInteger(floats) || floats < 0) {
      throw new Error(`wasm ops: alloc needs a whole number of floats >= 0, got ${floats}`);
    }
    this.floor ??= this.top;
    const at = this.reserve(floats * 4);
    this.handedOut++;
    return new Float32Array(this.memory.buffer, at, floats);
  }

  /**
   * Takes back every array alloc() handed out (they must not be used again: their bytes go to the next
   * arrays) and makes room for `capacityBytes` of new ones. A plain memory may grow here, since no array
   * is out; it then holds arrays of up to that many bytes without growing again.
   */
  release(capacityBytes = 0): void {
    if (this.floor !== null) {
      // alloc() hands out zeroed arrays: clear what the released ones held.
      new Uint8Array(this.memory.buffer, this.floor, this.top - this.floor).fill(0);
      this.top = this.floor;
    }
    this.handedOut = 0;
    this.ensure(this.top + capacityBytes);
  }

  /** The byte offset of a view of this memory, for a kernel; throws when it is elsewhere or detached. */
  address(what: string, a: ArrayBufferView): number {
    const inside = this.shared ? this.buffers.has(a.buffer) : a.buffer === this.memory.buffer;
    if (!inside) {
      throw new Error(
        `wasm ops: ${what} is not in this backend's memory (allocate it with ops.alloc; ` +
          'in a page without cross-origin isolation an array is also lost when the memory grows)',
      );
    }
    return a.byteOffset;
  }

  private ensure(end: number): void {
    const need = end + SLACK - this.memory.buffer.byteLength;
    if (need <= 0) return;
    if (!this.shared && this.handedOut > 0) {
      throw new Error(
        `wasm ops: the ${this.memory.buffer.byteLength >> 20} MiB reserved are used up; without ` +
          'cross-origin isolation the memory cannot grow without losing the arrays already allocated, ' +
          'so create the ops with a larger reserveBytes',
      );
    }
    try {
      this.memory.grow(Math.ceil(need / PAGE));
    } catch {
      throw new Error(`wasm ops: out of memory growing to ${Math.ceil((end + SLACK) / 2 ** 20)} MiB`);
    }
    this.buffers.add(this.memory.buffer);
  }
}
