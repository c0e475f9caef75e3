// model.onnx: a design and its weights as one ONNX file (opset 17) that onnxruntime, onnxruntime-web and
// Netron open. The graph follows the design's: each layer's kind lowers itself (its definition's `onnx`),
// reading its inputs' values and writing one named after its module; weights are initialisers named by
// their state_dict keys (conv1.weight), so the file and weights.safetensors agree.
import { definitionOf, type LayerData } from '../../../layers';
import { FROM_INPUT, resolveInputs } from '../../../layers/core/graph';
import { ONNX_OPSET } from '../../../layers/core/onnx';
import { datasetName } from '../../dataset-input';
import type { NetworkSpec } from '../../spec';
import { INPUT_NORMALIZATION } from '../normalization';
import { planExport } from '../pytorch-code';
import { stateDictLayout, stateDictTensors, type LayerTensors } from '../state-dict';
import { OnnxGraph, valueInfo, type LayerTensor } from './graph';
import { encodeOnnx } from './proto';

/** IR version 8 goes with opset 17 (ONNX 1.12). */
const IR_VERSION = 8;

const TASK_WORDS = {
  classification: 'a classifier: 10 class scores (logits) per image',
  reconstruction: 'an autoencoder: the reconstructed image',
  generator: 'a GAN generator: an image from noise drawn from a standard normal distribution',
  discriminator: 'a GAN discriminator: how real each image looks',
  segmentation: 'a segmentation network: 11 scores per pixel (background, then the ten classes)',
  detection:
    'a CenterNet-style detector: 10 centre heatmaps (logits), then box width, height and centre offset per cell',
} as const;

/** Why a design cannot be written as ONNX, or null when it can (its analysis aside). */
export function onnxBlocker(spec: NetworkSpec): string | null {
  const index = spec.layers.findIndex((layer) => !definitionOf(layer.kind).onnx);
  if (index < 0) return null;
  return `layer ${index + 1} (${spec.layers[index].kind}) has no ONNX form yet, so this design cannot be exported to ONNX`;
}

function docString(spec: NetworkSpec): string {
  const words = TASK_WORDS[spec.task];
  if (spec.task === 'generator') return `${spec.name}: ${words}. Exported from CNN Playground.`;
  const { mean, std } = INPUT_NORMALIZATION[spec.task];
  return `${spec.name}: ${words}. Input: ${datasetName(spec.input)} images [N, ${spec.input.shape.join(', ')}], pixels in 0..1 normalised as (pixel - ${mean}) / ${std}. Exported from CNN Playground.`;
}

/** The .onnx bytes of a design with its weights; throws, saying why, for a design that cannot be exported. */
export function exportOnnx(spec: NetworkSpec, weights: readonly LayerTensors[]): Uint8Array {
  const blocked = onnxBlocker(spec);
  if (blocked) throw new Error(blocked);
  const plan = planExport(spec);
  const layers = plan.spec.layers;
  // Each layer's state_dict tensors by role (weight, bias, ...), checked against the design's shapes.
  const owned = layers.map(() => new Map<string, LayerTensor>());
  const tensors = stateDictTensors(plan.spec, weights);
  stateDictLayout(plan.spec).forEach((entry, k) =>
    owned[entry.layerIndex].set(entry.role, { ...tensors[k], key: entry.key }),
  );
  const sources = resolveInputs(layers);
  const last = layers.length - 1;
  const valueOf = (source: number | null) => (source === FROM_INPUT ? 'input' : plan.names[source ?? 0]);
  const shapeOf = (source: number | null) =>
    source === FROM_INPUT ? plan.inputShape : plan.outputShapes[source ?? 0];

  const graph = new OnnxGraph();
  layers.forEach((layer, i) => {
    const output = i === last ? 'output' : plan.names[i];
    const before = graph.nodes.length;
    const context = graph.context({
      module: plan.names[i],
      inputs: sources[i].map(valueOf),
      output,
      inputShapes: sources[i].map(shapeOf),
      outputShape: plan.outputShapes[i],
      tensors: owned[i],
    });
    definitionOf(layer.kind).onnx!(layer as unknown as LayerData, context);
    if (!graph.nodes.slice(before).some((node) => (node.output as string[]).includes(output)))
      throw new Error(`layer ${i + 1} (${layer.kind}) wrote no ONNX value "${output}"`);
  });

  return encodeOnnx('ModelProto', {
    ir_version: IR_VERSION,
    opset_import: [{ domain: '', version: ONNX_OPSET }],
    producer_name: 'CNN Playground',
    doc_string: docString(plan.spec),
    graph: {
      node: graph.nodes,
      name: plan.className,
      initializer: graph.initializers,
      input: [valueInfo('input', plan.inputShape)],
      output: [valueInfo('output', plan.outputShapes[last])],
      // Every layer's output shape, which viewers show on the graph's edges.
      value_info: layers.slice(0, last).map((_, i) => valueInfo(plan.names[i], plan.outputShapes[i])),
    },
    metadata_props: [
      { key: 'task', value: plan.spec.task },
      { key: 'dataset', value: plan.spec.input.dataset },
    ],
  });
}
