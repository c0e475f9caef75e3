// The dataset loading bar: images in so far, then the train/test counts when complete.
import { useTranslation } from 'react-i18next';
import { datasetName, isUserDataset } from '../../network/dataset-input';
import { ProgressBar } from '../shell/ProgressBar';
import { useStore } from '../store/store';

const fmt = (n: number) => n.toLocaleString('en-US');

export function DatasetProgress() {
  const { t } = useTranslation();
  const dataset = useStore((s) => s.dataset);
  const loadDataset = useStore((s) => s.loadDataset);
  const input = useStore((s) => s.spec.input);
  const name = datasetName(input.dataset === dataset.id ? input : { dataset: dataset.id });
  const percent =
    dataset.phase === 'ready'
      ? 100
      : dataset.totalImages > 0
        ? (100 * dataset.images) / dataset.totalImages
        : 0;
  let text = t('datasetProgress.waitingToLoad');
  if (dataset.phase === 'loading')
    text = t('datasetProgress.ofImages', {
      images: fmt(dataset.images),
      totalImages: fmt(dataset.totalImages),
    });
  if (dataset.phase === 'ready')
    text = t('datasetProgress.trainingTestImagesLoaded', {
      train: fmt(dataset.train),
      test: fmt(dataset.test),
    });
  if (dataset.phase === 'error')
    text = isUserDataset(dataset.id)
      ? t('datasetProgress.notReadyToTrain', { message: dataset.message })
      : t('datasetProgress.loadingFailed', { message: dataset.message });
  return (
    <div className="dataset-progress">
      <ProgressBar label={t('datasetProgress.data', { name })} percent={percent} text={text} />
      <span
        aria-live="polite"
        data-testid="dataset-status"
        role={dataset.phase === 'error' ? 'alert' : undefined}
      >
        {text}
      </span>
      {dataset.phase === 'error' && !isUserDataset(dataset.id) && (
        <button type="button" onClick={() => loadDataset(dataset.id)}>
          {t('datasetProgress.retry')}
        </button>
      )}
    </div>
  );
}
