// "Your own data": make classes, add examples to the chosen one by drawing, from the camera or from image
// files and folders (a folder's subfolders become classes), see and delete them, then train the design
// in the builder on them. Everything stays in this browser (IndexedDB).
import { tr } from '../../i18n';
import { useTranslation } from 'react-i18next';
import { useEffect, useState, type DragEvent } from 'react';
import { useStore } from '../store/store';
import { NO_AUGMENT } from '../../network/augment';
import { AugmentControls } from './AugmentControls';
import { CameraCapture } from './CameraCapture';
import { looksLikeCifar10, looksLikeCifar100, readCifar10, readCifar100 } from './cifar';
import { looksLikeIdx, pairIdxFiles, parseIdx, readIdxPair } from './idx-import';
import { ExamplePad } from './ExamplePad';
import {
  droppedFiles,
  exampleFromFile,
  FILE_LIMITS,
  filesInZip,
  screenFiles,
  type LabelledFile,
} from './images';
import { exampleCount, trainingProblems } from './my-data';
import { convertImage, GREY_28, SIDES } from './image-shape';
import { storageUse, storageWords, storedBytes, type StorageUse } from './my-data-storage';
import { Thumb } from './Thumb';
import './mydata.css';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

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
  const [reading, setReading] = useState<{ done: number; total: number } | null>(null);
  const [fileNotes, setFileNotes] = useState<string[]>([]);
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
    if (classes.length === 0) s().addClass();
    s().addExamples(s().myClass, images);
  };
  const readFiles = async (picked: LabelledFile[]) => {
    // A zip stands for the files inside it (an ImageFolder layout: each top folder a class).
    const files: LabelledFile[] = [];
    const zipNotes: string[] = [];
    let fromBinary = 0;
    const addClasses = (read: Map<string, Uint8Array[]> | string) => {
      if (typeof read === 'string') zipNotes.push(read);
      else for (const [name, images] of read) if (images.length) fromBinary += s().addExamples(name, images);
    };
    const bytesOf = async (file: File) => new Uint8Array(await file.arrayBuffer());
    // MNIST-format files come in pairs (images and labels): read together, each pair all or nothing.
    const idx = pairIdxFiles(picked.filter((f) => looksLikeIdx(f.file.name)).map((f) => f.file));
    zipNotes.push(...idx.problems);
    for (const pair of idx.pairs) {
      const images = parseIdx(await bytesOf(pair.images), pair.images.name);
      const labels = parseIdx(await bytesOf(pair.labels), pair.labels.name);
      if (typeof images === 'string' || typeof labels === 'string')
        zipNotes.push(...[images, labels].filter((r) => typeof r === 'string'));
      else
        addClasses(
          readIdxPair(images, labels, { images: pair.images.name, labels: pair.labels.name }, shape),
        );
    }
    for (const f of picked) {
      if (looksLikeIdx(f.file.name)) continue;
      if (looksLikeCifar100(f.file.name, f.file.size))
        addClasses(readCifar100(await bytesOf(f.file), f.file.name, shape));
      else if (looksLikeCifar10(f.file.name, f.file.size))
        addClasses(readCifar10(await bytesOf(f.file), f.file.name, shape));
      else if (!/\.zip$/i.test(f.file.name)) files.push(f);
      else if (f.file.size > FILE_LIMITS.maxDropBytes)
        zipNotes.push(
          tr('ui:myDataPanel.isOverMbNothing', {
            name: f.file.name,
            maxDropBytes: FILE_LIMITS.maxDropBytes / 1e6,
          }),
        );
      else {
        const inside = filesInZip(new Uint8Array(await f.file.arrayBuffer()), f.file.name);
        files.push(...inside.files);
        zipNotes.push(...inside.problems);
      }
    }
    const screened = screenFiles(files);
    const { accepted } = screened;
    const notes = [...zipNotes, ...screened.problems];
    setReading({ done: 0, total: accepted.length });
    let added = fromBinary;
    for (const [i, f] of accepted.entries()) {
      try {
        const image = await exampleFromFile(f.file, shape);
        if (f.className) s().addExamples(f.className, [image]);
        else addTo([image]);
        added++;
      } catch (error) {
        notes.push(error instanceof Error ? error.message : String(error));
      }
      setReading({ done: i + 1, total: accepted.length });
    }
    setReading(null);
    setFileNotes([tr('ui:myDataPanel.addedImages', { count: added }), ...notes]);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    void droppedFiles(e.dataTransfer.items).then(readFiles);
  };
  const picked = (list: FileList | null) =>
    void readFiles(
      Array.from(list ?? [], (file) => ({
        file,
        // A picked folder gives each file its path inside it; loose files go to the chosen class.
        className: file.webkitRelativePath ? file.webkitRelativePath.split('/').slice(-2, -1)[0] : null,
      })),
    );

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
            {plural(classes.length, 'class', 'classes')}, {plural(exampleCount(data), 'example', 'examples')},{' '}
            {(storedBytes(data) / 1024).toFixed(0)} KB
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
        <div className="my-files">
          <label>
            {t('myDataPanel.addImagesOrA', { target })}{' '}
            <input type="file" multiple onChange={(e) => picked(e.target.files)} />
          </label>
          <label>
            {t('myDataPanel.addAFolderEach')}{' '}
            <input
              type="file"
              multiple
              data-testid="folder-input"
              ref={(el) => el?.setAttribute('webkitdirectory', '')}
              onChange={(e) => picked(e.target.files)}
            />
          </label>
          <p className="muted">{t('myDataPanel.orDropImagesOr')}</p>
        </div>
      )}
      {reading && (
        <p aria-live="polite">
          {t('myDataPanel.readingImagesOf', { done: reading.done, total: reading.total })}
        </p>
      )}
      {fileNotes.length > 0 && (
        <ul className="my-notes" aria-label={t('myDataPanel.filesRead')}>
          {fileNotes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}

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
