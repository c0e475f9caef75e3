// Fixed pieces that both train.py scripts (classifier or autoencoder, and GAN) share: saving safetensors,
// the device, torchrun's processes, sums over them, and fetching the data with torchvision on request.
import { isUserDataset } from '../dataset-input';
import type { NetworkInput } from '../spec';
import { dataName, TORCHVISION_DATASET } from './python-data';

export const SAVE_SAFETENSORS = `def save_safetensors(state_dict, path):
    """Writes the float tensors of a state_dict as F32 safetensors, which CNN Playground can import."""
    header, chunks, offset = {}, [], 0
    for name, tensor in state_dict.items():
        if not tensor.is_floating_point():
            continue
        data = tensor.detach().float().contiguous().cpu().numpy().tobytes()
        header[name] = {'dtype': 'F32', 'shape': list(tensor.shape), 'data_offsets': [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    text += b' ' * (-len(text) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)) + text + b''.join(chunks))`;

/** The usage lines of a train.py docstring. */
export function usage(input: NetworkInput): string {
  const name = dataName(input);
  const where = isUserDataset(input.dataset)
    ? `    python3 train.py                       # reads ${name}'s IDX files from data/, where the export put them
    python3 train.py --data DIR            # ... from DIR`
    : `    python3 train.py                       # reads ${name}'s IDX files from data/ (README.txt says where to get them)
    python3 train.py --data DIR            # ... from DIR, or DIR/${TORCHVISION_DATASET[input.dataset]}/raw/ as torchvision keeps them
    python3 train.py --download            # fetches them with torchvision first, if it is installed`;
  return `${where}
    python3 train.py --device cuda --amp   # on a CUDA GPU, in mixed precision (default device: the best found)
    torchrun --nproc_per_node=N train.py   # N processes (one per GPU), each on 1/N of every batch

Needs only PyTorch. Under torchrun the processes average their gradients (DistributedDataParallel), so
they take the same steps as one process would: the batch size stays the global one.`;
}

/** argparse options every train.py takes; \`more\` adds script-specific ones. A user dataset has no
 *  --download: its files come with the export. */
export function parseArgs(dataDefault: string, more = '', download = true): string {
  const fetch = download
    ? "\n    parser.add_argument('--download', action='store_true', help='fetch missing files with torchvision, if installed')"
    : '';
  return `def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--data', default=${dataDefault}, help='folder of the IDX files (default: data/ beside train.py)')${fetch}
    parser.add_argument('--device', choices=['auto', 'cuda', 'mps', 'cpu'], default='auto',
                        help='where to train (default auto: cuda, else mps, else cpu)')
    parser.add_argument('--amp', action='store_true', help='mixed precision (float16) on CUDA')
    parser.add_argument('--epochs', type=int, default=EPOCHS, help=f'passes over the data (default {EPOCHS})')
    parser.add_argument('--limit', type=int, help='use only the first LIMIT images of each split, for a quick try')${more}
    return parser.parse_args()`;
}

const DEVICES = `def pick_device(choice, local_rank):
    """The torch.device for --device; under torchrun, GPU processes take one GPU each."""
    mps = getattr(torch.backends, 'mps', None)
    has_mps = mps is not None and mps.is_available()
    if choice == 'auto':
        choice = 'cuda' if torch.cuda.is_available() else 'mps' if has_mps else 'cpu'
    if choice == 'cuda':
        if not torch.cuda.is_available():
            raise SystemExit('--device cuda: this PyTorch sees no CUDA GPU')
        index = local_rank % torch.cuda.device_count()
        torch.cuda.set_device(index)
        return torch.device('cuda', index)
    if choice == 'mps' and not has_mps:
        raise SystemExit('--device mps: this PyTorch has no Apple GPU (MPS) backend')
    return torch.device(choice)


def start_processes(choice):
    """This process's rank, the number of processes and its device. Run by torchrun (WORLD_SIZE > 1), it
    joins the others; run plainly, it is the only one and nothing else changes."""
    world = int(os.environ.get('WORLD_SIZE', '1'))
    rank = int(os.environ.get('RANK', '0'))
    device = pick_device(choice, int(os.environ.get('LOCAL_RANK', '0')))
    if world > 1:
        if device.type == 'mps':
            raise SystemExit('torchrun needs --device cuda or cpu: on MPS, train in one process')
        dist.init_process_group('nccl' if device.type == 'cuda' else 'gloo')
    if BATCH_SIZE % world:
        raise SystemExit(f'the batch size {BATCH_SIZE} must split evenly over the {world} processes')
    return rank, world, device


def distributed(module, device, world):
    """MODULE wrapped to average its gradients over the processes, or itself when there is one."""
    if world == 1:
        return module
    return DistributedDataParallel(module, device_ids=[device.index] if device.type == 'cuda' else None)


def summed(values, world, device):
    """Floats added up over all processes (in float64, on the device NCCL needs, else the CPU: MPS has
    no float64)."""
    if world == 1:
        return values
    sums = torch.tensor(values, dtype=torch.float64, device=device if device.type == 'cuda' else 'cpu')
    dist.all_reduce(sums)
    return sums.tolist()`;

/** Devices, processes and sums, then reading a built-in dataset (fetched by torchvision on request). */
export const DISTRIBUTED = `${DEVICES}


def read_dataset(args, splits, rank, world, device):
    """The SPLITS as uint8 images and int64 labels on DEVICE (MNIST fits any GPU); with --download, the
    first process fetches missing files with torchvision while the others wait."""
    if args.download and rank == 0:
        fetch(args.data)
    if world > 1:
        dist.barrier()
    try:
        splits = [load_mnist(args.data, split, args.limit) for split in splits]
    except FileNotFoundError as error:
        raise SystemExit(f'{error}, or run with --download where torchvision is installed')
    return [(images.to(device), labels.to(device)) for images, labels in splits]


def fetch(root):
    """Downloads the four IDX files with torchvision into ROOT/{DATASET}/raw/, unless they are there."""
    if all(find_idx(root, name) for names in IDX_FILES.values() for name in names):
        return
    try:
        from torchvision import datasets
    except ImportError:
        raise SystemExit('--download needs torchvision, which is not installed: download the files '
                         'yourself (README.txt says where) or pip install torchvision')
    for train in (True, False):
        getattr(datasets, DATASET)(root, train=train, download=True)`;

/** DISTRIBUTED for a user dataset: its files come with the export, so nothing is fetched. */
export const USER_DISTRIBUTED = `${DEVICES}


def read_dataset(args, splits, rank, world, device):
    """The SPLITS as uint8 images and int64 labels on DEVICE."""
    try:
        splits = [load_mnist(args.data, split, args.limit) for split in splits]
    except FileNotFoundError as error:
        raise SystemExit(str(error))
    return [(images.to(device), labels.to(device)) for images, labels in splits]`;
