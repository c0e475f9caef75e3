// Training's notices in Simplified Chinese with their numbers (divergence, GAN health, dataset errors, the
// backend's reason), and the client telling the worker each language switch so the worker's own messages
// follow the page.
import { afterEach, describe, expect, it } from 'vitest';
import { DatasetHttpError } from '../data/errors';
import { parseIdx } from '../data/idx';
import { chooseCpuBackend } from '../engine/wasm/choose';
import type { GpuInfo } from '../gpu/device';
import { setLanguage } from '../i18n';
import { chooseBackend } from './backend-choice';
import { TrainerClient, type WorkerLike } from './client';
import { ganWarning } from './generative/health';
import { stateFromSnapshot } from './load-weights';
import type { ModelDescription } from '../model/describe';
import type { TrainerRequest } from './protocol';
import { divergenceMessage, explosionMessage } from './reports';
import { createHarness } from './testing/harness';
import { loadNodeModule, spawnNodeHelper } from '../engine/wasm/testing/node';

afterEach(() => setLanguage('en'));

describe('training notices in zh-CN', () => {
  it('words a divergence, an explosion, a GAN warning and a dataset error with their numbers', async () => {
    await setLanguage('zh-CN');
    expect(divergenceMessage(42, 3, 'loss', NaN)).toBe(
      '损失在第 42 步变成了 NaN：学习率 3 太高了。把它调低（试试 0.01），然后按“重置”。',
    );
    expect(
      explosionMessage(60, { loss: 123.456, limit: 23, steps: 59 }, { lr: 0.5, loadedLargest: null }),
    ).toMatch(/^到第 60 步时损失升到了 123，并连续 59 步高于 23（训练开始时的 \d+ 倍）：学习率 0\.5 太高了/);
    expect(ganWarning({ dLoss: 0.01, gLoss: 9 } as never, 0.2)).toBe(
      '判别器每一轮都赢，所以生成器几乎学不到东西：试试更低的学习率，或更小的判别器。',
    );
    expect(new DatasetHttpError('train-images.gz', 500, 'Server Error').message).toBe(
      '无法获取数据集文件 train-images.gz（HTTP 500 Server Error）',
    );
    const desc = { paramFloats: 0, bufferFloats: 0, layers: [] } as unknown as ModelDescription;
    expect(() => stateFromSnapshot(desc, [{ layerIndex: 2, kind: 'ReLU', tensors: [] }])).toThrow(
      '权重指向第 3 层，但网络只有 0 层',
    );
    expect(() => parseIdx(new Uint8Array(0), 'images', { file: 'x.idx' })).toThrow(
      '数据集文件 x.idx：文件是空的（应为 IDX 图像文件）',
    );
    const cpu = chooseCpuBackend({ wasmSimd: true, sharedMemory: true, cores: 3 });
    expect(cpu.reason).toBe('WebAssembly，2 个线程');
    const gpu = { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true } as GpuInfo;
    const measured = { webgpuMs: 40, cpuMs: 10 };
    expect(
      chooseBackend({ preference: 'auto', gpu: { kind: 'found', info: gpu }, cpu, measured }).reason,
    ).toBe(
      'WebAssembly，2 个线程：唯一的 WebGPU 适配器是软件模拟的（google swiftshader），实测 WebAssembly 对这个设计更快（每步 10 ms 对 40 ms）',
    );
    await setLanguage('en');
    expect(divergenceMessage(42, 3, 'weights', Infinity)).toBe(
      'The weights became infinite at step 42: the learning rate 3 is too high. Lower it (try 0.01) and press Reset.',
    );
  });

  it('sends the worker each language switch until disposed', async () => {
    const sent: TrainerRequest[] = [];
    const worker: WorkerLike = {
      postMessage: (message) => sent.push(message),
      addEventListener: () => {},
      removeEventListener: () => {},
    };
    const client = new TrainerClient(worker);
    expect(sent.map((m) => m.type)).toEqual(['init']);
    await setLanguage('zh-CN');
    expect(sent.at(-1)).toEqual({ type: 'setLanguage', language: 'zh-CN' });
    client.dispose();
    const count = sent.length;
    await setLanguage('en');
    expect(sent).toHaveLength(count);
  });

  it("words the backend's reason again when the language changes after the choice", async () => {
    const h = createHarness({
      gpu: null,
      wasm: { loadModule: loadNodeModule, spawn: spawnNodeHelper },
      cpuEnv: { wasmSimd: true, sharedMemory: true, cores: 2 },
    });
    await h.send({ type: 'init', backend: 'wasm' });
    expect((await h.waitFor('ready')).choice?.reason).toBe(
      'WebAssembly, 2 threads: chosen in the backend menu',
    );
    await h.send({ type: 'setLanguage', language: 'zh-CN' });
    const retold = h.of('backendReason');
    expect(retold).toHaveLength(1);
    expect(retold[0].choice?.reason).toMatch(/^WebAssembly，2 个线程/);
    expect(retold[0].choice?.engine).toBe('wasm');
    await h.send({ type: 'dispose' });
  });
});
