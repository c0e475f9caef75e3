// Public face of the PyTorch round trip: model.py / train.py / convert_pt.py generation, safetensors
// weights both ways, the .zip bundle, and model.onnx. Pure functions on specs and Float32Arrays; the UI decides where the bytes go.
export { exportBundle, exportSamples, type BundleOptions, type SampleImages } from './bundle';
export { CONVERTER_NAME, exportConvertPy } from './convert-code';
export { exportGanBundle, exportGanTrainPy, ganCondition, type GanHalf } from './gan-code';
export { ONNX_OPSET } from '../../layers/core/onnx';
export { INPUT_NORMALIZATION, type Normalization } from './normalization';
export { exportModelPy, planExport, type ExportPlan, type ModelPyOptions } from './pytorch-code';
export {
  readSafetensors,
  writeSafetensors,
  type LoadedTensor,
  type NamedTensor,
  type ReadOptions,
  type ReadResult,
} from './safetensors';
export {
  isIgnoredKey,
  mapImportedTensors,
  moduleNames,
  stateDictLayout,
  stateDictTensors,
  type ImportResult,
  type LayerTensors,
  type StateDictEntry,
  type TensorRole,
} from './state-dict';
export { exportTrainPy } from './train-code';
export { isTorchPickle, TORCH_PICKLE_MESSAGE } from './torch-pickle';
export {
  ABSURD_WEIGHT,
  absurdTensor,
  absurdWeightsWarning,
  formatMagnitude,
  largestMagnitude,
} from './weight-checks';
export { exportWeights, importWeights } from './weights-file';
export { crc32, writeZip, type ZipEntry } from './zip';
