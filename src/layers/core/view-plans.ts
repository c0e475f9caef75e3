// Plans of a view (Flatten, Unflatten): nothing runs; the model gives the output its input's buffer.
import { cpuLayer, definePlans, samePasses } from './plan';

export const VIEW_PLANS = definePlans<unknown>({
  gpu: () => samePasses([], []),
  cpu: () => cpuLayer({ forward: () => undefined, backward: () => undefined }),
});
