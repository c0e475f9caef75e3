// "Share": a URL that restores this design and its hyperparameters, copied where the browser allows.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tr } from '../../i18n';
import { shareUrl } from '../persistence/design-state';
import { savedDesign } from '../store/network-slice';
import { useStore } from '../store/store';

export function ShareButton() {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  const share = async () => {
    const state = useStore.getState();
    const { hyper, setNotice } = state;
    const { spec, discriminator } = savedDesign(state);
    let link: string;
    try {
      link = shareUrl(location.href, spec, hyper, discriminator);
    } catch (error) {
      setNotice(error instanceof Error ? error.message : String(error));
      return;
    }
    setUrl(link);
    try {
      await navigator.clipboard.writeText(link);
      setNotice(tr('ui:share.copied'));
    } catch {
      setNotice(tr('ui:share.copyByHand'));
    }
  };
  return (
    <span className="share">
      <button type="button" onClick={() => void share()}>
        {t('share.button')}
      </button>
      {url && (
        <input readOnly aria-label={t('share.link')} value={url} onFocus={(e) => e.currentTarget.select()} />
      )}
    </span>
  );
}
