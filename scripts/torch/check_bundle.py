"""Opens exported zips with Python's zipfile and runs what a student would run.

JOBS is a JSON list of {"zip", "dir"}. For each job it checks every member's CRC (ZipFile.testzip),
extracts the archive into DIR, byte-compiles every .py file in it (train.py needs torchvision to run,
but must at least be valid Python), then runs every model.py in it (a GAN has two) as __main__. It
prints one JSON list of {"names", "stdout"}: each archive's member names, and what each model.py printed
keyed by its path in the archive.

    python3 check_bundle.py JOBS
"""
import contextlib
import io
import json
import os
import py_compile
import runpy
import sys
import zipfile


def check(job):
    with zipfile.ZipFile(job['zip']) as archive:
        bad = archive.testzip()
        if bad is not None:
            raise ValueError(f'{job["zip"]}: CRC mismatch in {bad}')
        names = archive.namelist()
        archive.extractall(job['dir'])
    for name in names:
        if name.endswith('.py'):
            py_compile.compile(os.path.join(job['dir'], name), doraise=True)
    stdout = {}
    for name in sorted(n for n in names if os.path.basename(n) == 'model.py'):
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            runpy.run_path(os.path.join(job['dir'], name), run_name='__main__')
        stdout[name] = printed.getvalue()
    return {'names': names, 'stdout': stdout}


def main(jobs_path):
    import torch

    torch.set_num_threads(1)
    with open(jobs_path) as f:
        jobs = json.load(f)
    print(json.dumps([check(job) for job in jobs]))


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
