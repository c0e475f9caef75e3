// The brush's colour, for a pad that draws a colour dataset's images (the example pad and the prediction pad).
import { useTranslation } from 'react-i18next';

export function BrushColour({ value, onChange }: { value: string; onChange: (colour: string) => void }) {
  const { t } = useTranslation();
  return (
    <label className="brush-colour">
      {t('brushColour.label')} <input type="color" value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}
