// Test support: a TrainerCore driven in-process, its events recorded, and the prepared dataset files
// served from public/data by an injected fetch (the same bytes the page downloads).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { TrainerCore, type TrainerCoreOptions } from '../core';
import type { EventOf, TrainerEvent, TrainerEventType, TrainerRequest } from '../protocol';

const DATA_ROOT = fileURLToPath(new URL('../../../public/data/', import.meta.url));

/** fetch for 'data/<dataset>/<file>' URLs, answered from public/data on disk. */
export const diskFetch: typeof fetch = async (input) => {
  const url = String(input);
  const path = url.replace(/^.*?data\//, '');
  try {
    return new Response(await readFile(DATA_ROOT + path));
  } catch {
    return new Response('not found', { status: 404 });
  }
};

/** diskFetch with bodies trickled in small chunks, so a test sees the dataset arrive piece by piece. */
export const slowDiskFetch: typeof fetch = async (input) => {
  const response = await diskFetch(input);
  if (!response.ok) return response;
  const bytes = new Uint8Array(await response.arrayBuffer());
  const CHUNK = 64 * 1024;
  let at = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await new Promise((r) => setTimeout(r, 4));
      controller.enqueue(bytes.slice(at, at + CHUNK));
      at += CHUNK;
      if (at >= bytes.length) controller.close();
    },
  });
  return new Response(body, { headers: { 'content-length': String(bytes.length) } });
};

export interface Harness {
  core: TrainerCore;
  events: TrainerEvent[];
  send(request: TrainerRequest): Promise<void>;
  /** Resolves with the first event of `type` (after `from`) that passes `test`. */
  waitFor<T extends TrainerEventType>(
    type: T,
    test?: (event: EventOf<T>) => boolean,
    options?: { from?: number; timeoutMs?: number },
  ): Promise<EventOf<T>>;
  of<T extends TrainerEventType>(type: T): EventOf<T>[];
}

export function createHarness(options: TrainerCoreOptions = {}): Harness {
  const events: TrainerEvent[] = [];
  const waiters = new Set<() => void>();
  const core = new TrainerCore(
    (event) => {
      events.push(event);
      for (const w of [...waiters]) w();
    },
    { fetch: diskFetch, ...options },
  );
  const of = <T extends TrainerEventType>(type: T) => events.filter((e) => e.type === type) as EventOf<T>[];
  return {
    core,
    events,
    of,
    send: (request) => core.handle(request),
    waitFor(type, test = () => true, { from = 0, timeoutMs = 60_000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const errors = events.slice(from).filter((e) => e.type === 'error' || e.type === 'datasetError');
          if (errors.length && type !== 'error' && type !== 'datasetError') {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`trainer reported: ${JSON.stringify(errors[0])}`));
            return;
          }
          const hit = events.slice(from).find((e) => e.type === type && test(e as EventOf<typeof type>));
          if (hit) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(hit as EventOf<typeof type>);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`no '${type}' event within ${timeoutMs} ms; last: ${JSON.stringify(events.at(-1))}`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}
