"""Checks exported ONNX files with the onnx package (Debian's python3-onnx): the checker with its full
check, which also runs strict shape inference, so every node's attributes and every declared shape must
agree with the operator schemas of the file's opset.

JOBS is a JSON list of paths to .onnx files. Prints one JSON list of {"path", "ir_version", "opset",
"ops"}, or exits non-zero with the checker's message.

    python3 check_onnx.py JOBS
"""
import json
import sys

import onnx


def check(path):
    model = onnx.load(path)
    try:
        onnx.checker.check_model(model, full_check=True)
    except Exception as error:
        raise SystemExit(f'{path}: {error}')
    return {
        'path': path,
        'ir_version': model.ir_version,
        'opset': [entry.version for entry in model.opset_import if entry.domain == ''][0],
        'ops': sorted({node.op_type for node in model.graph.node}),
    }


if __name__ == '__main__':
    with open(sys.argv[1]) as jobs:
        print(json.dumps([check(path) for path in json.load(jobs)]))
