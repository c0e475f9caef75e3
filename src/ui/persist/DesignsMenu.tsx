// The header's "Designs" menu: the open design and the others kept in this browser (a share link's design
// opens beside the user's, which is kept here), each with Open and Delete.
import { useState } from 'react';
import { Disclosure } from '../export/FileMenus';
import { browserStorage } from '../persistence/autosave';
import { listKeptDesigns } from '../persistence/designs';
import { useStore } from '../store/store';
import { deleteKeptDesign, openKeptDesign } from './designActions';
import './designs-menu.css';

/** "2026-11-25 10:31" in local time. */
const when = (iso: string) => {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
};

function DesignsPanel({ close }: { close: () => void }) {
  const name = useStore((s) => s.spec.name);
  const storage = browserStorage();
  const [list, setList] = useState(() =>
    storage ? listKeptDesigns(storage) : { designs: [], unreadable: [] },
  );
  const refresh = () => storage && setList(listKeptDesigns(storage));
  return (
    <div className="designs-menu">
      <p className="designs-open">
        Open now: <strong>{name}</strong> <span className="designs-meta">(autosaved)</span>
      </p>
      {list.designs.length === 0 ? (
        <p className="designs-meta">
          No other designs kept yet. When a share link opens, the design you had is kept here.
        </p>
      ) : (
        <ul aria-label="Kept designs" className="designs-list">
          {list.designs.map((design) => (
            <li key={design.key}>
              <span className="designs-name">{design.name}</span>
              <span className="designs-meta">
                {design.layers} {design.layers === 1 ? 'layer' : 'layers'}, kept {when(design.keptAt)}
              </span>
              <button
                type="button"
                aria-label={`Open kept design ${design.name}, kept ${when(design.keptAt)}`}
                onClick={() => {
                  openKeptDesign(useStore, storage, design.key);
                  close();
                }}
              >
                Open
              </button>
              <button
                type="button"
                aria-label={`Delete kept design ${design.name}, kept ${when(design.keptAt)}`}
                onClick={() => {
                  deleteKeptDesign(useStore, storage, design.key);
                  refresh();
                }}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      {list.unreadable.length > 0 && (
        <p className="designs-meta">
          {list.unreadable.length} kept {list.unreadable.length === 1 ? 'design' : 'designs'} cannot be read;
          left as they are in this browser's storage.
        </p>
      )}
    </div>
  );
}

export function DesignsMenu() {
  return <Disclosure label="Designs">{(close) => <DesignsPanel close={close} />}</Disclosure>;
}
