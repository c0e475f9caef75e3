"""The "playground -> PyTorch" half of the round trip: run exported model.py files with their weights.

JOBS is a JSON list of {"dir", "class", "inputs", "outputs"}. For each job it loads DIR/model.py, builds
CLASS, loads DIR/weights.safetensors with the model's own load_weights (so the test covers the code a
student runs), evaluates the tensor 'input' of INPUTS in eval mode and writes the tensor 'output' to
OUTPUTS, both as safetensors. One process for all jobs: importing torch is the slow part.

    python3 run_exported.py JOBS
"""
import json
import os
import sys

from exported import load_model_module
from save_safetensors import save_file


def run(job, index):
    import torch

    model = load_model_module(job['dir'], f'exported_model_{index}')
    net = getattr(model, job['class'])()
    net.load_weights(os.path.join(job['dir'], 'weights.safetensors'))
    net.eval()
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
        run(job, index)


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
