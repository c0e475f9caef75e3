// The dataset loading bar: images in so far, then the train/test counts when complete.
import { datasetName, isUserDataset } from '../../network/dataset-input';
import { ProgressBar } from '../shell/ProgressBar';
import { useStore } from '../store/store';

const fmt = (n: number) => n.toLocaleString('en-US');

export function DatasetProgress() {
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
  let text = 'Waiting to load';
  if (dataset.phase === 'loading') text = `${fmt(dataset.images)} of ${fmt(dataset.totalImages)} images`;
  if (dataset.phase === 'ready')
    text = `${fmt(dataset.train)} training + ${fmt(dataset.test)} test images loaded`;
  if (dataset.phase === 'error')
    text = isUserDataset(dataset.id)
      ? `Not ready to train: ${dataset.message}`
      : `Loading failed: ${dataset.message}`;
  return (
    <div className="dataset-progress">
      <ProgressBar label={`${name} data`} percent={percent} text={text} />
      <span
        aria-live="polite"
        data-testid="dataset-status"
        role={dataset.phase === 'error' ? 'alert' : undefined}
      >
        {text}
      </span>
      {dataset.phase === 'error' && !isUserDataset(dataset.id) && (
        <button type="button" onClick={() => loadDataset(dataset.id)}>
          Retry
        </button>
      )}
    </div>
  );
}
