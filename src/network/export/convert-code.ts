// convert_pt.py: turns a PyTorch .pt / .pth checkpoint into safetensors for the playground. The app never
// opens pickles (loading one can run code); this script loads only tensors, with PyTorch alone.
import { SAVE_SAFETENSORS } from './python-training';

export const CONVERTER_NAME = 'convert_pt.py';

/** The complete convert_pt.py; it does not depend on the design, so every bundle ships the same one. */
export function exportConvertPy(): string {
  return `"""Converts a PyTorch checkpoint (.pt or .pth) into a safetensors file that CNN Playground can load.

    python3 ${CONVERTER_NAME} model.pt                    # writes model.safetensors beside it
    python3 ${CONVERTER_NAME} model.pt weights.safetensors

The playground never opens .pt files: they are Python pickles, and loading a pickle can run any code it
holds. This script builds tensors and plain containers only, so it is safe on files from others too: it
reads torch.save's zip format itself, with an unpickler that knows no class but its own few, and older
(pre-1.6) files with torch.load(weights_only=True). It takes a state_dict saved with
torch.save(model.state_dict(), path), or a checkpoint dict holding one under 'state_dict',
'model_state_dict' or 'model' (an optimizer's state beside it is fine), and drops the
'module.' prefix that DistributedDataParallel adds (and torch.compile's '_orig_mod.').
"""
import argparse
import collections
import json
import os
import pickle
import struct
import zipfile

import torch

CHECKPOINT_KEYS = ('state_dict', 'model_state_dict', 'model')
PREFIXES = ('module.', '_orig_mod.')
STORAGE_DTYPES = {
    'FloatStorage': torch.float32, 'DoubleStorage': torch.float64, 'HalfStorage': torch.float16,
    'BFloat16Storage': torch.bfloat16, 'LongStorage': torch.int64, 'IntStorage': torch.int32,
    'ShortStorage': torch.int16, 'CharStorage': torch.int8, 'ByteStorage': torch.uint8, 'BoolStorage': torch.bool,
}


def rebuild_tensor(storage, offset, size, stride, *unused):
    """torch._utils._rebuild_tensor_v2, as a view of STORAGE (a flat tensor) copied out."""
    return torch.as_strided(storage, size, stride, offset).clone()


def rebuild_parameter(data, *unused):
    return data


# Every name a state_dict's pickle may use, mapped to this script's own harmless stand-ins.
GLOBALS = {
    ('collections', 'OrderedDict'): collections.OrderedDict,
    ('torch._utils', '_rebuild_tensor_v2'): rebuild_tensor,
    ('torch._utils', '_rebuild_parameter'): rebuild_parameter,
    **{('torch', name): dtype for name, dtype in STORAGE_DTYPES.items()},
}


class CheckpointUnpickler(pickle.Unpickler):
    """Unpickles the data.pkl of torch.save's zip format into tensors, numbers, strings and containers."""

    def __init__(self, file, archive, root):
        super().__init__(file)
        self.archive, self.root = archive, root

    def find_class(self, module, name):
        if (module, name) not in GLOBALS:
            raise pickle.UnpicklingError(f'{module}.{name} is not a tensor or a plain container')
        return GLOBALS[(module, name)]

    def persistent_load(self, saved_id):
        kind, dtype, key, _, numel = saved_id
        if kind != 'storage' or not isinstance(dtype, torch.dtype):
            raise pickle.UnpicklingError(f'unexpected persistent id {saved_id!r}')
        data = bytearray(self.archive.read(f'{self.root}/data/{key}'))
        if len(data) != numel * torch.empty((), dtype=dtype).element_size():
            raise pickle.UnpicklingError(f'storage {key} holds {len(data)} bytes, not {numel} values')
        return torch.frombuffer(data, dtype=dtype) if data else torch.empty(0, dtype=dtype)


def load_checkpoint(path):
    """What torch.save wrote, unpickled with nothing but tensors and plain containers allowed."""
    if not zipfile.is_zipfile(path):
        return torch.load(path, map_location='cpu', weights_only=True)
    with zipfile.ZipFile(path) as archive:
        pickles = [name for name in archive.namelist() if name.endswith('/data.pkl')]
        if len(pickles) != 1:
            raise pickle.UnpicklingError('this zip is not a torch.save file (no single */data.pkl)')
        root = pickles[0][:-len('/data.pkl')]
        if f'{root}/byteorder' in archive.namelist() and archive.read(f'{root}/byteorder') != b'little':
            raise pickle.UnpicklingError('its tensors are big-endian; convert it on the machine that saved it')
        with archive.open(pickles[0]) as file:
            return CheckpointUnpickler(file, archive, root).load()


${SAVE_SAFETENSORS}


def state_dict_of(checkpoint, path):
    """The tensors by name, from a state_dict or a checkpoint dict that holds one."""
    if isinstance(checkpoint, dict):
        for key in CHECKPOINT_KEYS:
            if isinstance(checkpoint.get(key), dict):
                checkpoint = checkpoint[key]
                break
    if not isinstance(checkpoint, dict) or not checkpoint:
        raise SystemExit(f'{path} holds no state_dict: save one with torch.save(model.state_dict(), path)')
    tensors = {}
    for name, value in checkpoint.items():
        if not isinstance(value, torch.Tensor):
            raise SystemExit(f'{path}: {name!r} is not a tensor, so this is not a state_dict')
        while name.startswith(PREFIXES):
            name = name.split('.', 1)[1]
        tensors[name] = value
    return tensors


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('source', help='the .pt or .pth file')
    parser.add_argument('target', nargs='?', help='the .safetensors file to write (default: beside the source)')
    args = parser.parse_args()
    target = args.target or os.path.splitext(args.source)[0] + '.safetensors'
    try:
        checkpoint = load_checkpoint(args.source)
    except TypeError:
        raise SystemExit('files saved before PyTorch 1.6 need PyTorch 1.13 or newer here (torch.load(weights_only=True))')
    except pickle.UnpicklingError as error:
        raise SystemExit(f'{args.source} holds more than tensors, such as a whole pickled model; where you '
                         f'trust the file, save its weights alone with '
                         f'torch.save(torch.load(path).state_dict(), path) and convert that ({error})')
    tensors = state_dict_of(checkpoint, args.source)
    save_safetensors(tensors, target)
    skipped = sorted(name for name, tensor in tensors.items() if not tensor.is_floating_point())
    print(f'wrote {target}: {len(tensors) - len(skipped)} tensors as F32'
          + (f' (left out, not floating point: {", ".join(skipped)})' if skipped else ''))


if __name__ == '__main__':
    main()
`;
}
