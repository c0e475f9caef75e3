// Python source fragments built from layer values. Every value is checked for its type before it is
// written, so a hostile design cannot smuggle code into model.py: numbers must be finite (integers where
// PyTorch wants ints), booleans real booleans, and words one of the kind's known options.

export function pyInt(value: unknown, what: string): string {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new Error(`${what} must be a whole number to export, got ${JSON.stringify(value)}`);
  }
  return String(value);
}

/** A float literal that Python reads back as the same double: JS's shortest round-trip form. */
export function pyFloat(value: unknown, what: string): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`${what} must be a finite number to export, got ${JSON.stringify(value)}`);
  }
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

export function pyBool(value: unknown, what: string): string {
  if (typeof value !== 'boolean') throw new Error(`${what} must be true or false to export`);
  return value ? 'True' : 'False';
}

/** A quoted word that must be one of `options` (e.g. an interpolation mode). */
export function pyWord(value: unknown, options: readonly string[], what: string): string {
  if (typeof value !== 'string' || !options.includes(value)) {
    throw new Error(`${what} must be one of ${options.join(', ')} to export`);
  }
  return `'${value}'`;
}

/** A tuple of whole numbers: (1, 28, 28). */
export function pyInts(value: unknown, length: number, what: string): string {
  if (!Array.isArray(value) || value.length !== length) throw new Error(`${what} must be ${length} numbers`);
  return `(${value.map((v, i) => pyInt(v, `${what}[${i}]`)).join(', ')})`;
}

/** `, name=value` for each keyword whose value differs from PyTorch's default. */
export function keywords(pairs: [string, string, string][]): string {
  return pairs
    .filter(([, value, fallback]) => value !== fallback)
    .map(([name, value]) => `, ${name}=${value}`)
    .join('');
}

/** Checked value writers for one layer, naming it in their errors ("conv1.kernel_size must be ..."). */
export function pyValues(name: string) {
  return {
    int: (v: unknown, p: string) => pyInt(v, `${name}.${p}`),
    float: (v: unknown, p: string) => pyFloat(v, `${name}.${p}`),
    bool: (v: unknown, p: string) => pyBool(v, `${name}.${p}`),
  };
}
