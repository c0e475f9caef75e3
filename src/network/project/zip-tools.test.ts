// A project unpacked and zipped again by a standard tool imports: Python's zipfile with deflate, written
// to a file and to a pipe (sizes in data descriptors), and Info-ZIP's `zip` where it is installed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { randomWeights } from '../export/testing/random-weights';
import { PYTHON } from '../export/testing/python';
import { presetSpec } from '../presets';
import { DEFAULT_HYPER } from '../hyper';
import { readProject, writeProject } from './project';
import { readZip } from './zip-read';

const REZIP = `
import io, sys, zipfile

class Pipe(io.RawIOBase):
    """A write-only stream that cannot seek, as a pipe: zipfile then writes data descriptors."""
    def __init__(self, f):
        self.f = f
    def writable(self):
        return True
    def write(self, b):
        return self.f.write(b)

source, seekable, piped = sys.argv[1:]
with zipfile.ZipFile(source) as z:
    files = [(name, z.read(name)) for name in z.namelist()]
with open(seekable, 'wb') as f1, open(piped, 'wb') as f2:
    for target in (f1, Pipe(f2)):
        with zipfile.ZipFile(target, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
            for name, data in files:
                z.writestr(name, data)
`;

const python = spawnSync(PYTHON, ['-c', 'import zipfile'], { encoding: 'utf8' });
const zipCli = spawnSync('zip', ['-v'], { encoding: 'utf8' });
if (python.status !== 0) console.warn(`Skipping the zipfile re-compression test: ${PYTHON} did not run`);
if (zipCli.status !== 0) console.warn('Skipping the Info-ZIP re-compression test: no `zip` command');

describe('a project re-compressed by standard zip tools', () => {
  const spec = presetSpec('lenet-5');
  const weights = randomWeights(spec, 4);
  const original = writeProject({ spec, hyper: DEFAULT_HYPER, weights });
  const dir = mkdtempSync(join(tmpdir(), 'cnn-rezip-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function expectSameProject(bytes: Uint8Array) {
    const read = readProject(bytes);
    if (!read.ok) throw new Error(read.error);
    expect(read.project.spec).toEqual(spec);
    expect(read.project.weights).toEqual(weights);
  }

  it.skipIf(python.status !== 0 && process.env.REQUIRE_TORCH !== '1')(
    "imports after Python's zipfile deflated it, to a file and to a pipe",
    () => {
      const source = join(dir, 'original.cnnp');
      writeFileSync(source, original);
      const [seekable, piped] = [join(dir, 'seekable.zip'), join(dir, 'piped.zip')];
      const run = spawnSync(PYTHON, ['-c', REZIP, source, seekable, piped], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(run.stderr);
      for (const path of [seekable, piped]) {
        const bytes = new Uint8Array(readFileSync(path));
        const view = new DataView(bytes.buffer);
        expect(view.getUint16(8, true)).toBe(8); // the first entry is deflated
        expect(view.getUint16(6, true) & 8).toBe(path === piped ? 8 : 0); // data descriptor
        expectSameProject(bytes);
      }
    },
  );

  it.skipIf(zipCli.status !== 0)(
    'imports after Info-ZIP zipped the unpacked files, to a file and to a pipe',
    () => {
      const folder = join(dir, 'unpacked');
      mkdirSync(folder);
      const unpacked = readZip(original, { maxEntries: 2, maxNameBytes: 64 });
      if (!unpacked.ok) throw new Error(unpacked.error);
      for (const file of unpacked.files) writeFileSync(join(folder, file.name), file.data);
      const names = unpacked.files.map((f) => f.name);
      const out = join(dir, 'info-zip.zip');
      const toFile = spawnSync('zip', ['-q', '-9', out, ...names], { cwd: folder });
      if (toFile.status !== 0) throw new Error(toFile.stderr.toString());
      expectSameProject(new Uint8Array(readFileSync(out)));
      // Written to a pipe, zip cannot seek back: sizes follow each entry in a data descriptor.
      const toPipe = spawnSync('zip', ['-q', '-', ...names], { cwd: folder, maxBuffer: 1 << 26 });
      if (toPipe.status !== 0) throw new Error(toPipe.stderr.toString());
      const piped = new Uint8Array(toPipe.stdout);
      expect(new DataView(piped.buffer, piped.byteOffset).getUint16(6, true) & 8).toBe(8);
      expectSameProject(piped);
    },
  );
});
