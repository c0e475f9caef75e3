// Kernel specs: one per WGSL entry file. The bindings, the uniform struct and the override constants are read
// from the WGSL itself, the entry file with the common helpers it names (a spec that names them anyway is
// checked against it when the pipeline is built), so they cannot drift.
import {
  reflectBindings,
  reflectStruct,
  reflectUniformStruct,
  type BindingAccess,
  type StructField,
} from './wgsl-reflect';
import { COMMON_WGSL } from './kernels/common';

export interface KernelSpec {
  /** Label of every GPU object made for this kernel, and the .wgsl file stem. */
  name: string;
  /** The entry file's WGSL. */
  source: string;
  /** Binding names in binding order, with access; must equal what the WGSL declares (default: read from it). */
  bindings?: readonly { name: string; access: BindingAccess }[];
  /** Name of the uniform struct type (default: the type of the WGSL's `var<uniform>`, if any). */
  uniformStruct?: string;
  /** Workgroup size; passed to WGSL as the override constants WG_X, WG_Y, WG_Z when it declares them. */
  workgroupSize: readonly [number, number?, number?];
  /** Other override constants, e.g. tile sizes or an activation switch. */
  constants?: Readonly<Record<string, number>>;
}

export interface Kernel {
  spec: KernelSpec;
  /** Binding names and access in binding order (see bindingsOf). */
  bindings: readonly { name: string; access: BindingAccess }[];
  pipeline: GPUComputePipeline;
  layout: GPUBindGroupLayout;
  uniformFields: StructField[];
  uniformSize: number;
}

const DIRECTIVE = /^(?:enable|diagnostic|requires)\b[^;]*;$\n?/gm;
/** A kernel's `// common: index conv` line: the shaders/common/ helpers it uses, in order. */
const COMMON_LINE = /^\/\/ common:(.*)$/m;

/** The shaders/common/ helpers the WGSL names on its `// common:` line; throws on an unknown name. */
export function commonOf(name: string, wgsl: string): string[] {
  const names = COMMON_LINE.exec(wgsl)?.[1].trim().split(/\s+/) ?? [];
  return names.map((helper) => {
    if (!Object.hasOwn(COMMON_WGSL, helper))
      throw new Error(
        `kernel ${name}: no shaders/common/${helper}.wgsl (known: ${Object.keys(COMMON_WGSL)})`,
      );
    return COMMON_WGSL[helper];
  });
}

/** The kernel's WGSL after its common helpers; directives (enable, diagnostic) must come first, so they lead. */
export function fullSource(spec: KernelSpec): string {
  const directives = (spec.source.match(DIRECTIVE) ?? []).map((d) => d.trim());
  return [...directives, ...commonOf(spec.name, spec.source), spec.source.replace(DIRECTIVE, '')].join('\n');
}

/** The kernel's bindings in binding order: the spec's, or else those its WGSL and its helpers declare. */
export function bindingsOf(spec: KernelSpec): readonly { name: string; access: BindingAccess }[] {
  return spec.bindings ?? reflectBindings(fullSource(spec)).map(({ name, access }) => ({ name, access }));
}

/** Throws if the spec's bindings differ from those declared in the WGSL, or these skip a number. */
export function checkSpecAgainstWgsl(spec: KernelSpec): void {
  const declared = reflectBindings(fullSource(spec));
  const bindings = bindingsOf(spec);
  const names = (list: readonly { name: string; access: string }[]) =>
    list.map((b) => `${b.name}:${b.access}`).join(', ');
  if (names(declared) !== names(bindings) || declared.some((b, i) => b.binding !== i)) {
    throw new Error(
      `kernel ${spec.name}: spec bindings [${names(bindings)}] differ from WGSL [${names(declared)}]`,
    );
  }
  const uniform = uniformStructOf(spec);
  if (uniform && !bindings.some((b) => b.access === 'uniform')) {
    throw new Error(`kernel ${spec.name}: uniformStruct ${uniform} but no uniform binding`);
  }
}

function uniformStructOf(spec: KernelSpec): string | undefined {
  return spec.uniformStruct ?? reflectUniformStruct(fullSource(spec));
}

// Pipelines live per device in a WeakMap so a destroyed or lost device takes its cache with it.
const cache = new WeakMap<GPUDevice, Map<string, Kernel>>();

