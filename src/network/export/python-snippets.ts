// Fixed pieces of the exported Python, kept verbatim so they read as hand-written code.
import type { DatasetId, Task } from '../spec';
import { denseMainBody } from './dense-snippets';

export const CLASS_NAMES: Record<DatasetId, readonly string[]> = {
  mnist: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  'fashion-mnist': [
    'T-shirt/top',
    'Trouser',
    'Pullover',
    'Dress',
    'Coat',
    'Sandal',
    'Shirt',
    'Sneaker',
    'Bag',
    'Ankle boot',
  ],
};

export const LOAD_WEIGHTS = `    def load_weights(self, path):
        """Loads a safetensors state_dict; BatchNorm's num_batches_tracked may be absent."""
        missing, unexpected = self.load_state_dict(read_safetensors(path), strict=False)
        missing = [key for key in missing if not key.endswith('num_batches_tracked')]
        if missing or unexpected:
            raise KeyError(f'{path} does not fit this model: missing {missing}, unexpected {unexpected}')
        return self`;

export const READ_SAFETENSORS = `DTYPES = {'F32': torch.float32, 'F16': torch.float16, 'BF16': torch.bfloat16, 'I64': torch.int64}


def read_safetensors(path):
    """Reads a .safetensors file: an 8-byte header length, a JSON header, then little-endian tensors."""
    with open(path, 'rb') as f:
        data = f.read()
    (length,) = struct.unpack('<Q', data[:8])
    header = json.loads(data[8:8 + length])
    header.pop('__metadata__', None)
    tensors = {}
    for name, info in header.items():
        begin, end = (8 + length + offset for offset in info['data_offsets'])
        dtype = DTYPES[info['dtype']]
        if begin == end:
            tensors[name] = torch.zeros(info['shape'], dtype=dtype)
        else:
            tensors[name] = torch.frombuffer(bytearray(data[begin:end]), dtype=dtype).reshape(info['shape'])
    return tensors`;

/** The body of main() after the model is loaded, per task. */
export function mainBody(task: Task, lastIsSigmoid: boolean, conditional = false): string {
  switch (task) {
    case 'classification':
      return `    images, labels = load_samples()
    with torch.no_grad():
        predicted = model((images - MEAN) / STD).argmax(dim=1)
    for i, (guess, truth) in enumerate(zip(predicted.tolist(), labels.tolist())):
        print(f'test image {i}: predicted {CLASSES[guess]}' + (f', true {CLASSES[truth]}' if truth >= 0 else ''))
    if (labels >= 0).all():
        print(f'{(predicted == labels).sum().item()} of {len(labels)} correct')`;
    case 'reconstruction':
      return `    images, _ = load_samples()
    with torch.no_grad():
        reconstructed = model((images - MEAN) / STD).reshape(images.shape)
    mse = ((reconstructed - images) ** 2).mean().item()
    print(f'reconstruction MSE over {len(images)} test images (pixels in 0..1): {mse:.5f}')`;
    case 'generator':
      return `    torch.manual_seed(0)
    with torch.no_grad():
        images = model(${conditional ? 'torch.randn(DIGITS, LATENT_DIM), torch.arange(DIGITS)' : 'torch.randn(8, LATENT_DIM)'})
    print(f'{len(images)} samples of shape {list(images.shape[1:])}: mean {images.mean():.4f}, '
          f'std {images.std():.4f}, min {images.min():.4f}, max {images.max():.4f}')`;
    case 'segmentation':
    case 'detection':
      return denseMainBody(task);
    case 'discriminator':
      return `    images, ${conditional ? 'labels' : '_'} = load_samples()
    with torch.no_grad():
        scores = model((images - MEAN) / STD${conditional ? ', labels.clamp(min=0)' : ''}).flatten()
    for i, p in enumerate(${lastIsSigmoid ? 'scores' : 'torch.sigmoid(scores)'}.tolist()):
        print(f'test image {i}: P(real) = {p:.3f}')`;
  }
}
