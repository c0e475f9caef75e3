// The component for each animation style a layer kind names (src/layers/core/animation.ts): the page
// picks by style, never by kind.
import type { ComponentType } from 'react';
import type { AnimationStyle } from '../../../layers';
import { AddAnimation } from './AddAnimation';
import { BinsAnimation } from './BinsAnimation';
import { ConcatAnimation } from './ConcatAnimation';
import { CurveAnimation } from './CurveAnimation';
import { DenseAnimation } from './DenseAnimation';
import { DropoutAnimation } from './DropoutAnimation';
import { KernelAnimation } from './KernelAnimation';
import { NormaliseAnimation } from './NormaliseAnimation';
import { ReshapeAnimation } from './ReshapeAnimation';
import { SampleAnimation } from './SampleAnimation';
import { ScatterAnimation } from './ScatterAnimation';
import { SoftmaxAnimation } from './SoftmaxAnimation';
import type { AnimationProps } from './types';
import { UpsampleAnimation } from './UpsampleAnimation';

export const ANIMATIONS: Record<AnimationStyle, ComponentType<AnimationProps>> = {
  conv: (p) => <KernelAnimation {...p} mode="conv" />,
  transpose: ScatterAnimation,
  max: (p) => <KernelAnimation {...p} mode="max" />,
  avg: (p) => <KernelAnimation {...p} mode="avg" />,
  bins: BinsAnimation,
  upsample: UpsampleAnimation,
  dense: DenseAnimation,
  curve: CurveAnimation,
  softmax: SoftmaxAnimation,
  normalise: NormaliseAnimation,
  dropout: DropoutAnimation,
  add: AddAnimation,
  concat: ConcatAnimation,
  reshape: ReshapeAnimation,
  sample: SampleAnimation,
};
