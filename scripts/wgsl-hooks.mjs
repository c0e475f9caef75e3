// Node module hooks: `import src from './x.wgsl?raw'` yields the file's text, as Vite does in the app.
import { readFile } from 'node:fs/promises';

export async function resolve(specifier, context, next) {
  if (/\.wgsl\?raw$/.test(specifier)) {
    return { url: new URL(specifier, context.parentURL).href, shortCircuit: true, format: 'module' };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (/\.wgsl\?raw$/.test(url)) {
    const text = await readFile(new URL(url.replace(/\?raw$/, '')), 'utf8');
    return { format: 'module', source: `export default ${JSON.stringify(text)};`, shortCircuit: true };
  }
  return next(url, context);
}
