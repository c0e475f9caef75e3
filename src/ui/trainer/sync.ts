// Keeps the worker in step with the store: hyperparameters as they change (the learning rate live), the
// design whenever it is valid (a new design restarts training), and the dataset the design names (the
// user's own is sent again as it changes). Where the diagram's nodes sit is no part of what trains: moving
// one restarts nothing.
import { validateHyper } from '../../network/hyper';
import type { TrainerClient } from '../../training/client';
import { analysisOf } from '../builder/useAnalysis';
import type { NetworkSpec } from '../../network/spec';
import type { AppState } from '../store/store';
import type { StoreApi } from 'zustand';

/** The design the worker trains: the spec without its diagram positions. */
export function trainedSpec(spec: NetworkSpec): NetworkSpec {
  const { layout: _layout, ...trained } = spec;
  return trained;
}

export function syncDesignToTrainer(client: TrainerClient, store: StoreApi<AppState>): () => void {
  let sentSpec = '';
  let sentHyper = '';
  const push = (s: AppState) => {
    const hyper = JSON.stringify(s.hyper);
    if (hyper !== sentHyper && !validateHyper(s.hyper).some((i) => i.severity === 'error')) {
      sentHyper = hyper;
      client.setHyper(s.hyper);
    }
    const trained = trainedSpec(s.spec);
    const spec = JSON.stringify(trained);
    // Generative designs (autoencoder, GAN) are trained by the generate panel, not the classifier's run.
    if (spec !== sentSpec && s.spec.task === 'classification' && analysisOf(s.spec).valid) {
      sentSpec = spec;
      client.setSpec(trained);
      s.clearMetrics();
    }
  };
  const state = store.getState();
  // The dataset first: it streams in the background while the design is measured and built.
  state.loadDataset(state.spec.input.dataset);
  push(state);
  return store.subscribe((s, prev) => {
    if (s.spec !== prev.spec || s.hyper !== prev.hyper) push(s);
    if (s.spec.input.dataset !== prev.spec.input.dataset) s.loadDataset(s.spec.input.dataset);
    // The user's own examples reach the trainer as they are collected, once the kept ones are read.
    else if (
      s.myData !== prev.myData ||
      s.myDataLoaded !== prev.myDataLoaded ||
      s.spec.input.shape.join('×') !== prev.spec.input.shape.join('×')
    )
      s.sendMyData();
  });
}
