// Reads binding declarations and uniform struct layouts straight from WGSL source, so that the
// TypeScript side never counts offsets by hand and cannot drift from the shader.

export type BindingAccess = 'uniform' | 'read-only-storage' | 'storage';

export interface ReflectedBinding {
  binding: number;
  name: string;
  access: BindingAccess;
}

export interface StructField {
  name: string;
  type: ScalarType;
  offset: number;
}

export type ScalarType = 'u32' | 'i32' | 'f32';

const BINDING_RE = /@group\(\s*0\s*\)\s*@binding\(\s*(\d+)\s*\)\s*var(?:<\s*([\w\s,]+?)\s*>)?\s+(\w+)\s*:/g;

/** Every `@group(0) @binding(n) var<...> name` in binding order. */
export function reflectBindings(wgsl: string): ReflectedBinding[] {
  const out: ReflectedBinding[] = [];
  for (const match of stripComments(wgsl).matchAll(BINDING_RE)) {
    const [, index, qualifier = '', name] = match;
    const parts = qualifier.split(',').map((s) => s.trim());
    let access: BindingAccess;
    if (parts[0] === 'uniform') access = 'uniform';
    else if (parts[0] === 'storage') access = parts[1] === 'read_write' ? 'storage' : 'read-only-storage';
    else throw new Error(`binding ${name}: unsupported address space '${qualifier}'`);
    out.push({ binding: Number(index), name, access });
  }
  return out.sort((a, b) => a.binding - b.binding);
}

/** The type name of the uniform binding (`var<uniform> params: Params` gives 'Params'), if there is one. */
export function reflectUniformStruct(wgsl: string): string | undefined {
  return /var\s*<\s*uniform\s*>\s*\w+\s*:\s*(\w+)/.exec(stripComments(wgsl))?.[1];
}

/**
 * Layout of a struct made of 4-byte scalars (u32, i32, f32): each at the next 4-byte offset, the
 * whole rounded up to 16 bytes as uniform buffers require.
 */
export function reflectStruct(wgsl: string, structName: string): { fields: StructField[]; size: number } {
  const re = new RegExp(`struct\\s+${structName}\\s*\\{([^}]*)\\}`);
  const body = re.exec(stripComments(wgsl))?.[1];
  if (body === undefined) throw new Error(`struct ${structName} not found in WGSL`);
  const fields: StructField[] = [];
  for (const decl of body.split(',')) {
    const m = /^\s*(\w+)\s*:\s*(\w+)\s*$/.exec(decl);
    if (!m) {
      if (decl.trim() === '') continue;
      throw new Error(
        `struct ${structName}: unsupported field '${decl.trim()}' (only u32, i32, f32 scalars)`,
      );
    }
    const type = m[2];
    if (type !== 'u32' && type !== 'i32' && type !== 'f32') {
      throw new Error(
        `struct ${structName}: field ${m[1]} has type ${type}; only u32, i32, f32 are supported`,
      );
    }
    fields.push({ name: m[1], type, offset: fields.length * 4 });
  }
  return { fields, size: Math.max(16, Math.ceil((fields.length * 4) / 16) * 16) };
}

function stripComments(wgsl: string): string {
  return wgsl.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
}
