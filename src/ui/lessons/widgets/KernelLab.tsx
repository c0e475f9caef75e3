// Lesson 1's bench: a hand-set 3×3 kernel applied to a real digit with a chosen stride and padding, the
// size formula with the numbers filled in, and the first conv layer's learned kernels on the same digit.
import { useEffect, useMemo, useState } from 'react';
import { DIGIT_SIZE, lessonDigit } from '../../../lessons/digit';
import {
  conv2d,
  convOutSize,
  KERNEL_NAMES,
  KERNELS,
  type KernelName,
  type Map2d,
} from '../../../lessons/maths';
import { PixelCanvas } from '../../inspect/PixelCanvas';
import { useStore } from '../../store/store';
import { kept, keptNumber, useClassroom } from '../classroomStore';
import { NumberField } from './NumberField';
import { pixelColour, signedColour } from './maps';

const digit: Map2d = { data: lessonDigit(), height: DIGIT_SIZE, width: DIGIT_SIZE };
const MAX_LEARNED = 8;

interface Learned {
  kernels: Float32Array[];
  k: number;
}

export function KernelLab() {
  // Choices carry over from the previous step, so each step starts where the learner left the bench.
  const [kernel, setKernel] = useState<KernelName>(() => {
    const k = kept('kernel', 'kernel');
    return KERNEL_NAMES.find((n) => n === k) ?? 'identity';
  });
  const [stride, setStride] = useState(() => keptNumber('kernel', 'stride', 1));
  const [padding, setPadding] = useState(() => keptNumber('kernel', 'padding', 1));
  const report = useClassroom((s) => s.report);
  const outSize = convOutSize(DIGIT_SIZE, 3, stride, padding);
  const output = useMemo(() => conv2d(digit, KERNELS[kernel], 3, stride, padding), [kernel, stride, padding]);
  useEffect(
    () => report('kernel', { kernel, stride, padding, outSize }),
    [report, kernel, stride, padding, outSize],
  );
  return (
    <div className="lesson-widget" aria-label="Kernel bench" role="group">
      <div className="lesson-controls">
        <label className="lesson-field">
          Kernel
          <select
            aria-label="Kernel"
            value={kernel}
            onChange={(e) => setKernel(e.target.value as KernelName)}
          >
            {KERNEL_NAMES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <NumberField label="Stride" value={stride} min={1} max={4} onChange={setStride} />
        <NumberField label="Padding" value={padding} min={0} max={3} onChange={setPadding} />
      </div>
      <div className="lesson-maps">
        <PixelCanvas values={digit.data} h={28} w={28} colour={pixelColour} label="The digit" zoom={3} />
        <table className="lesson-kernel" aria-label="Kernel weights">
          <tbody>
            {[0, 1, 2].map((r) => (
              <tr key={r}>
                {[0, 1, 2].map((c) => (
                  <td key={c}>{Number(KERNELS[kernel][r * 3 + c].toFixed(3))}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <PixelCanvas
          values={output.data}
          h={output.height}
          w={output.width}
          colour={signedColour(output.data)}
          label={`The digit through the ${kernel} kernel`}
          testId="kernel-output"
          zoom={(3 * 28) / output.width}
        />
      </div>
      <p data-testid="kernel-formula">
        out = ⌊(n + 2p − k) / s⌋ + 1 = ⌊(28 + 2·{padding} − 3) / {stride}⌋ + 1 = <strong>{outSize}</strong>,
        so {outSize}×{outSize}
      </p>
      <LearnedFilters />
    </div>
  );
}

function LearnedFilters() {
  const client = useStore((s) => s.client);
  const report = useClassroom((s) => s.report);
  const [learned, setLearned] = useState<Learned | null>(null);
  const [error, setError] = useState<string | null>(null);
  const show = async () => {
    if (!client) return;
    try {
      const layers = await client.snapshot('weights');
      // The first layer whose weight is [out, 1, k, k]: a convolution reading the greyscale image.
      const weight = layers
        .flatMap((l) => l.tensors.slice(0, 1))
        .find((t) => t.shape.length === 4 && t.shape[1] === 1 && t.shape[2] === t.shape[3]);
      if (!weight) throw new Error('the design has no convolution on the image to show');
      const k = weight.shape[2];
      const count = Math.min(MAX_LEARNED, weight.shape[0]);
      const kernels = Array.from({ length: count }, (_, i) => weight.data.slice(i * k * k, (i + 1) * k * k));
      setLearned({ kernels, k });
      setError(null);
      report('kernel', { learnedShown: true });
    } catch (e) {
      setError(`No learned filters yet: ${e instanceof Error ? e.message : String(e)}.`);
    }
  };
  return (
    <div className="lesson-learned">
      <button type="button" onClick={show} disabled={!client}>
        Show learned filters
      </button>
      {error && <p role="alert">{error}</p>}
      {learned && (
        <div className="lesson-filter-row" data-testid="learned-filters">
          {learned.kernels.map((w, i) => {
            const response = conv2d(digit, Array.from(w), learned.k, 1, Math.floor(learned.k / 2));
            return (
              <figure key={i}>
                <PixelCanvas
                  values={w}
                  h={learned.k}
                  w={learned.k}
                  colour={signedColour(w)}
                  label={`Learned kernel ${i + 1}`}
                  zoom={6}
                />
                <PixelCanvas
                  values={response.data}
                  h={response.height}
                  w={response.width}
                  colour={signedColour(response.data)}
                  label={`The digit through learned kernel ${i + 1}`}
                  zoom={2}
                />
              </figure>
            );
          })}
        </div>
      )}
    </div>
  );
}