function overrideConstants(spec: KernelSpec): Record<string, number> {
  const src = fullSource(spec);
  const out: Record<string, number> = {};
  const [x, y = 1, z = 1] = spec.workgroupSize;
  if (/override\s+WG_X\b/.test(src)) out.WG_X = x;
  if (/override\s+WG_Y\b/.test(src)) out.WG_Y = y;
  if (/override\s+WG_Z\b/.test(src)) out.WG_Z = z;
  return { ...out, ...spec.constants };
}

export function getKernel(device: GPUDevice, spec: KernelSpec): Kernel {
  let perDevice = cache.get(device);
  if (!perDevice) cache.set(device, (perDevice = new Map()));
  const constants = overrideConstants(spec);
  const key = `${spec.name}|${JSON.stringify(constants)}`;
  const hit = perDevice.get(key);
  if (hit) return hit;

  checkSpecAgainstWgsl(spec);
  const bindings = bindingsOf(spec);
  const label = spec.name;
  const module = device.createShaderModule({ label, code: fullSource(spec) });
  const layout = device.createBindGroupLayout({
    label,
    entries: bindings.map((b, binding) => ({
      binding,
      visibility: GPUShaderStage.COMPUTE,
      buffer: { type: b.access },
    })),
  });
  const pipeline = device.createComputePipeline({
    label,
    layout: device.createPipelineLayout({ label, bindGroupLayouts: [layout] }),
    compute: { module, entryPoint: 'main', constants },
  });
  const uniform = uniformStructOf(spec);
  const struct = uniform ? reflectStruct(fullSource(spec), uniform) : { fields: [], size: 0 };
  const kernel: Kernel = {
    spec,
    bindings,
    pipeline,
    layout,
    uniformFields: struct.fields,
    uniformSize: struct.size,
  };
  perDevice.set(key, kernel);
  return kernel;
}

/** Packs uniform values by field name into the struct layout read from WGSL. Every field must be given. */
export function packUniforms(kernel: Kernel, values: Readonly<Record<string, number>>): ArrayBuffer {
  const buffer = new ArrayBuffer(kernel.uniformSize);
  const view = new DataView(buffer);
  for (const field of kernel.uniformFields) {
    const v = values[field.name];
    if (v === undefined) throw new Error(`kernel ${kernel.spec.name}: uniform ${field.name} not given`);
    if (field.type === 'f32') view.setFloat32(field.offset, v, true);
    else if (field.type === 'u32') view.setUint32(field.offset, v, true);
    else view.setInt32(field.offset, v, true);
  }
  for (const name of Object.keys(values)) {
    if (!kernel.uniformFields.some((f) => f.name === name)) {
      throw new Error(`kernel ${kernel.spec.name}: unknown uniform ${name}`);
    }
  }
  return buffer;
}

export type BindingResource = GPUBuffer | { buffer: GPUBuffer; offset?: number; size?: number };

/** A bind group from named buffers; names must match the spec exactly. */
export function bindKernel(
  device: GPUDevice,
  kernel: Kernel,
  resources: Readonly<Record<string, BindingResource>>,
  label = kernel.spec.name,
): GPUBindGroup {
  const expected = kernel.bindings.map((b) => b.name);
  const given = Object.keys(resources);
  const missing = expected.filter((n) => !(n in resources));
  const extra = given.filter((n) => !expected.includes(n));
  if (missing.length || extra.length) {
    throw new Error(`kernel ${kernel.spec.name}: missing bindings [${missing}] unexpected [${extra}]`);
  }
  return device.createBindGroup({
    label,
    layout: kernel.layout,
    entries: expected.map((name, binding) => {
      const r = resources[name];
      // A GPUBuffer has no `buffer` property; a buffer binding (with offset/size) does.
      return { binding, resource: 'buffer' in r ? r : { buffer: r } };
    }),
  });
}

/** Ceil-divides a thread count into workgroups. */
export function groups(threads: number, perGroup: number): number {
  return Math.max(1, Math.ceil(threads / perGroup));
}

const MAX_GROUPS = 65535;

/**
 * Workgroup counts for a 1-D problem of `threads` threads, folded into (x, y) when it needs more than
 * 65535 workgroups; WGSL recovers the flat index with `flat_index` from shaders/common/index.wgsl.
 */
export function groups1d(threads: number, perGroup: number): [number, number] {
  const total = groups(threads, perGroup);
  if (total <= MAX_GROUPS) return [total, 1];
  const y = Math.ceil(total / MAX_GROUPS);
  return [Math.ceil(total / y), y];
}
