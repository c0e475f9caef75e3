// Test-only: running the helpers in scripts/torch/ under Debian's python3-torch, and comparing numbers.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Debian's python3-torch lives here; TORCH_PYTHON points elsewhere (e.g. a venv) on other machines. */
export const PYTHON = process.env.TORCH_PYTHON ?? '/usr/bin/python3';
const SCRIPTS = fileURLToPath(new URL('../../../../scripts/torch/', import.meta.url));

/** |torch - playground| <= ABS + REL·|playground|: float32 sums in another order differ by ~1e-6. */
export const ABS = 1e-4;
export const REL = 1e-4;

export interface TorchProbe {
  version: string | null;
  /** Why torch is unusable, when it is. */
  reason: string;
  /** REQUIRE_TORCH=1 (set by .ci/run): a missing torch (or onnx) must fail, not skip. */
  required: boolean;
}

export function probeTorch(): TorchProbe {
  return probeModule('torch', 'python3-torch', 'the PyTorch round-trip tests');
}

/** The onnx package (its checker), for the ONNX export's tests; REQUIRE_TORCH=1 requires it too. */
export function probeOnnx(): TorchProbe {
  return probeModule('onnx', 'python3-onnx', 'the ONNX checker tests');
}

function probeModule(module: string, debianPackage: string, tests: string): TorchProbe {
  const required = process.env.REQUIRE_TORCH === '1';
  const probe = spawnSync(PYTHON, ['-c', `import ${module}; print(${module}.__version__)`], {
    encoding: 'utf8',
  });
  if (probe.status === 0) return { version: probe.stdout.trim(), reason: '', required };
  const detail = probe.error?.message ?? probe.stderr.trim().split('\n').pop();
  const reason = `${PYTHON} cannot import ${module} (${detail}); install Debian's ${debianPackage}`;
  if (!required) console.warn(`Skipping ${tests}: ${reason}`);
  return { version: null, reason, required };
}

/** Runs scripts/torch/<script> on a JSON job list; returns its stdout or throws with its stderr. */
export function runScript(script: string, jobs: unknown, dir: string, env?: NodeJS.ProcessEnv): string {
  const jobsPath = join(dir, `${script}.jobs.json`);
  writeFileSync(jobsPath, JSON.stringify(jobs));
  const run = spawnSync(PYTHON, [join(SCRIPTS, script), jobsPath], {
    encoding: 'utf8',
    timeout: 120_000,
    env,
  });
  if (run.status !== 0) throw new Error(`${script} failed (${run.status ?? run.signal}):\n${run.stderr}`);
  return run.stdout;
}

/** Throws naming the first element outside ABS + REL·|expected|. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  if (actual.length !== expected.length) {
    throw new Error(`${what}: ${actual.length} values, expected ${expected.length}`);
  }
  for (let i = 0; i < expected.length; i++) {
    if (!(Math.abs(actual[i] - expected[i]) <= ABS + REL * Math.abs(expected[i]))) {
      throw new Error(
        `${what}: element ${i} is ${actual[i]}, expected ${expected[i]} (±${ABS} + ${REL}·|x|)`,
      );
    }
  }
}

/**
 * An environment in which `import torchvision` fails even where it is installed: a package of that name
 * that raises ImportError, put first on PYTHONPATH (under `dir`). One thread, as the tests share 2 cores.
 */
export function withoutTorchvision(dir: string): NodeJS.ProcessEnv {
  const shim = join(dir, 'no-torchvision');
  mkdirSync(join(shim, 'torchvision'), { recursive: true });
  writeFileSync(
    join(shim, 'torchvision', '__init__.py'),
    "raise ImportError('torchvision is hidden by this test')\n",
  );
  const path = [shim, process.env.PYTHONPATH].filter(Boolean).join(':');
  return { ...process.env, PYTHONPATH: path, OMP_NUM_THREADS: '1' };
}
