// The Files source of "Your own data": pickers for images, zips, binary datasets and folders, with how
// binary datasets are read (CIFAR-100's fine or coarse labels, EMNIST's images turned upright); and the
// read's progress bar, cancel button and notes, shown whichever source is chosen (a drop works on any).
import { useTranslation } from 'react-i18next';
import type { LabelledFile } from './images';
import type { ImportOptions, Reading } from './useFileImport';

/** The pickers' files as LabelledFiles: a picked folder gives each file its path inside it. */
const labelled = (list: FileList | null): LabelledFile[] =>
  Array.from(list ?? [], (file) => ({
    file,
    // Loose files (no path) go to the chosen class.
    className: file.webkitRelativePath ? file.webkitRelativePath.split('/').slice(-2, -1)[0] : null,
  }));

export function FileInputs({
  target,
  read,
  options,
  setOptions,
}: {
  target: string;
  read: (files: LabelledFile[]) => void;
  options: ImportOptions;
  setOptions: (options: ImportOptions) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="my-files">
      <label>
        {t('myDataPanel.addImagesOrA', { target })}{' '}
        <input type="file" multiple onChange={(e) => read(labelled(e.target.files))} />
      </label>
      <label>
        {t('myDataPanel.addAFolderEach')}{' '}
        <input
          type="file"
          multiple
          data-testid="folder-input"
          ref={(el) => el?.setAttribute('webkitdirectory', '')}
          onChange={(e) => read(labelled(e.target.files))}
        />
      </label>
      <p className="muted">{t('myDataPanel.orDropImagesOr')}</p>
      <div className="my-import-options" role="group" aria-label={t('fileImport.options')}>
        <label>
          {t('fileImport.cifar100Labels')}{' '}
          <select
            value={options.cifar100}
            onChange={(e) =>
              setOptions({ ...options, cifar100: e.target.value as ImportOptions['cifar100'] })
            }
          >
            <option value="fine">{t('fileImport.fine')}</option>
            <option value="coarse">{t('fileImport.coarse')}</option>
          </select>
        </label>
        <label>
          {t('fileImport.upright')}{' '}
          <select
            value={options.upright}
            onChange={(e) => setOptions({ ...options, upright: e.target.value as ImportOptions['upright'] })}
          >
            <option value="auto">{t('fileImport.uprightAuto')}</option>
            <option value="always">{t('fileImport.uprightAlways')}</option>
            <option value="never">{t('fileImport.uprightNever')}</option>
          </select>
        </label>
      </div>
    </div>
  );
}

export function ReadProgress({
  reading,
  notes,
  cancel,
}: {
  reading: Reading | null;
  notes: string[];
  cancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {/* A read that found no images has nothing to show a bar for: its notes say why. */}
      {reading && (reading.running || reading.total > 0) && (
        <div className="my-reading" aria-live="polite">
          <progress
            value={reading.done}
            max={Math.max(1, reading.total)}
            aria-label={t('fileImport.progress')}
          />
          <span data-testid="read-progress">
            {reading.running
              ? t('myDataPanel.readingImagesOf', { done: reading.done, total: reading.total })
              : t('fileImport.readImagesOf', { done: reading.done, total: reading.total })}
          </span>
          {reading.running && (
            <button type="button" onClick={cancel}>
              {t('fileImport.cancel')}
            </button>
          )}
        </div>
      )}
      {notes.length > 0 && (
        <ul className="my-notes" aria-label={t('myDataPanel.filesRead')}>
          {notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
    </>
  );
}
