"""MNIST's IDX files as the app serves them (public/data/mnist/*.gz), read into uint8 tensors."""
import gzip
import os
import struct

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MNIST = os.path.join(ROOT, 'public', 'data', 'mnist')


def read_idx(name):
    """The tensor in MNIST's file NAME (e.g. 'train-images-idx3-ubyte'), shaped by its header."""
    with gzip.open(os.path.join(MNIST, name + '.gz'), 'rb') as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(f'>{dims}I', data[4:4 + 4 * dims])
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)
