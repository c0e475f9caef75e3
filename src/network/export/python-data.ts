// The data half of model.py: MNIST's IDX files read with plain Python and torch (no torchvision), and
// the demo's test images. train.py imports load_mnist from model.py, so the reader exists once. A user
// dataset travels in the same format (MNIST's IDX, images [N, C, H, W]) in files the export writes.
import { tr } from '../../i18n';
import { datasetName, isUserDataset } from '../dataset-input';
import type { DatasetId, NetworkInput } from '../spec';
import { pyInt, pyText } from './python-syntax';

/** torchvision's class for each dataset, which is also its folder in torchvision's layout (data/MNIST/raw). */
export const TORCHVISION_DATASET: Record<DatasetId, string> = {
  mnist: 'MNIST',
  'fashion-mnist': 'FashionMNIST',
};

/** Where a student gets the four IDX files; written into README.txt and the missing-file message. */
export const DATA_SOURCES: Record<DatasetId, { name: string; url: string }> = {
  mnist: { name: 'MNIST', url: 'https://ossci-datasets.s3.amazonaws.com/mnist/' },
  'fashion-mnist': {
    name: 'Fashion-MNIST',
    url: 'https://github.com/zalandoresearch/fashion-mnist (folder data/fashion)',
  },
};

export const IDX_FILE_NAMES = [
  'train-images-idx3-ubyte.gz',
  'train-labels-idx1-ubyte.gz',
  't10k-images-idx3-ubyte.gz',
  't10k-labels-idx1-ubyte.gz',
] as const;

/** DATASET, IDX_FILES, read_idx, find_idx, load_mnist and load_samples, for a classifier or autoencoder. */
export function dataSection(dataset: DatasetId): string {
  const { name, url } = DATA_SOURCES[dataset];
  return `DATASET = '${TORCHVISION_DATASET[dataset]}'  # ${tr('export:data.builtinName', { folder: TORCHVISION_DATASET[dataset] })}
IDX_FILES = {
    'train': ('train-images-idx3-ubyte', 'train-labels-idx1-ubyte'),
    'test': ('t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'),
}


${READ_IDX}


def find_idx(root, name):
    """ROOT/NAME, gzipped or not, also in torchvision's layout (ROOT/${TORCHVISION_DATASET[dataset]}/raw/) and named
    with a dot (train-images.idx3-ubyte) as some mirrors do; None when absent."""
    for folder in (root, os.path.join(root, DATASET, 'raw'), os.path.join(root, 'raw')):
        for stem in (name, name.replace('-idx', '.idx')):
            for path in (os.path.join(folder, stem), os.path.join(folder, stem + '.gz')):
                if os.path.isfile(path):
                    return path
    return None


def load_mnist(root, split, limit=None):
    """The 'train' or 'test' split of ${name} from its IDX files under ROOT: images [N, 1, 28, 28] as
    uint8 (0..255) and labels [N] as int64, only the first LIMIT when given."""
    paths = [find_idx(root, name) for name in IDX_FILES[split]]
    if None in paths:
        missing = ' and '.join(n for n, p in zip(IDX_FILES[split], paths) if p is None)
        raise FileNotFoundError(
            f'{missing} (or .gz) not found in {root} nor in {os.path.join(root, DATASET, "raw")}: download '
            f'the four ${name} files from ${url} into {root} (see README.txt)')
    images, labels = (read_idx(path)[:limit] for path in paths)
    if images.shape[1:] != (28, 28) or len(images) != len(labels):
        raise ValueError(f'{paths[0]} and {paths[1]} do not hold 28x28 images and one label for each')
    return images.unsqueeze(1), labels.long()


${loadSamples(name, '1, 28, 28')}`;
}

/** A user dataset's IDX files as the export writes them: images [N, C, H, W] (4 dimensions), labels [N]. */
export const USER_IDX_FILE_NAMES = [
  'train-images-idx4-ubyte.gz',
  'train-labels-idx1-ubyte.gz',
  't10k-images-idx4-ubyte.gz',
  't10k-labels-idx1-ubyte.gz',
] as const;

/** Where a user dataset's files come from, as README.txt and the missing-file message say it. */
export const USER_DATA_SOURCE = 'CNN Playground (Your data: Download for PyTorch)';

