import { useTranslation } from 'react-i18next';
export function WebGpuMissingNotice({ reason }: { reason: string }) {
  const { t } = useTranslation();
  return (
    <div
      role="alert"
      className="notice notice-warning"
      aria-label={t('webGpuMissingNotice.webgpuUnavailable')}
    >
      <strong>{t('webGpuMissingNotice.webgpuIsNotAvailable')}</strong>{' '}
      {t('webGpuMissingNotice.trainingStillWorksOn')}
      <span className="muted">({reason})</span>
      <p>{t('webGpuMissingNotice.webgpuShipsInChrome')}</p>
    </div>
  );
}
