// One line of news for the user (link copied, design refused, training diverged), dismissible.
import { useStore } from '../store/store';

export function NoticeBar() {
  const notice = useStore((s) => s.notice);
  const setNotice = useStore((s) => s.setNotice);
  if (!notice) return null;
  return (
    <div role="status" className="notice-bar">
      <span>{notice}</span>
      <button type="button" aria-label="Dismiss notice" onClick={() => setNotice(null)}>
        ✕
      </button>
    </div>
  );
}
