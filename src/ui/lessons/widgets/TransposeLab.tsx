// Lesson 5's bench: a transposed convolution of a small input, each value scattering the kernel over the
// output, and the output-size formula with output_padding.
import { useEffect, useMemo, useState } from 'react';
import { convTranspose2d, transposedOutSize } from '../../../lessons/maths';
import { PixelCanvas } from '../../inspect/PixelCanvas';
import { keptNumber, useClassroom } from '../classroomStore';
import { NumberField } from './NumberField';
import { signedColour } from './maps';

/** A bump kernel (k×k, largest in the middle), so each scattered copy is easy to see. */
const bump = (k: number) =>
  Array.from({ length: k * k }, (_, i) => {
    const r = Math.floor(i / k) - (k - 1) / 2;
    const c = (i % k) - (k - 1) / 2;
    return 1 / (1 + r * r + c * c);
  });

export function TransposeLab() {
  // Choices carry over from the previous step, so each step starts where the learner left the bench.
  const [n, setN] = useState(() => keptNumber('transpose', 'n', 2));
  const [k, setK] = useState(() => keptNumber('transpose', 'k', 3));
  const [stride, setStride] = useState(() => keptNumber('transpose', 'stride', 1));
  const [padding, setPadding] = useState(() => keptNumber('transpose', 'padding', 0));
  const [outputPadding, setOutputPadding] = useState(() => keptNumber('transpose', 'outputPadding', 0));
  const report = useClassroom((s) => s.report);
  // PyTorch needs output_padding smaller than the stride.
  const op = Math.min(outputPadding, stride - 1);
  const outSize = transposedOutSize(n, k, stride, padding, op);
  const input = useMemo(() => Float32Array.from({ length: n * n }, (_, i) => 1 - 0.5 * ((i % 3) / 2)), [n]);
  const output = useMemo(
    () =>
      outSize > 0
        ? convTranspose2d({ data: input, height: n, width: n }, bump(k), k, stride, padding, op)
        : null,
    [input, n, k, stride, padding, op, outSize],
  );
  useEffect(
    () => report('transpose', { n, k, stride, padding, outputPadding: op, outSize }),
    [report, n, k, stride, padding, op, outSize],
  );
  return (
    <div className="lesson-widget" aria-label="Transposed convolution bench" role="group">
      <div className="lesson-controls">
        <NumberField label="Input size" value={n} min={1} max={8} onChange={setN} />
        <NumberField label="Kernel size" value={k} min={1} max={5} onChange={setK} />
        <NumberField label="Stride" value={stride} min={1} max={3} onChange={setStride} />
        <NumberField label="Padding" value={padding} min={0} max={2} onChange={setPadding} />
        <NumberField
          label="Output padding"
          value={outputPadding}
          min={0}
          max={2}
          onChange={setOutputPadding}
        />
      </div>
      <div className="lesson-maps">
        <PixelCanvas values={input} h={n} w={n} colour={signedColour(input)} label="Input" zoom={84 / 8} />
        {output && (
          <PixelCanvas
            values={output.data}
            h={output.height}
            w={output.width}
            colour={signedColour(output.data)}
            label="Output: the kernel scattered from each input value"
            testId="transpose-output"
            zoom={168 / Math.max(8, output.width)}
          />
        )}
      </div>
      <p data-testid="transpose-formula">
        out = (n − 1)·s − 2p + k + output_padding = ({n} − 1)·{stride} − 2·{padding} + {k} + {op} ={' '}
        <strong>{outSize}</strong>
        {outputPadding > op && ' (output_padding must be smaller than the stride, so it is ' + op + ' here)'}
        {outSize < 1 && ': the padding removes the whole output'}
      </p>
    </div>
  );
}
