// Fetches what the open inspect view shows from the worker: live weights, activations, saliency and the
// explained layer's values for the chosen input (at most twice a second while training, once after each
// change otherwise), the replay history, and a replay frame when the slider is moved back in time. One
// request at a time; a request asked for while one is in flight runs once when it returns, with the
// newest arguments.
import { useEffect, useRef, useState } from 'react';
import type { InspectResult, LayerData, ReplayEntry } from '../../training/inspect/types';
import type { LayerSnapshot } from '../../training/protocol';
import { useStore } from '../store/store';

export type SaliencyResult = Extract<InspectResult, { kind: 'saliency' }>;
export type InspectTab = 'filters' | 'maps' | 'saliency' | 'explain';
export type InputChoice = { kind: 'test'; index: number } | { kind: 'drawn' };

/** Live updates while training, at most this often (ms): keeps the page smooth. */
export const LIVE_INTERVAL_MS = 500;

export interface InspectData {
  weights: LayerSnapshot[] | null;
  activations: LayerSnapshot[] | null;
  saliency: SaliencyResult | null;
  /** The explained layer's inputs, outputs and tensors for the chosen input. */
  layer: LayerData | null;
  history: ReplayEntry[];
  /** The replay entry shown, or null when live. */
  frame: ReplayEntry | null;
  error: string | null;
}

/** The chosen input as 784 values in 0..1; undefined means the worker's first test image. */
export function useInputImage(choice: InputChoice): Float32Array | undefined {
  const gallery = useStore((s) => s.gallery);
  const drawn = useStore((s) => s.drawnImage);
  if (choice.kind === 'drawn') return drawn ?? undefined;
  const item = gallery[choice.index];
  return item ? Float32Array.from(item.image, (v) => v / 255) : undefined;
}

function useTick(active: boolean): number {
  const training = useStore((s) => s.trainerState === 'training') && active;
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!training) return;
    const id = setInterval(() => setTick((t) => t + 1), LIVE_INTERVAL_MS);
    return () => clearInterval(id);
  }, [training]);
  return tick;
}

/** `active`: the views are on screen; nothing is fetched while they are not. `explainLayer`: the layer the
 *  explanation shows. */
export function useInspectData(
  tab: InspectTab,
  image: Float32Array | undefined,
  replayIndex: number | null,
  active: boolean,
  explainLayer = 0,
): InspectData {
  const client = useStore((s) => s.client);
  const spec = useStore((s) => s.spec);
  // Followed only while the views are on screen: a hidden panel does not re-render on every report.
  const step = useStore((s) => (active ? (s.latest?.step ?? 0) : 0));
  const trainerState = useStore((s) => s.trainerState);
  // Loaded weights change what every view shows, even with no step taken.
  const weightsVersion = useStore((s) => s.weightsVersion);
  const tick = useTick(active);
  const [data, setData] = useState<InspectData>({
    weights: null,
    activations: null,
    saliency: null,
    layer: null,
    history: [],
    frame: null,
    error: null,
  });
  const args = useRef({ tab, image, replayIndex, explainLayer });
  args.current = { tab, image, replayIndex, explainLayer };
  const busy = useRef(false);
  const again = useRef(false);

  useEffect(() => {
    if (!client || !active) return;
    const fetchOnce = async () => {
      const { tab: t, image: img, replayIndex: r, explainLayer: l } = args.current;
      const copy = () => img?.slice();
      const next: Partial<InspectData> = { error: null };
      if (t === 'filters' || t === 'maps')
        next.history = (await client.inspect({ kind: 'replayList' })).entries;
      if (r !== null && (t === 'filters' || t === 'maps')) {
        const f = await client.inspect({ kind: 'replayFrame', index: r, image: copy() });
        Object.assign(next, { weights: f.weights, activations: f.activations, frame: f.entry });
      } else {
        next.frame = null;
        if (t === 'filters') next.weights = await client.snapshot('weights');
        if (t === 'maps') next.activations = await client.snapshot('activations', copy());
        if (t === 'saliency') next.saliency = await client.inspect({ kind: 'saliency', image: copy() });
        if (t === 'explain')
          next.layer = await client.inspect({ kind: 'layer', layerIndex: l, image: copy() });
      }
      setData((d) => ({ ...d, ...next }));
    };
    const run = async () => {
      if (busy.current) {
        again.current = true;
        return;
      }
      busy.current = true;
      try {
        do {
          again.current = false;
          await fetchOnce();
        } while (again.current);
      } catch (error) {
        setData((d) => ({ ...d, error: error instanceof Error ? error.message : String(error) }));
      } finally {
        busy.current = false;
      }
    };
    void run();
  }, [client, active, tab, image, replayIndex, explainLayer, spec, step, trainerState, weightsVersion, tick]);

  return data;
}
