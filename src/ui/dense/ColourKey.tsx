// Which colour stands for which class (a digit, or a Fashion-MNIST garment) in the label maps and boxes.
import { useTranslation } from 'react-i18next';
import { useStore } from '../store/store';
import { digitCss } from './colours';

export function ColourKey() {
  const { t } = useTranslation();
  const names = useStore((s) => s.dataset.classNames);
  return (
    <ul className="colour-key" aria-label={t('colourKey.colourOfEachClass')} data-testid="colour-key">
      <li className="muted">{t('colourKey.colours')}</li>
      {Array.from({ length: 10 }, (_, d) => (
        <li key={d}>
          <span className="colour-swatch" style={{ background: digitCss(d) }} aria-hidden="true" />
          {names[d] ?? d}
        </li>
      ))}
      <li className="muted">{t('colourKey.uncolouredBackground')}</li>
    </ul>
  );
}
