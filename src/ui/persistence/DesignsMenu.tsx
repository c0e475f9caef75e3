// The header's "Designs" menu: the open design and the others kept in this browser (a share link's design
// opens beside the user's, which is kept here), each with Open and Delete.
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { Disclosure } from '../export/FileMenus';
import { browserStorage } from './autosave';
import { listKeptDesigns } from './designs';
import { useStore } from '../store/store';
import { deleteKeptDesign, openKeptDesign } from './design-actions';
import './designs-menu.css';

/** "2026-11-25 10:31" in local time. */
const when = (iso: string) => {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
};

function DesignsPanel({ close }: { close: () => void }) {
  const { t } = useTranslation();
  const name = useStore((s) => s.spec.name);
  const storage = browserStorage();
  const [list, setList] = useState(() =>
    storage ? listKeptDesigns(storage) : { designs: [], unreadable: [] },
  );
  const refresh = () => storage && setList(listKeptDesigns(storage));
  return (
    <div className="designs-menu">
      <p className="designs-open">
        {t('designsMenu.openNow')} <strong>{name}</strong>{' '}
        <span className="designs-meta">{t('designsMenu.autosaved')}</span>
      </p>
      {list.designs.length === 0 ? (
        <p className="designs-meta">{t('designsMenu.noOtherDesignsKept')}</p>
      ) : (
        <ul aria-label={t('designsMenu.keptDesigns')} className="designs-list">
          {list.designs.map((design) => (
            <li key={design.key}>
              <span className="designs-name">{design.name}</span>
              <span className="designs-meta">
                {t('designsMenu.layersKept', { count: design.layers, keptAt: when(design.keptAt) })}
              </span>
              <button
                type="button"
                aria-label={t('designsMenu.openKeptDesignKept', {
                  name: design.name,
                  keptAt: when(design.keptAt),
                })}
                onClick={() => {
                  openKeptDesign(useStore, storage, design.key);
                  close();
                }}
              >
                {t('designsMenu.open')}
              </button>
              <button
                type="button"
                aria-label={t('designsMenu.deleteKeptDesignKept', {
                  name: design.name,
                  keptAt: when(design.keptAt),
                })}
                onClick={() => {
                  deleteKeptDesign(useStore, storage, design.key);
                  refresh();
                }}
              >
                {t('designsMenu.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {list.unreadable.length > 0 && (
        <p className="designs-meta">
          {t('designsMenu.keptDesignsCannotBe', { count: list.unreadable.length })}
        </p>
      )}
    </div>
  );
}

export function DesignsMenu() {
  const { t } = useTranslation();
  return (
    <Disclosure label={t('designsMenu.designs')}>{(close) => <DesignsPanel close={close} />}</Disclosure>
  );
}
