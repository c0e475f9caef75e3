// Live GPUBuffer count, for the bench page only: GPUDevice.prototype.createBuffer and
// GPUBuffer.prototype.destroy are wrapped once, before any device exists, so every buffer any code
// creates (ours or TF.js's) is counted. A buffer destroyed twice counts once.

export interface BufferCounts {
  created: number;
  destroyed: number;
  live: number;
}

let created = 0;
let destroyed = 0;
const gone = new WeakSet<GPUBuffer>();
let installed = false;

export function installBufferCounters(): void {
  if (installed || typeof GPUDevice === 'undefined') return;
  installed = true;
  const create = GPUDevice.prototype.createBuffer;
  GPUDevice.prototype.createBuffer = function (this: GPUDevice, descriptor: GPUBufferDescriptor) {
    const buffer = create.call(this, descriptor);
    created += 1;
    return buffer;
  };
  const destroy = GPUBuffer.prototype.destroy;
  GPUBuffer.prototype.destroy = function (this: GPUBuffer) {
    if (!gone.has(this)) {
      gone.add(this);
      destroyed += 1;
    }
    return destroy.call(this);
  };
}

export function bufferCounts(): BufferCounts {
  return { created, destroyed, live: created - destroyed };
}