/** The dataset's name for docstrings and notes: the built-in's, or the user's reduced to safe text. */
export function dataName(input: NetworkInput): string {
  if (!isUserDataset(input.dataset)) return DATA_SOURCES[input.dataset].name;
  return pyText(datasetName(input), 60) || 'your dataset';
}

/** The data section of model.py for the dataset a design reads. */
export function dataSectionOf(input: NetworkInput): string {
  return isUserDataset(input.dataset) ? userDataSection(input) : dataSection(input.dataset);
}

const READ_IDX = `def read_idx(path):
    """An IDX file (gzipped or not) as a uint8 tensor: 2 zero bytes, type 0x08, the number of dimensions,
    each dimension as a big-endian 32-bit integer, then the values."""
    with (gzip.open if path.endswith('.gz') else open)(path, 'rb') as f:
        data = f.read()
    if len(data) < 4 or data[:3] != b'\\x00\\x00\\x08':
        raise ValueError(f'{path} is not an IDX file of unsigned bytes')
    dims = data[3]
    shape = struct.unpack(f'>{dims}I', data[4:4 + 4 * dims])
    values = data[4 + 4 * dims:]
    if len(values) != torch.Size(shape).numel():
        raise ValueError(f'{path} holds {len(values)} values but its header says {list(shape)}')
    return torch.frombuffer(bytearray(values), dtype=torch.uint8).reshape(shape)`;

/** The section for a user dataset: its four IDX files in one folder, images [N, C, H, W]. */
function userDataSection(input: NetworkInput): string {
  const [c, h, w] = input.shape.map((v, i) => pyInt(v, `input.shape[${i}]`));
  const name = dataName(input);
  return `DATASET = None  # ${tr('export:data.userData')}
IDX_FILES = {
    'train': ('train-images-idx4-ubyte', 'train-labels-idx1-ubyte'),
    'test': ('t10k-images-idx4-ubyte', 't10k-labels-idx1-ubyte'),
}
IMAGE_SHAPE = (${c}, ${h}, ${w})


${READ_IDX}


def find_idx(root, name):
    """ROOT/NAME, gzipped or not; None when absent."""
    for path in (os.path.join(root, name), os.path.join(root, name + '.gz')):
        if os.path.isfile(path):
            return path
    return None


def load_mnist(root, split, limit=None):
    """The 'train' or 'test' split of ${name} from its IDX files (MNIST's format) under ROOT: images
    [N, ${c}, ${h}, ${w}] as uint8 (0..255) and labels [N] as int64, only the first LIMIT when given."""
    paths = [find_idx(root, name) for name in IDX_FILES[split]]
    if None in paths:
        missing = ' and '.join(n for n, p in zip(IDX_FILES[split], paths) if p is None)
        raise FileNotFoundError(
            f'{missing} (or .gz) not found in {root}: the export puts them in data/; download them again '
            f'from ${USER_DATA_SOURCE}')
    images, labels = (read_idx(path)[:limit] for path in paths)
    if tuple(images.shape[1:]) != IMAGE_SHAPE or len(images) != len(labels):
        raise ValueError(f'{paths[0]} and {paths[1]} do not hold {IMAGE_SHAPE} images and one label for each')
    return images, labels.long()


${loadSamples(name, '*IMAGE_SHAPE')}`;
}

/** load_samples: the exported samples, else the first test images in data/, else random pixels. */
function loadSamples(name: string, shape: string): string {
  return `def load_samples(count=8):
    """Test images in 0..1 and their labels: those exported with the model, else the first ${name} test
    images in data/, else random pixels (labels -1), so that the demo runs anywhere."""
    path = os.path.join(HERE, 'samples.safetensors')
    if os.path.exists(path):
        samples = read_safetensors(path)
        return samples['images'][:count], samples['labels'][:count].long()
    try:
        images, labels = load_mnist(os.path.join(HERE, 'data'), 'test', count)
        return images.float() / 255, labels
    except FileNotFoundError:
        print(f'No samples.safetensors, nor ${name} test files in data/: showing {count} images of random pixels.')
        return torch.rand(count, ${shape}, generator=torch.Generator().manual_seed(0)), torch.full((count,), -1)`;
}
