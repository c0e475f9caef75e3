// A kernel spec names no bindings, uniform struct or helpers: all are read from its WGSL.
import { describe, expect, it } from 'vitest';
import { bindingsOf, checkSpecAgainstWgsl, commonOf, fullSource, type KernelSpec } from './kernel';
import { COMMON_WGSL } from './kernels/common';
import { reflectUniformStruct } from './wgsl-reflect';

const source = `
// @group(0) @binding(9) var<storage, read> commented_out: array<f32>;
struct Params { n: u32, alpha: f32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;
`;
const spec: KernelSpec = { name: 'k', source, workgroupSize: [64] };

describe('kernel specs read from the WGSL', () => {
  it('take the bindings in binding order, with their access', () => {
    expect(bindingsOf(spec)).toEqual([
      { name: 'params', access: 'uniform' },
      { name: 'x', access: 'read-only-storage' },
      { name: 'y', access: 'storage' },
    ]);
    expect(() => checkSpecAgainstWgsl(spec)).not.toThrow();
  });

  it("take the uniform binding's struct type, and none without one", () => {
    expect(reflectUniformStruct(source)).toBe('Params');
    expect(
      reflectUniformStruct('@group(0) @binding(0) var<storage, read_write> y: array<f32>;'),
    ).toBeUndefined();
  });

  it('refuse bindings that skip a number, or a spec that names others', () => {
    const gap = source.replace('@binding(2)', '@binding(3)');
    expect(() => checkSpecAgainstWgsl({ ...spec, source: gap })).toThrow(/differ from WGSL/);
    const named = { ...spec, bindings: [{ name: 'x', access: 'read-only-storage' as const }] };
    expect(() => checkSpecAgainstWgsl(named)).toThrow(/differ from WGSL/);
  });

  it("count a common helper's bindings and struct as the kernel's own", () => {
    const kernel = source.replace('@group(0) @binding(0) var<uniform> params: Params;\n', '');
    const withIndex: KernelSpec = { ...spec, source: `// common: index\n${kernel}` };
    expect(bindingsOf(withIndex)).toEqual(bindingsOf(spec));
    expect(() => checkSpecAgainstWgsl(withIndex)).not.toThrow();
    expect(() => checkSpecAgainstWgsl({ ...spec, source: kernel })).toThrow(/differ from WGSL/);
  });

  it('prepend the common helpers the WGSL names, in its order, after its directives', () => {
    const wgsl = `enable subgroups;\n// common: index quad\n${source}`;
    expect(commonOf('k', wgsl)).toEqual([COMMON_WGSL.index, COMMON_WGSL.quad]);
    const full = fullSource({ ...spec, source: wgsl });
    expect(full.startsWith(`enable subgroups;\n${COMMON_WGSL.index}\n${COMMON_WGSL.quad}\n`)).toBe(true);
    expect(commonOf('k', source)).toEqual([]);
    expect(() => commonOf('k', '// common: index nope\n')).toThrow(/kernel k: no shaders\/common\/nope.wgsl/);
  });
});
