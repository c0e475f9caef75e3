// The state and actions of the store's my data slice, as types: they import no slice or store, so the
// store composes the slices without an import cycle.
import { type MyData } from './my-data';
import type { ImageShape } from './image-shape';

export interface MyDataSlice {
  /** null until a class is made (or a kept dataset is loaded). */
  myData: MyData | null;
  /** True once the kept datasets have been read (so a design naming one that is missing can say so). */
  myDataLoaded: boolean;
  /** The class new examples go to. */
  myClass: number;
  /** The last problem with keeping the data (a full quota), shown beside it; null when all is kept. */
  myDataStorageError: string | null;
  setMyDataLoaded: (data: MyData | null) => void;
  setMyDataStorageError: (message: string | null) => void;
  /** Makes `data` (from a project file) the one shown and kept. */
  adoptMyData: (data: MyData) => void;
  addClass: (name?: string) => void;
  renameClass: (index: number, name: string) => void;
  removeClass: (index: number) => void;
  selectClass: (index: number) => void;
  /** Adds examples to class `index` (by name when `index` is a string: made if missing); returns how many fit. */
  addExamples: (index: number | string, images: Uint8Array[]) => number;
  removeExample: (index: number, example: number) => void;
  /** Makes every example (and those to come) of `shape`; a design reading the data follows it. */
  setMyShape: (shape: ImageShape) => void;
  /** Points the design at the user's data (resizing its output to the classes). */
  trainOnMyData: () => void;
  /** Sends the data to the trainer, or says why it cannot train yet. */
  sendMyData: () => void;
}
