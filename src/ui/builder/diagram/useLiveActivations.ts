// The diagram's live activations: watches the current input (the drawn digit, else the first test image)
// through the worker while the diagram is on screen, asks again whenever what it shows changes while not
// training (a step, a new model, loaded weights, a new drawing), and hands the latest answer to React once a
// frame, as a transition, so painting the strips never holds up the page. LiveProvider keeps them in a
// context of their own: an update re-renders the nodes' pictures, not the diagram around them.
import {
  createContext,
  createElement,
  startTransition,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { EventOf } from '../../../training/protocol';
import { useStore } from '../../store/store';
import { trainedSpec } from '../../trainer/sync';
import { analysisOf } from '../useAnalysis';

/** At most this often while training (ms of training; the worker also keeps within its time budget). */
export const LIVE_EVERY_MS = 400;
/** Maps of each image layer shown on its node. */
export const LIVE_CHANNELS = 8;
/** A new drawing is watched once strokes pause this long (ms), not at every pointer move: the worker
 *  answers requests in turn, and the pad's own prediction should not wait behind a watch per move. */
const DRAWING_PAUSE_MS = 400;

export type LiveActivations = Omit<EventOf<'liveActivations'>, 'type'> & {
  /** The design they belong to (its trained part, as JSON): a changed design hides them. */
  design: string;
};

export const LiveContext = createContext<LiveActivations | null>(null);

export const useLive = () => useContext(LiveContext);

/** `active`: the diagram is shown; nothing is watched while it is not. */
export function useLiveActivations(active: boolean): LiveActivations | null {
  const client = useStore((s) => s.client);
  const drawn = useStore((s) => s.drawnImage);
  const training = useStore((s) => s.trainerState === 'training');
  // While not training, each of these changes what the nodes should show.
  const step = useStore((s) => (s.trainerState === 'training' ? -1 : (s.progress?.step ?? 0)));
  const weightsVersion = useStore((s) => s.weightsVersion);
  const testReady = useStore((s) => s.dataset.test > 0);
  const design = useStore((s) => s.spec);
  const [live, setLive] = useState<LiveActivations | null>(null);
  const [modelVersion, setModelVersion] = useState(0);
  const designKey = useMemo(() => JSON.stringify(trainedSpec(design)), [design]);
  // The worker's model is the classifier it was last sent: a design it does not train has no live view.
  const watched = active && design.task === 'classification' && analysisOf(design).valid;
  const key = useRef(designKey);
  useEffect(() => {
    key.current = designKey;
  }, [designKey]);

  useEffect(() => {
    if (!client) return;
    // Answers arriving within one frame are painted once, the latest.
    let latest: LiveActivations | null = null;
    let frame = 0;
    const paint = () => {
      frame = 0;
      const next = latest;
      startTransition(() => setLive(next));
    };
    const offs = [
      client.on('liveActivations', ({ type: _type, ...event }) => {
        latest = { ...event, design: key.current };
        frame ||= requestAnimationFrame(paint);
      }),
      client.on('modelReady', () => setModelVersion((v) => v + 1)),
    ];
    return () => {
      cancelAnimationFrame(frame);
      offs.forEach((off) => off());
    };
  }, [client]);

  useEffect(() => {
    if (!client) return;
    const id = setTimeout(
      () =>
        client.watchActivations(
          watched ? (drawn?.slice() ?? null) : null,
          watched ? LIVE_EVERY_MS : 0,
          LIVE_CHANNELS,
        ),
      drawn ? DRAWING_PAUSE_MS : 0,
    );
    return () => clearTimeout(id);
  }, [client, watched, drawn, training, step, weightsVersion, testReady, modelVersion]);

  return watched && live && live.design === designKey ? live : null;
}

/** Provides the live activations to the nodes inside it (`active`: the diagram is shown). */
export function LiveProvider({ active, children }: { active: boolean; children: ReactNode }) {
  return createElement(LiveContext.Provider, { value: useLiveActivations(active) }, children);
}
