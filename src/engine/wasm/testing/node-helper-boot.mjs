// worker_threads entry for Node: Node 20 cannot load TypeScript in a worker by itself, so tsx compiles the
// helper (node-helper.ts) on the way in.
const { tsImport } = await import('tsx/esm/api');
await tsImport('./node-helper.ts', import.meta.url);
