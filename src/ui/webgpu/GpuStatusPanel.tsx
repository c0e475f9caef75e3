// The WebGPU status the user sees: adapter, features and key limits, or the fallback notice.
import { useTranslation } from 'react-i18next';
import { Fragment } from 'react';
import { useStore } from '../store/store';
import type { GpuSummary } from './types';
import { WebGpuMissingNotice } from './WebGpuMissingNotice';

const MiB = 1024 * 1024;

function formatLimit(name: string, value: number): string {
  return /Size$/.test(name) && value >= MiB
    ? `${Math.round(value / MiB)} MiB`
    : value.toLocaleString('en-US');
}

function GpuDetails({ gpu }: { gpu: GpuSummary }) {
  const { t } = useTranslation();
  const feature = (on: boolean) => (on ? 'yes' : 'no');
  return (
    <details className="gpu-details">
      <summary>
        WebGPU: <span data-testid="gpu-vendor">{gpu.vendor || t('gpuStatusPanel.unknownVendor')}</span>{' '}
        <span data-testid="gpu-architecture">
          {gpu.architecture || t('gpuStatusPanel.unknownArchitecture')}
        </span>
      </summary>
      <dl>
        <dt>{t('gpuStatusPanel.description')}</dt>
        <dd>{gpu.description || '—'}</dd>
        <dt>{t('gpuStatusPanel.shaderF16')}</dt>
        <dd data-testid="gpu-f16">{feature(gpu.features.shaderF16)}</dd>
        <dt>{t('gpuStatusPanel.subgroups')}</dt>
        <dd data-testid="gpu-subgroups">{feature(gpu.features.subgroups)}</dd>
        {Object.entries(gpu.limits).map(([name, value]) => (
          <Fragment key={name}>
            <dt>{name}</dt>
            <dd>{formatLimit(name, value)}</dd>
          </Fragment>
        ))}
      </dl>
    </details>
  );
}

export function GpuStatusPanel() {
  const { t } = useTranslation();
  const status = useStore((s) => s.gpuStatus);
  return (
    <section aria-label={t('gpuStatusPanel.webgpuStatus')} className="gpu-status">
      {status.kind === 'checking' && <span>{t('gpuStatusPanel.checkingWebgpu')}</span>}
      {status.kind === 'available' && <GpuDetails gpu={status.gpu} />}
      {status.kind === 'unavailable' && <WebGpuMissingNotice reason={status.reason} />}
    </section>
  );
}
