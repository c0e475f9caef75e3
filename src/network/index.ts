// Public face of the network module: spec types, analysis, presets, hyperparameters, (de)serialisation.
export * from './spec';
export * from './issues';
export * from './hyper';
