// "Your own data": make classes, add examples to the chosen one by drawing, from the camera or from image
// files and folders (a folder's subfolders become classes), see and delete them, then train the design
// in the builder on them. Everything stays in this browser (IndexedDB).
import { useState, type DragEvent } from 'react';
import { useStore } from '../store/store';
import { CameraCapture } from './CameraCapture';
import { looksLikeCifar10, readCifar10 } from './cifar';
import { ExamplePad } from './ExamplePad';
import {
  droppedFiles,
  exampleFromFile,
  FILE_LIMITS,
  filesInZip,
  screenFiles,
  type LabelledFile,
} from './images';
import { exampleCount, trainingProblems } from './myData';
import { storedBytes } from './myDataStorage';
import { Thumb } from './Thumb';
import './mydata.css';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Thumbnails shown per class (the newest); the count says how many there are in all. */
const SHOWN = 60;
type Source = 'draw' | 'camera' | 'files';

export function MyDataPanel() {
  const data = useStore((s) => s.myData);
  const selected = useStore((s) => s.myClass);
  const storageError = useStore((s) => s.myDataStorageError);
  const usedByDesign = useStore((s) => s.myData !== null && s.spec.input.dataset === s.myData.id);
  const task = useStore((s) => s.spec.task);
  const [source, setSource] = useState<Source>('draw');
  const [reading, setReading] = useState<{ done: number; total: number } | null>(null);
  const [fileNotes, setFileNotes] = useState<string[]>([]);
  const s = useStore.getState;
  const classes = data?.classes ?? [];
  const target = classes[selected]?.name || `class ${selected + 1}`;
  const problems = data ? trainingProblems(data) : [];

  const addTo = (images: Uint8Array[]) => {
    if (classes.length === 0) s().addClass();
    s().addExamples(s().myClass, images);
  };
  const readFiles = async (picked: LabelledFile[]) => {
    // A zip stands for the files inside it (an ImageFolder layout: each top folder a class).
    const files: LabelledFile[] = [];
    const zipNotes: string[] = [];
    let fromBinary = 0;
    for (const f of picked) {
      if (looksLikeCifar10(f.file.name, f.file.size)) {
        const read = readCifar10(new Uint8Array(await f.file.arrayBuffer()), f.file.name);
        if (typeof read === 'string') zipNotes.push(read);
        else
          for (const [name, images] of read) if (images.length) fromBinary += s().addExamples(name, images);
      } else if (!/\.zip$/i.test(f.file.name)) files.push(f);
      else if (f.file.size > FILE_LIMITS.maxDropBytes)
        zipNotes.push(
          `${f.file.name} is over ${FILE_LIMITS.maxDropBytes / 1e6} MB. Nothing in it was added.`,
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
        const image = await exampleFromFile(f.file);
        if (f.className) s().addExamples(f.className, [image]);
        else addTo([image]);
        added++;
      } catch (error) {
        notes.push(error instanceof Error ? error.message : String(error));
      }
      setReading({ done: i + 1, total: accepted.length });
    }
    setReading(null);
    setFileNotes([`Added ${added} image${added === 1 ? '' : 's'}.`, ...notes]);
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
      <h2>Your own data</h2>
      <p className="muted">
        Make classes, add examples by drawing, with the camera or from image files (colour images become grey,
        every image 28×28), then train the network in the builder on them. Kept in this browser.
      </p>
      <div className="my-classes" role="list" aria-label="Classes">
        {classes.map((c, i) => (
          <div
            key={i}
            role="listitem"
            className={i === selected ? 'my-class selected' : 'my-class'}
            aria-label={`Class ${c.name}`}
          >
            <div className="my-class-head">
              <input
                type="radio"
                name="my-class"
                checked={i === selected}
                onChange={() => s().selectClass(i)}
                aria-label={`Add examples to ${c.name || `class ${i + 1}`}`}
              />
              <input
                type="text"
                value={c.name}
                maxLength={40}
                onChange={(e) => s().renameClass(i, e.target.value)}
                aria-label={`Name of class ${i + 1}`}
              />
              <span className="muted" data-testid="class-count">
                {c.examples.length} example{c.examples.length === 1 ? '' : 's'}
              </span>
              <button
                type="button"
                onClick={() => {
                  if (
                    c.examples.length === 0 ||
                    confirm(`Delete “${c.name}” and its ${c.examples.length} examples?`)
                  )
                    s().removeClass(i);
                }}
              >
                Delete class
              </button>
            </div>
            <div className="my-thumbs">
              {c.examples.length > SHOWN && <span className="muted">+{c.examples.length - SHOWN} more</span>}
              {c.examples.slice(-SHOWN).map((pixels, k) => {
                const j = Math.max(0, c.examples.length - SHOWN) + k;
                return (
                  <button
                    key={j}
                    type="button"
                    className="my-thumb-button"
                    title="Delete this example"
                    aria-label={`Delete example ${j + 1} of ${c.name}`}
                    onClick={() => s().removeExample(i, j)}
                  >
                    <Thumb pixels={pixels} label={`Example ${j + 1} of ${c.name}`} />
                  </button>
                );
              })}
            </div>
          </div>
        ))}
      </div>
      <div className="my-actions">
        <button type="button" onClick={() => s().addClass()} disabled={classes.length >= 100}>
          Add class
        </button>
        {data && (
          <span className="muted">
            {plural(classes.length, 'class', 'classes')}, {plural(exampleCount(data), 'example', 'examples')},{' '}
            {(storedBytes(data) / 1024).toFixed(0)} KB
          </span>
        )}
      </div>
      {storageError && (
        <p role="alert" className="my-error">
          {storageError}
        </p>
      )}

      <div className="my-sources" role="tablist" aria-label="Add examples by">
        {(['draw', 'camera', 'files'] as const).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={source === k} onClick={() => setSource(k)}>
            {{ draw: 'Draw', camera: 'Camera', files: 'Files' }[k]}
          </button>
        ))}
      </div>
      {source === 'draw' && <ExamplePad target={target} onAdd={(image) => addTo([image])} />}
      {source === 'camera' && <CameraCapture target={target} onAdd={addTo} />}
      {source === 'files' && (
        <div className="my-files">
          <label>
            Add images (or a zip of class folders, or a CIFAR-10 .bin file) to {target}:{' '}
            <input type="file" accept="image/*,.zip,.bin" multiple onChange={(e) => picked(e.target.files)} />
          </label>
          <label>
            Add a folder (each subfolder a class, as torchvision’s ImageFolder):{' '}
            <input
              type="file"
              multiple
              data-testid="folder-input"
              ref={(el) => el?.setAttribute('webkitdirectory', '')}
              onChange={(e) => picked(e.target.files)}
            />
          </label>
          <p className="muted">
            Or drop images or folders anywhere on this panel. PNG, JPEG, WebP, GIF, BMP.
          </p>
        </div>
      )}
      {reading && (
        <p aria-live="polite">
          Reading images: {reading.done} of {reading.total}
        </p>
      )}
      {fileNotes.length > 0 && (
        <ul className="my-notes" aria-label="Files read">
          {fileNotes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}

      {data && (
        <div className="my-train">
          <button
            type="button"
            className="primary"
            disabled={problems.length > 0 || task !== 'classification'}
            onClick={() => s().trainOnMyData()}
          >
            {usedByDesign ? 'Update the training data' : 'Use this data in the builder'}
          </button>
          {task !== 'classification' && <span className="muted">Your own data trains classifiers.</span>}
          {problems.length > 0 && (
            <ul className="my-problems" aria-label="Before training">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          {usedByDesign && problems.length === 0 && (
            <p className="muted">The builder’s network reads this data: press Train above.</p>
          )}
        </div>
      )}
    </div>
  );
}
