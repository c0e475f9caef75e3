// Image generation: a conv autoencoder or a DCGAN trained in the worker. The builder edits the networks
// (the GAN's two as tabs: the other one waits in the store's partner slot, so it is autosaved and shared);
// this panel runs them and shows what they make.
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { DCGAN_HYPER, type Hyperparams } from '../../network/hyper';
import { getPreset, presetSpec, SHARP_CODE } from '../../network/presets';
import type { NetworkSpec } from '../../network/spec';
import type { GenerativeMode } from '../../training/generative/types';
import { presetOf } from '../builder/preset-of';
import { useStore } from '../store/store';
import { GanView } from './GanView';
import { AutoencoderView } from './AutoencoderView';
import { designLr, isConditionalPair } from './design-lr';
import { loadTrainedGan, TRAINED_GANS } from './trained-gan';
import { loadTrainedAutoencoder, TRAINED_AUTOENCODERS } from './trained-autoencoder';
import { useGenerative } from './useGenerative';
import './generate.css';

type Tab = 'generator' | 'discriminator';

/** Width of the design's code (its bottleneck Linear's outputs), if it has one. */
function codeWidth(spec: NetworkSpec): number | undefined {
  const layer = spec.layers.find((l) => l.id === 'bottleneck');
  return layer && 'out_features' in layer ? layer.out_features : undefined;
}

/** A preset names its code layer (the VAE's is its sampling step); other designs call it 'bottleneck'. */
function bottleneckOf(spec: NetworkSpec): string {
  const preset = presetOf(spec);
  return (preset && getPreset(preset)?.bottleneckLayerId) ?? 'bottleneck';
}

/** The mode the builder's design implies: a GAN pair, a reconstruction network, or none. */
function impliedMode(spec: NetworkSpec, partner: NetworkSpec | undefined): GenerativeMode | null {
  if (spec.task === 'reconstruction') return 'autoencoder';
  return (spec.task === 'generator' || spec.task === 'discriminator') && partner ? 'gan' : null;
}

