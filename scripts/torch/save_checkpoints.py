"""Saves an exported model's state_dict the ways people save PyTorch checkpoints, for convert_pt.py to read.

JOBS is a JSON list of {"dir", "class", "seed", "out"}. For each job it builds CLASS from DIR/model.py
with PyTorch's own initialisation (seeded), runs one training batch so BatchNorm statistics move, and
writes into OUT:
    checkpoint.pt         {'epoch', 'model_state_dict' with DistributedDataParallel's 'module.' prefix,
                          'optimizer_state_dict'} in torch.save's zip format
    legacy.pt             the bare state_dict in torch.save's legacy (pre-1.6) format
    module.pt             the whole pickled nn.Module, which a weights-only load must refuse
    expected.safetensors  the state_dict as safetensors, to compare the conversion with

    python3 save_checkpoints.py JOBS
"""
import json
import os
import sys

from exported import load_model_module
from save_safetensors import save_file


def save(job, index):
    import torch

    torch.manual_seed(job['seed'])
    model = load_model_module(job['dir'], f'checkpoint_model_{index}')
    sys.modules[model.__name__] = model  # pickle finds a class by its module's name
    net = getattr(model, job['class'])()
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
    net(torch.randn(4, 1, 28, 28)).sum().backward()
    optimizer.step()
    state = net.state_dict()
    out = job['out']
    torch.save({'epoch': 3, 'model_state_dict': {f'module.{k}': v for k, v in state.items()},
                'optimizer_state_dict': optimizer.state_dict()}, os.path.join(out, 'checkpoint.pt'))
    torch.save(state, os.path.join(out, 'legacy.pt'), _use_new_zipfile_serialization=False)
    torch.save(net, os.path.join(out, 'module.pt'))
    save_file(state, os.path.join(out, 'expected.safetensors'))


def main(jobs_path):
    import torch

    torch.set_num_threads(1)
    with open(jobs_path) as f:
        jobs = json.load(f)
    for index, job in enumerate(jobs):
        save(job, index)


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
