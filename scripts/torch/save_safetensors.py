"""A pure-Python safetensors writer, so the tests need only Debian's python3-torch (no pip packages).

As a library:   save_file({'name': tensor, ...}, path)   writes F32, F16, BF16 and I64 tensors.
As a script:    the "PyTorch -> playground" half of the round trip. JOBS is a JSON list of
{"dir", "class", "seed", "inputs", "weights", "outputs", "dtype"?}. For each job it builds the exported
model with PyTorch's own random initialisation, gives its BatchNorm layers non-trivial statistics, saves
the state_dict (num_batches_tracked included, as I64, exactly as PyTorch keeps it; with dtype "float16"
every float tensor as F16) and the model's outputs on the tensor 'input' of INPUTS, so the playground
can import the weights and must reproduce those outputs.

    python3 save_safetensors.py JOBS
"""
import json
import struct
import sys

from exported import load_model_module

DTYPE_NAMES = {'float32': 'F32', 'float16': 'F16', 'bfloat16': 'BF16', 'int64': 'I64'}


def save_file(tensors, path, metadata=None):
    import torch

    header = {'__metadata__': metadata} if metadata else {}
    chunks = []
    offset = 0
    for name, tensor in tensors.items():
        tensor = tensor.detach().contiguous().cpu()
        dtype = DTYPE_NAMES[str(tensor.dtype).replace('torch.', '')]
        # Reinterpret as bytes: bfloat16 has no NumPy type, so view it as int16 first.
        raw = tensor.view(torch.int16) if tensor.dtype == torch.bfloat16 else tensor
        data = raw.numpy().tobytes() if tensor.numel() > 0 else b''
        header[name] = {'dtype': dtype, 'shape': list(tensor.shape), 'data_offsets': [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(',', ':')).encode('utf-8')
    text += b' ' * (-len(text) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)))
        f.write(text)
        for data in chunks:
            f.write(data)


def export_state_dict(job, index):
    import torch

    model = load_model_module(job['dir'], f'torch_model_{index}')
    torch.manual_seed(job['seed'])
    net = getattr(model, job['class'])()
    for module in net.modules():
        if isinstance(module, torch.nn.BatchNorm2d):
            module.running_mean.normal_(0, 0.5)
            module.running_var.uniform_(0.5, 2.0)
            module.weight.data.normal_(1, 0.2)
            module.bias.data.normal_(0, 0.2)
            module.num_batches_tracked.fill_(7)
    net.eval()
    state = net.state_dict()
    if job.get('dtype') == 'float16':
        state = {k: v.half() if v.is_floating_point() else v for k, v in state.items()}
        net.load_state_dict(state)
    save_file(state, job['weights'], {'format': 'pt'})
    x = model.read_safetensors(job['inputs'])['input']
    with torch.no_grad():
        y = net(x)
    save_file({'output': y}, job['outputs'])


def main(jobs_path):
    import torch

    torch.set_num_threads(1)
    with open(jobs_path) as f:
        jobs = json.load(f)
    for index, job in enumerate(jobs):
        export_state_dict(job, index)


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