export function GeneratePanel() {
  const { t } = useTranslation();
  const client = useStore((s) => s.client);
  const spec = useStore((s) => s.spec);
  const storeHyper = useStore((s) => s.hyper);
  const datasetReady = useStore((s) => s.dataset.phase === 'ready');
  const view = useGenerative(client);
  const partner = useStore((s) => s.partner?.spec ?? null);
  // A generative design in the builder (restored, or loaded from the Preset menu) picks its mode; a
  // classifier leaves the mode last chosen here.
  const [chosen, setMode] = useState<GenerativeMode | null>(null);
  const mode = impliedMode(spec, partner ?? undefined) ?? chosen;
  const tab: Tab = spec.task === 'discriminator' ? 'discriminator' : 'generator';
  const conditional = mode === 'gan' && isConditionalPair(spec, partner);
  const [lr, setLr] = useState(designLr(mode, conditional));
  // Each design family starts from its preset's learning rate, however it was loaded (set while rendering,
  // React's pattern for state that follows a prop); edits within a family keep the rate typed.
  const family = `${mode}/${conditional}`;
  const [lrFamily, setLrFamily] = useState(family);
  if (family !== lrFamily) {
    setLrFamily(family);
    setLr(designLr(mode, conditional));
  }
  const [batch, setBatch] = useState(64);
  const [loss, setLoss] = useState<'bce' | 'mse'>('bce');

  const choose = (next: GenerativeMode) => {
    const { loadSpec, loadGan } = useStore.getState();
    setMode(next);
    if (next === 'autoencoder') loadSpec(presetSpec('autoencoder'));
    else loadGan(presetSpec('dcgan-generator'), presetSpec('dcgan-discriminator'));
  };
  /** Loads a GAN pair (its preset's learning rate follows, as the pair's family changes). */
  const loadGanPair = (
    g: 'dcgan-generator' | 'cgan-generator',
    d: 'dcgan-discriminator' | 'cgan-discriminator',
  ) => useStore.getState().loadGan(presetSpec(g), presetSpec(d));
  const switchTab = (next: Tab) => {
    if (next !== tab && partner) useStore.getState().swapPartner();
  };
  const hyper = (): Hyperparams =>
    mode === 'gan'
      ? { ...storeHyper, ...DCGAN_HYPER, seed: storeHyper.seed, lr, batchSize: batch }
      : { ...storeHyper, optimizer: 'adam', lr, batchSize: batch, loss };
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  /** The autoencoder design the worker last built: another one in the builder (a code button) is built afresh. */
  const [builtAutoencoder, setBuiltAutoencoder] = useState<NetworkSpec | null>(null);
  /** The GAN pair the worker last built (another pair, e.g. the conditional one, is built afresh). */
  const [builtGan, setBuiltGan] = useState<{ g: NetworkSpec; d: NetworkSpec } | null>(null);
  const pair = () => (tab === 'generator' ? { g: spec, d: partner } : { g: partner, d: spec });
  const train = () => {
    if (!client || !mode) return;
    // A paused run, or the loaded trained GAN or VAE, goes on; anything else is built afresh from the builder.
    const sameDesign =
      mode === 'gan' ? builtGan?.g === pair().g && builtGan?.d === pair().d : builtAutoencoder === spec;
    const goOn = view.mode === mode && (view.state === 'paused' || loaded) && sameDesign;
    setLoaded(false);
    if (!goOn) {
      if (mode === 'autoencoder') {
        client.generative({
          kind: 'setAutoencoder',
          spec,
          hyper: hyper(),
          bottleneckLayerId: bottleneckOf(spec),
        });
        setBuiltAutoencoder(spec);
      } else if (partner) {
        const [generator, discriminator] = tab === 'generator' ? [spec, partner] : [partner, spec];
        client.generative({ kind: 'setGan', generator, discriminator, hyper: hyper() });
        setBuiltGan({ g: generator, d: discriminator });
      }
    }
    client.generative({ kind: 'start' });
  };
  const ganPreset = mode === 'gan' && partner ? presetOf(pair().g!) : null;
  const trainedGan = ganPreset ? TRAINED_GANS[ganPreset] : undefined;
  const loadTrained = () => {
    if (!client || !partner || !trainedGan) return;
    const [generator, discriminator] = tab === 'generator' ? [spec, partner] : [partner, spec];
    setLoadError(null);
    loadTrainedGan(client, trainedGan, generator, discriminator, hyper()).then(
      () => {
        setLoaded(true);
        setBuiltGan({ g: generator, d: discriminator });
      },
      (error: unknown) => setLoadError(error instanceof Error ? error.message : String(error)),
    );
  };
  const preset = presetOf(spec);
  const trainedAe = preset ? TRAINED_AUTOENCODERS[preset] : undefined;
  const loadAutoencoder = () => {
    if (!client || !trainedAe) return;
    setLoadError(null);
    const design = { spec, hyper: hyper(), bottleneckLayerId: bottleneckOf(spec) };
    loadTrainedAutoencoder(client, trainedAe, design).then(
      () => {
        setBuiltAutoencoder(spec);
        setLoaded(true);
      },
      (error: unknown) => setLoadError(error instanceof Error ? error.message : String(error)),
    );
  };
  const wrongTask =
    mode === 'autoencoder' ? spec.task !== 'reconstruction' : mode === 'gan' ? spec.task !== tab : false;
  const blocked = !client
    ? t('generatePanel.theTrainerIsStarting')
    : !datasetReady
      ? t('generatePanel.waitingForTheDataset')
      : wrongTask
        ? t('generatePanel.theBuilderHoldsA', { task: spec.task })
        : null;

  return (
    <div className="generate">
      <h2>{t('generatePanel.generateImages')}</h2>
      <div role="group" aria-label={t('generatePanel.generativeMode')} className="control-buttons">
        <button type="button" aria-pressed={mode === 'autoencoder'} onClick={() => choose('autoencoder')}>
          {t('generatePanel.autoencoder')}
        </button>
        <button type="button" aria-pressed={mode === 'gan'} onClick={() => choose('gan')}>
          GAN
        </button>
      </div>
      {mode === null && <p className="muted">{t('generatePanel.loadAConvAutoencoder')}</p>}
      {mode === 'gan' && (
        <div role="tablist" aria-label={t('generatePanel.ganNetworkInThe')} className="tabs">
          {(['generator', 'discriminator'] as const).map((side) => (
            <button
              key={side}
              type="button"
              role="tab"
              aria-selected={tab === side}
              onClick={() => switchTab(side)}
            >
              {side === 'generator' ? t('generatePanel.generator') : t('generatePanel.discriminator')}
            </button>
          ))}
        </div>
      )}
      {mode && (
        <>
          {mode === 'gan' && (
            <div role="group" aria-label={t('generatePanel.ganDesign')} className="control-buttons">
              <button
                type="button"
                aria-pressed={!conditional}
                onClick={() => loadGanPair('dcgan-generator', 'dcgan-discriminator')}
              >
                {t('generatePanel.plainGan')}
              </button>
              <button
                type="button"
                aria-pressed={conditional}
                onClick={() => loadGanPair('cgan-generator', 'cgan-discriminator')}
              >
                {t('generatePanel.conditionalGan')}
              </button>
            </div>
          )}
          {mode === 'autoencoder' && (
            <div role="group" aria-label={t('generatePanel.autoencoderCode')} className="control-buttons">
              <button
                type="button"
                aria-pressed={codeWidth(spec) === 2}
                onClick={() => useStore.getState().loadSpec(presetSpec('autoencoder'))}
              >
                {t('generatePanel.t2NumberCodeA')}
              </button>
              <button
                type="button"
                aria-pressed={codeWidth(spec) === SHARP_CODE}
                onClick={() => useStore.getState().loadSpec(presetSpec('autoencoder-sharp'))}
              >
                {t('generatePanel.numberCodeSharpDigits', { SHARP_CODE })}
              </button>
              <button
                type="button"
                aria-pressed={preset === 'vae'}
                onClick={() => useStore.getState().loadSpec(presetSpec('vae'))}
              >
                {t('generatePanel.variational2NumberCode')}
              </button>
            </div>
          )}
          <div className="generate-settings">
            <label>
              {t('generatePanel.learningRate')}
              <input
                type="number"
                step="any"
                min={0}
                value={lr}
                onChange={(e) => setLr(Number(e.target.value))}
              />
            </label>
            <label>
              {t('generatePanel.batchSize')}
              <input
                type="number"
                min={1}
                max={1024}
                value={batch}
                onChange={(e) => setBatch(Number(e.target.value))}
              />
            </label>
            {mode === 'autoencoder' && (
              <label>
                {t('generatePanel.loss')}
                <select value={loss} onChange={(e) => setLoss(e.target.value as 'bce' | 'mse')}>
                  <option value="bce">{t('generatePanel.bce')}</option>
                  <option value="mse">{t('generatePanel.mse')}</option>
                </select>
              </label>
            )}
          </div>
          <div className="control-buttons">
            {view.state === 'training' ? (
              <button type="button" className="primary" onClick={() => client?.generative({ kind: 'pause' })}>
                {t('generatePanel.pauseGeneration')}
              </button>
            ) : (
              <button type="button" className="primary" onClick={train} disabled={blocked !== null}>
                {t('generatePanel.train', {
                  value: mode === 'gan' ? 'GAN' : t('generatePanel.autoencoder2'),
                })}
              </button>
            )}
            {trainedGan && view.state !== 'training' && (
              <button type="button" onClick={loadTrained} disabled={blocked !== null}>
                {t(conditional ? 'generatePanel.loadACganTrained' : 'generatePanel.loadAGanTrained', {
                  steps: trainedGan.steps.toLocaleString('en'),
                })}
              </button>
            )}
            {mode === 'autoencoder' && trainedAe && view.state !== 'training' && (
              <button type="button" onClick={loadAutoencoder} disabled={blocked !== null}>
                {t('generatePanel.loadTrainedAutoencoder', { steps: trainedAe.steps.toLocaleString('en') })}
              </button>
            )}
            <button
              type="button"
              onClick={() => {
                setLoaded(false);
                client?.generative({ kind: 'reset' });
              }}
              disabled={!client || view.mode === null}
            >
              {t('generatePanel.resetGeneration')}
            </button>
            <span role="status" className="muted" data-testid="generate-state">
              {blocked ??
                view.reason ??
                `${view.state}${view.points.length ? ` · step ${view.points.at(-1)!.step}` : ''}`}
            </span>
          </div>
          {loadError && (
            <p role="alert" className="error">
              {loadError}
            </p>
          )}
          {loaded &&
            trainedGan &&
            builtGan?.g === pair().g &&
            view.mode === 'gan' &&
            view.state !== 'training' && (
              <p className="muted" data-testid="trained-gan-note">
                {t(conditional ? 'generatePanel.loadedTheCganThe' : 'generatePanel.loadedTheDcganThe', {
                  steps: trainedGan.steps.toLocaleString('en'),
                })}
              </p>
            )}
          {loaded &&
            trainedAe &&
            view.mode === 'autoencoder' &&
            mode === 'autoencoder' &&
            view.state !== 'training' && (
              <p className="muted" data-testid="trained-autoencoder-note">
                {t('generatePanel.loadedTheAutoencoder', { steps: trainedAe.steps.toLocaleString('en') })}
              </p>
            )}
          {view.error && (
            <p role="alert" className="error">
              {view.error}
            </p>
          )}
          {view.mode === 'autoencoder' && mode === 'autoencoder' && (
            <AutoencoderView view={view} client={client} />
          )}
          {view.mode === 'gan' && mode === 'gan' && <GanView view={view} client={client} />}
        </>
      )}
    </div>
  );
}
