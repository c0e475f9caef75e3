// LeNet-5 in TF.js 4.22 with tfjs-core ops only (NHWC), as a TF.js user would write it at its fastest:
// fused conv2d/matMul with bias and ReLU (what tf.layers uses), SGD with momentum via optimizer.minimize.
// The weights are ours, converted: both sides start from the same values and see the same batches.
import * as tf from '@tensorflow/tfjs-core';
import type { LayerPlan } from '../src/model/describe';
import type { LenetModel } from './setup';

interface Dense {
  w: tf.Variable;
  b: tf.Variable;
}

interface Conv extends Dense {
  pad: number;
}

export interface TfLenet {
  variables: tf.Variable[];
  /** Logits [B, 10] for images [B, 28, 28, 1]. */
  forward(x: tf.Tensor4D): tf.Tensor2D;
}

function slice(params: Float32Array, plan: LayerPlan, name: string): { data: Float32Array; shape: number[] } {
  const t = plan.params.find((p) => p.name === name);
  if (!t) throw new Error(`layer ${plan.layer.kind} has no ${name}`);
  return { data: params.slice(t.offset, t.offset + t.size), shape: t.shape };
}

/** PyTorch conv weight [co, ci, kh, kw] -> TF.js filter [kh, kw, ci, co]. */
function convFilter(p: { data: Float32Array; shape: number[] }): tf.Tensor4D {
  return tf.tidy(() =>
    tf.transpose(tf.tensor4d(p.data, p.shape as [number, number, number, number]), [2, 3, 1, 0]),
  );
}

/**
 * PyTorch linear weight [out, in] -> TF.js [in, out]. After a flatten of [C, H, W], PyTorch's inputs are
 * ordered (c, h, w) and ours NHWC (h, w, c): the rows are permuted to match.
 */
function denseWeight(p: { data: Float32Array; shape: number[] }, flattened: number[] | null): tf.Tensor2D {
  const [out, inF] = p.shape;
  return tf.tidy(() => {
    if (!flattened) return tf.transpose(tf.tensor2d(p.data, [out, inF]));
    const [c, h, w] = flattened;
    return tf.reshape(tf.transpose(tf.tensor4d(p.data, [out, c, h, w]), [2, 3, 1, 0]), [inF, out]);
  });
}

export function createTfLenet(model: LenetModel): TfLenet {
  const { desc, init } = model;
  const convs: Conv[] = [];
  const denses: Dense[] = [];
  let flattenedFrom: number[] | null = null;
  for (const plan of desc.layers) {
    const kind = plan.layer.kind;
    if (kind === 'Flatten') flattenedFrom = plan.inShape;
    if (kind === 'Conv2d') {
      if (plan.layer.stride !== 1) throw new Error('the TF.js LeNet expects stride-1 convolutions');
      convs.push({
        w: tf.variable(convFilter(slice(init.params, plan, 'weight'))),
        b: tf.variable(tf.tensor1d(slice(init.params, plan, 'bias').data)),
        pad: plan.layer.padding as number,
      });
    }
    if (kind === 'Linear') {
      denses.push({
        w: tf.variable(denseWeight(slice(init.params, plan, 'weight'), denses.length ? null : flattenedFrom)),
        b: tf.variable(tf.tensor1d(slice(init.params, plan, 'bias').data)),
      });
    }
  }
  if (convs.length !== 2 || denses.length !== 3) throw new Error('expected LeNet-5: 2 convs and 3 linears');
  const variables = [...convs, ...denses].flatMap((l) => [l.w, l.b]);

  const forward = (x: tf.Tensor4D): tf.Tensor2D =>
    tf.tidy(() => {
      let h: tf.Tensor4D = x;
      for (const c of convs) {
        h = tf.fused.conv2d({
          x: h,
          filter: c.w as tf.Tensor4D,
          strides: 1,
          pad: c.pad,
          bias: c.b,
          activation: 'relu',
        });
        h = tf.maxPool(h, 2, 2, 'valid');
      }
      let f = tf.reshape(h, [x.shape[0], -1]) as tf.Tensor2D;
      denses.forEach((d, i) => {
        const last = i === denses.length - 1;
        const activation = last ? 'linear' : 'relu';
        f = tf.fused.matMul({ a: f, b: d.w as tf.Tensor2D, bias: d.b, activation }) as tf.Tensor2D;
      });
      return f;
    });
  return { variables, forward };
}

/** Mean softmax cross-entropy of the batch, as PyTorch's CrossEntropyLoss (reduction 'mean'). */
export function lossOf(net: TfLenet, x: tf.Tensor4D, labels: tf.Tensor1D): tf.Scalar {
  return tf.losses.softmaxCrossEntropy(tf.oneHot(labels, 10), net.forward(x)) as tf.Scalar;
}
