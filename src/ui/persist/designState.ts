// Where the design comes from when the page opens (a share link, else the autosave, else LeNet-5 on a
// first visit) and how it is saved. Both use the share encoding, so they pass the same strict checks.
import { DEFAULT_HYPER, type Hyperparams } from '../../network/hyper';
import { decodeShareState, encodeShareState, presetSpec, getPreset } from '../../network';
import type { NetworkSpec } from '../../network/spec';

export interface InitialDesign {
  spec: NetworkSpec;
  hyper: Hyperparams;
  source: 'link' | 'autosave' | 'preset';
  /** A GAN's discriminator beside its generator (`spec`). */
  discriminator?: NetworkSpec;
  /** Why a link or autosave was refused (the design then comes from the next source). */
  refused: string | null;
}

export function firstVisitDesign(): { spec: NetworkSpec; hyper: Hyperparams } {
  return { spec: presetSpec('lenet-5'), hyper: getPreset('lenet-5')?.hyper ?? DEFAULT_HYPER };
}

export function initialDesign(fragment: string, saved: string | null): InitialDesign {
  let refused: string | null = null;
  if (fragment.replace(/^#/, '') !== '') {
    const link = decodeShareState(fragment);
    if (link.ok) {
      const { ok: _ok, ...state } = link;
      return { ...state, source: 'link', refused };
    }
    refused = `The link's design was not loaded: ${link.error}.`;
  }
  if (saved !== null) {
    const state = decodeShareState(saved);
    if (state.ok) return { spec: state.spec, hyper: state.hyper, source: 'autosave', refused };
    refused ??= `The saved design could not be restored: ${state.error}.`;
  }
  return { ...firstVisitDesign(), source: 'preset', refused };
}

/** The text to autosave, or null when the design is too large to encode (then nothing is saved). */
export function encodeDesign(spec: NetworkSpec, hyper: Hyperparams): string | null {
  try {
    return encodeShareState({ spec, hyper });
  } catch {
    return null;
  }
}

/** The share URL for a design: this page's address with the encoded design as the fragment. */
export function shareUrl(
  pageUrl: string,
  spec: NetworkSpec,
  hyper: Hyperparams,
  discriminator?: NetworkSpec,
): string {
  const url = new URL(pageUrl);
  url.hash = encodeShareState(discriminator ? { spec, hyper, discriminator } : { spec, hyper });
  return url.href;
}
