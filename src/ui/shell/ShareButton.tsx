// "Share": a URL that restores this design and its hyperparameters, copied where the browser allows.
import { useState } from 'react';
import { shareUrl } from '../persistence/design-state';
import { savedDesign } from '../store/network-slice';
import { useStore } from '../store/store';

export function ShareButton() {
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
      setNotice('Share link copied to the clipboard.');
    } catch {
      setNotice('Copy the share link from the field beside the Share button.');
    }
  };
  return (
    <span className="share">
      <button type="button" onClick={() => void share()}>
        Share
      </button>
      {url && (
        <input readOnly aria-label="Share link" value={url} onFocus={(e) => e.currentTarget.select()} />
      )}
    </span>
  );
}
