// Where training stands: data loading, the epoch, throughput, and the backend in use with why and a menu
// to choose it.
import { ProgressBar } from '../shell/ProgressBar';
import { useStore } from '../store/store';
import { BackendPicker, BackendReason, backendName } from '../webgpu/BackendPicker';
import { DatasetProgress } from './DatasetProgress';

export function ProgressPanel() {
  const latest = useStore((s) => s.latest);
  // Live between reports: the count of steps taken, not only of steps reported.
  const progress = useStore((s) => s.progress) ?? latest;
  const epochs = useStore((s) => s.hyper.epochs);
  const backend = useStore((s) => s.backend);
  const choice = useStore((s) => s.backendChoice);
  const epoch = progress ? progress.epoch + 1 : 0;
  return (
    <div className="progress-panel">
      <DatasetProgress />
      <ProgressBar
        label="Epoch progress"
        percent={(progress?.epochProgress ?? 0) * 100}
        text={`Epoch ${epoch} of ${epochs}`}
      />
      <dl className="stats">
        <dt>Epoch</dt>
        <dd data-testid="epoch">
          {epoch} / {epochs}
        </dd>
        <dt>Steps</dt>
        <dd data-testid="step">{progress?.step ?? 0}</dd>
        <dt>Images/s</dt>
        <dd data-testid="images-per-second">
          {latest ? Math.round(latest.imagesPerSecond).toLocaleString('en-US') : '—'}
        </dd>
        <dt>Backend</dt>
        <dd data-testid="backend">{backendName(backend, choice)}</dd>
      </dl>
      <div className="backend-line">
        <BackendPicker />
        <BackendReason />
      </div>
    </div>
  );
}
