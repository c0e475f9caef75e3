// Which colour stands for which digit in the label maps and boxes.
import { digitCss } from './colours';

export function ColourKey() {
  return (
    <ul className="colour-key" aria-label="Colour of each digit" data-testid="colour-key">
      <li className="muted">Colours:</li>
      {Array.from({ length: 10 }, (_, d) => (
        <li key={d}>
          <span className="colour-swatch" style={{ background: digitCss(d) }} aria-hidden="true" />
          {d}
        </li>
      ))}
      <li className="muted">(uncoloured: background)</li>
    </ul>
  );
}
