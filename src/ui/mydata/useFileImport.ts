// Reading what the user picks or drops: MNIST-format IDX pairs and CIFAR binary files are typed arrays read
// here; images and zips go to the image worker (decode/), which decodes, resizes and greys them off the page
// with a progress count and a cancel. Every example joins the store as it arrives, so a cancelled or failed
// read keeps what it added, and the notes say what was added and what was refused.
import { useRef, useState } from 'react';
import { tr } from '../../i18n';
import { useStore } from '../store/store';
import { looksLikeCifar10, looksLikeCifar100, readCifar10, readCifar100, type Cifar100Labels } from './cifar';
import { createDecodeWorker } from './decode/create-decode-worker';
import { decodeFiles, type DecodeRun } from './decode/decode-client';
import { looksLikeIdx, pairIdxFiles, parseIdx, readIdxPair, turnsUpright, type Upright } from './idx-import';
import type { ImageShape } from './image-shape';
import type { LabelledFile } from './images';

/** How binary datasets are read: CIFAR-100's label kind, and whether IDX images are turned upright. */
export interface ImportOptions {
  cifar100: Cifar100Labels;
  upright: Upright;
}

/** A read's progress: `done` of `total` images; `running` until the worker's run is over. */
export interface Reading {
  done: number;
  total: number;
  running: boolean;
}

const bytesOf = async (file: File) => new Uint8Array(await file.arrayBuffer());

/** Examples from the binary formats (IDX pairs, CIFAR files) of `picked`, and the files left for the worker. */
async function readBinary(
  picked: LabelledFile[],
  shape: ImageShape,
  options: ImportOptions,
  notes: string[],
): Promise<{ added: number; rest: LabelledFile[] }> {
  const s = useStore.getState;
  let added = 0;
  const addClasses = (read: Map<string, Uint8Array[]> | string) => {
    if (typeof read === 'string') notes.push(read);
    else for (const [name, images] of read) if (images.length) added += s().addExamples(name, images);
  };
  // MNIST-format files come in pairs (images and labels): read together, each pair all or nothing.
  const idx = pairIdxFiles(picked.filter((f) => looksLikeIdx(f.file.name)).map((f) => f.file));
  notes.push(...idx.problems);
  for (const pair of idx.pairs) {
    const images = parseIdx(await bytesOf(pair.images), pair.images.name);
    const labels = parseIdx(await bytesOf(pair.labels), pair.labels.name);
    if (typeof images === 'string' || typeof labels === 'string')
      notes.push(...[images, labels].filter((r) => typeof r === 'string'));
    else {
      const names = { images: pair.images.name, labels: pair.labels.name };
      addClasses(readIdxPair(images, labels, names, shape, turnsUpright(options.upright, names.images)));
    }
  }
  const rest: LabelledFile[] = [];
  for (const f of picked) {
    if (looksLikeIdx(f.file.name)) continue;
    if (looksLikeCifar100(f.file.name, f.file.size))
      addClasses(readCifar100(await bytesOf(f.file), f.file.name, shape, options.cifar100));
    else if (looksLikeCifar10(f.file.name, f.file.size))
      addClasses(readCifar10(await bytesOf(f.file), f.file.name, shape));
    else rest.push(f);
  }
  return { added, rest };
}

export function useFileImport(shape: ImageShape, addToChosen: (images: Uint8Array[]) => void) {
  const [reading, setReading] = useState<Reading | null>(null);
  const [notes, setNotes] = useState<string[]>([]);
  const [options, setOptions] = useState<ImportOptions>({ cifar100: 'fine', upright: 'auto' });
  const run = useRef<DecodeRun | null>(null);

  const read = async (picked: LabelledFile[]) => {
    if (run.current) {
      setNotes((old) => [tr('ui:myDataPanel.stillReading'), ...old]);
      return;
    }
    const problems: string[] = [];
    const binary = await readBinary(picked, shape, options, problems);
    let added = binary.added;
    if (binary.rest.length > 0) {
      setReading({ done: 0, total: 0, running: true });
      const current = decodeFiles(createDecodeWorker(), binary.rest, shape, {
        example: (className, pixels) => {
          if (className) useStore.getState().addExamples(className, [pixels]);
          else addToChosen([pixels]);
          added++;
        },
        problem: (message) => problems.push(message),
        progress: (done, total) => setReading({ done, total, running: true }),
      });
      run.current = current;
      const { cancelled } = await current.finished;
      run.current = null;
      setReading((r) => r && { ...r, running: false });
      if (cancelled) problems.unshift(tr('ui:myDataPanel.readCancelled'));
    }
    setNotes([tr('ui:myDataPanel.addedImages', { count: added }), ...problems]);
  };
  return { read, reading, notes, options, setOptions, cancel: () => run.current?.cancel() };
}
