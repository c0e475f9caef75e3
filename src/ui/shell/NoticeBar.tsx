// One line of news for the user (link copied, design refused, training diverged), dismissible.
import { useTranslation } from 'react-i18next';
import { useStore } from '../store/store';

export function NoticeBar() {
  const { t } = useTranslation();
  const notice = useStore((s) => s.notice);
  const setNotice = useStore((s) => s.setNotice);
  if (!notice) return null;
  return (
    <div role="status" className="notice-bar">
      <span>{notice}</span>
      <button type="button" aria-label={t('noticeBar.dismissNotice')} onClick={() => setNotice(null)}>
        ✕
      </button>
    </div>
  );
}
