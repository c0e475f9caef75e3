// "Your own data": make classes, add examples to the chosen one by drawing, from the camera or from image
// files and folders (a folder's subfolders become classes), see and delete them, then train the design
// in the builder on them. Everything stays in this browser (IndexedDB).
import { useTranslation } from 'react-i18next';
import { useEffect, useState, type DragEvent } from 'react';
import { useStore } from '../store/store';
import { NO_AUGMENT } from '../../network/augment';
import { AugmentControls } from './AugmentControls';
import { CameraCapture } from './CameraCapture';
import { ExamplePad } from './ExamplePad';
import { FileInputs, ReadProgress } from './FileImport';
import { droppedFiles } from './images';
import { useFileImport } from './useFileImport';
import { exampleCount, trainingProblems } from './my-data';
import { convertImage, GREY_28, SIDES } from './image-shape';
import { storageUse, storageWords, storedBytes, type StorageUse } from './my-data-storage';
import { Thumb } from './Thumb';
import './mydata.css';

/** Thumbnails shown per class (the newest); the count says how many there are in all. */
const SHOWN = 60;
type Source = 'draw' | 'camera' | 'files';
/** The example pad's drawings in a colour dataset, before they take its size. */
const PAD_COLOUR = [3, 28, 28] as const;

export function MyDataPanel() {
  const { t } = useTranslation();
  const data = useStore((s) => s.myData);
  const selected = useStore((s) => s.myClass);
  const storageError = useStore((s) => s.myDataStorageError);
  const usedByDesign = useStore((s) => s.myData !== null && s.spec.input.dataset === s.myData.id);
  const task = useStore((s) => s.spec.task);
  const augment = useStore((s) => s.hyper.augment) ?? NO_AUGMENT;
  const seed = useStore((s) => s.hyper.seed);
  const [source, setSource] = useState<Source>('draw');
  const [storage, setStorage] = useState<StorageUse | null>(null);
  // Read again after each change has had time to be kept (the save waits 300 ms after the last change).
  useEffect(() => {
    let live = true;
    const timer = setTimeout(
      () =>
        void storageUse()
          .then((use) => live && setStorage(use))
          .catch(() => undefined),
      600,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [data]);
  const s = useStore.getState;
  const classes = data?.classes ?? [];
  const target = classes[selected]?.name || t('myDataPanel.unnamedClass', { n: selected + 1 });
  const problems = data ? trainingProblems(data) : [];
  const shape = data?.shape ?? GREY_28;
  const setShape = (channels: number, side: number) => {
    const count = data ? exampleCount(data) : 0;
    if (count === 0 || confirm(t('myDataFormat.convert', { count, shape: `${channels}×${side}×${side}` })))
      s().setMyShape([channels, side, side]);
  };

  const addTo = (images: Uint8Array[]) => {
    // Asked at each call: examples from the image worker arrive one by one, and only the first makes a class.
    if ((s().myData?.classes.length ?? 0) === 0) s().addClass();
    s().addExamples(s().myClass, images);
  };
  const files = useFileImport(shape, addTo);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    void droppedFiles(e.dataTransfer.items).then(files.read);
  };

  return (
    <div className="mydata" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <h2>{t('myDataPanel.yourOwnData')}</h2>
      <p className="muted">{t('myDataPanel.makeClassesAddExamples')}</p>
      <div className="my-classes" role="list" aria-label={t('myDataPanel.classes')}>
        {classes.map((c, i) => (
          <div
            key={i}
            role="listitem"
            className={i === selected ? 'my-class selected' : 'my-class'}
            aria-label={t('myDataPanel.class', { name: c.name })}
          >
            <div className="my-class-head">
              <input
                type="radio"
                name="my-class"
                checked={i === selected}
                onChange={() => s().selectClass(i)}
                aria-label={t('myDataPanel.addExamplesTo', {
                  name: c.name || t('myDataPanel.unnamedClass', { n: i + 1 }),
                })}
              />
              <input
                type="text"
                value={c.name}
                maxLength={40}
                onChange={(e) => s().renameClass(i, e.target.value)}
                aria-label={t('myDataPanel.nameOfClass', { i: i + 1 })}
              />
              <span className="muted" data-testid="class-count">
                {t('myDataPanel.examples', { count: c.examples.length })}
              </span>
              <button
                type="button"
                onClick={() => {
                  if (
                    c.examples.length === 0 ||
                    confirm(
                      t('myDataPanel.deleteAndItsExamples', { name: c.name, examples: c.examples.length }),
                    )
                  )
                    s().removeClass(i);
                }}
              >
                {t('myDataPanel.deleteClass')}
              </button>
            </div>
            <div className="my-thumbs">
              {c.examples.length > SHOWN && (
                <span className="muted">
                  {t('myDataPanel.more', { examples: c.examples.length - SHOWN })}
                </span>
              )}
              {c.examples.slice(-SHOWN).map((pixels, k) => {
                const j = Math.max(0, c.examples.length - SHOWN) + k;
                return (
                  <button
                    key={j}
                    type="button"
                    className="my-thumb-button"
                    title={t('myDataPanel.deleteThisExample')}
                    aria-label={t('myDataPanel.deleteExampleOf', { j: j + 1, name: c.name })}
                    onClick={() => s().removeExample(i, j)}
                  >
                    <Thumb
                      pixels={pixels}
                      shape={shape}
                      label={t('myDataPanel.exampleOf', { j: j + 1, name: c.name })}
                    />
                  </button>
                );
              })}
            </div>
          </div>
        ))}
      </div>
      <div className="my-actions">
        <button type="button" onClick={() => s().addClass()} disabled={classes.length >= 100}>
          {t('myDataPanel.addClass')}
        </button>
        {data && (
          <span className="muted">
            {t('myDataPanel.sizeSummary', {
              classes: t('myDataPanel.classCount', { count: classes.length }),
              examples: t('myDataPanel.exampleCount', { count: exampleCount(data) }),
              kb: (storedBytes(data) / 1024).toFixed(0),
            })}
          </span>
        )}
      </div>
      {storage && (
        <p className="muted" data-testid="storage-use">
          {storageWords(storage)}
        </p>
      )}
      {storageError && (
        <p role="alert" className="my-error">
          {storageError}
        </p>
      )}

      <div className="my-format" role="group" aria-label={t('myDataFormat.format')}>
        <label>
          {t('myDataFormat.colours')}{' '}
          <select value={shape[0]} onChange={(e) => setShape(Number(e.target.value), shape[1])}>
            <option value={1}>{t('myDataFormat.grey')}</option>
            <option value={3}>{t('myDataFormat.colour')}</option>
          </select>
        </label>
        <label>
          {t('myDataFormat.size')}{' '}
          <select value={shape[1]} onChange={(e) => setShape(shape[0], Number(e.target.value))}>
            {SIDES.map((side) => (
              <option key={side} value={side}>
                {t('myDataFormat.side', { side })}
              </option>
            ))}
          </select>
        </label>
      </div>

      <div className="my-sources" role="tablist" aria-label={t('myDataPanel.addExamplesBy')}>
        {(['draw', 'camera', 'files'] as const).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={source === k} onClick={() => setSource(k)}>
            {t(`myDataPanel.source.${k}`)}
          </button>
        ))}
      </div>
      {source === 'draw' && (
        <ExamplePad
          target={target}
          colour={shape[0] === 3}
          onAdd={(image) => addTo([convertImage(image, shape[0] === 3 ? PAD_COLOUR : GREY_28, shape)])}
        />
      )}
      {source === 'camera' && <CameraCapture target={target} onAdd={addTo} shape={shape} />}
      {source === 'files' && (
        <FileInputs
          target={target}
          read={(picked) => void files.read(picked)}
          options={files.options}
          setOptions={files.setOptions}
        />
      )}
      <ReadProgress reading={files.reading} notes={files.notes} cancel={files.cancel} />

      {data && (
        <AugmentControls
          settings={augment}
          onChange={(settings) => s().setHyper({ augment: settings })}
          example={
            classes[selected]?.examples[0] ?? classes.find((c) => c.examples.length)?.examples[0] ?? null
          }
          shape={shape}
          seed={seed}
        />
      )}
      {data && (
        <div className="my-train">
          <button
            type="button"
            className="primary"
            disabled={problems.length > 0 || task !== 'classification'}
            onClick={() => s().trainOnMyData()}
          >
            {usedByDesign ? t('myDataPanel.updateTheTrainingData') : t('myDataPanel.useThisDataIn')}
          </button>
          {task !== 'classification' && <span className="muted">{t('myDataPanel.yourOwnDataTrains')}</span>}
          {problems.length > 0 && (
            <ul className="my-problems" aria-label={t('myDataPanel.beforeTraining')}>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          {usedByDesign && problems.length === 0 && (
            <p className="muted">{t('myDataPanel.theBuilderSNetwork')}</p>
          )}
        </div>
      )}
    </div>
  );
}
