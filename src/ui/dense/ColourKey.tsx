// Which colour stands for which class (a digit, or a Fashion-MNIST garment) in the label maps and boxes.
import { useStore } from '../store/store';
import { digitCss } from './colours';

export function ColourKey() {
  const names = useStore((s) => s.dataset.classNames);
  return (
    <ul className="colour-key" aria-label="Colour of each class" data-testid="colour-key">
      <li className="muted">Colours:</li>
      {Array.from({ length: 10 }, (_, d) => (
        <li key={d}>
          <span className="colour-swatch" style={{ background: digitCss(d) }} aria-hidden="true" />
          {names[d] ?? d}
        </li>
      ))}
      <li className="muted">(uncoloured: background)</li>
    </ul>
  );
}
