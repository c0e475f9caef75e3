// What a heap grew by, per constructor: V8 heap snapshots (from Node's v8.writeHeapSnapshot or Chromium's
// HeapProfiler over CDP) reduced to counts and self sizes per constructor name, and the difference of two.

/** Self sizes and counts per constructor ("Object", "Float32Array", or the node type, e.g. "(code)"). */
export function perConstructor(snapshot) {
  const { meta } = snapshot.snapshot;
  const fields = meta.node_fields;
  const types = meta.node_types[0];
  const [iType, iName, iSize] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const out = new Map();
  const nodes = snapshot.nodes;
  for (let i = 0; i < nodes.length; i += fields.length) {
    const type = types[nodes[i + iType]];
    const key = type === 'object' || type === 'closure' ? snapshot.strings[nodes[i + iName]] : `(${type})`;
    const e = out.get(key) ?? { count: 0, bytes: 0 };
    e.count += 1;
    e.bytes += nodes[i + iSize];
    out.set(key, e);
  }
  return out;
}

/** The `top` largest growths in bytes from snapshot `a` to `b` (each reduced by perConstructor). */
export function growth(a, b, top = 15) {
  const rows = [...b].map(([name, e]) => {
    const was = a.get(name) ?? { count: 0, bytes: 0 };
    return { name, count: e.count - was.count, bytes: e.bytes - was.bytes };
  });
  return rows.sort((x, y) => y.bytes - x.bytes).slice(0, top);
}

/**
 * The growth from `a` to `b` split as V8's compiled code ("(code)", which grows as functions are optimised),
 * storage outside the JS heap ("(native)": ArrayBuffer contents) and everything else (the JS objects the
 * program holds), with the largest rows.
 */
export function growthSummary(a, b) {
  const all = growth(a, b, Infinity);
  const sum = (rows) => rows.reduce((t, r) => t + r.bytes, 0);
  return {
    compiledCodeBytes: sum(all.filter((r) => r.name === '(code)')),
    outsideHeapBytes: sum(all.filter((r) => r.name === '(native)')),
    jsObjectBytes: sum(all.filter((r) => r.name !== '(code)' && r.name !== '(native)')),
    largest: all.slice(0, 15),
  };
}

/** A Chromium page's heap snapshot over CDP, reduced by perConstructor. */
export async function pageHeapByConstructor(page) {
  const cdp = await page.context().newCDPSession(page);
  const chunks = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (e) => chunks.push(e.chunk));
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    return perConstructor(JSON.parse(chunks.join('')));
  } finally {
    await cdp.detach();
  }
}
