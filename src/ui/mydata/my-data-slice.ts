// The user's dataset in the store: classes and examples as they are collected, kept in IndexedDB as
// they change, and sent to the trainer when the design reads it.
import { tr } from '../../i18n';
import type { StateCreator } from 'zustand';
import { isUserDataset } from '../../network/dataset-input';
import type { MyDataSlice } from './my-data-types';
export type { MyDataSlice } from './my-data-types';
import type { AppState } from '../store/app-state';
import {
  inputOf,
  MAX_EXAMPLES_PER_CLASS,
  newMyData,
  splitForTraining,
  trainingProblems,
  withShape,
  type MyData,
} from './my-data';
import { sameShape } from './image-shape';

const withClasses = (data: MyData, classes: MyData['classes']): MyData => ({ ...data, classes });

export const createMyDataSlice: StateCreator<AppState, [], [], MyDataSlice> = (set, get) => {
  const data = () => get().myData ?? newMyData();
  return {
    myData: null,
    myDataLoaded: false,
    myClass: 0,
    myDataStorageError: null,
    setMyDataLoaded: (myData) => set(myData ? { myData, myDataLoaded: true } : { myDataLoaded: true }),
    setMyDataStorageError: (myDataStorageError) => set({ myDataStorageError }),
    adoptMyData: (myData) => set({ myData, myClass: 0 }),
    addClass: (name) => {
      const d = data();
      const taken = new Set(d.classes.map((c) => c.name));
      let n = d.classes.length + 1;
      while (!name && taken.has(`Class ${n}`)) n++;
      set({
        myData: withClasses(d, [...d.classes, { name: name ?? `Class ${n}`, examples: [] }]),
        myClass: d.classes.length,
      });
    },
    renameClass: (index, name) => {
      const d = data();
      set({
        myData: withClasses(
          d,
          d.classes.map((c, i) => (i === index ? { ...c, name } : c)),
        ),
      });
    },
    removeClass: (index) => {
      const d = data();
      set({
        myData: withClasses(
          d,
          d.classes.filter((_, i) => i !== index),
        ),
        myClass: Math.max(0, Math.min(get().myClass, d.classes.length - 2)),
      });
    },
    selectClass: (myClass) => set({ myClass }),
    addExamples: (index, images) => {
      let d = data();
      let i = typeof index === 'number' ? index : d.classes.findIndex((c) => c.name === index);
      if (i < 0) {
        d = withClasses(d, [...d.classes, { name: String(index), examples: [] }]);
        i = d.classes.length - 1;
      }
      const target = d.classes[i];
      if (!target) return 0;
      const fit = images.slice(0, Math.max(0, MAX_EXAMPLES_PER_CLASS - target.examples.length));
      const classes = d.classes.map((c, k) => (k === i ? { ...c, examples: [...c.examples, ...fit] } : c));
      set({ myData: withClasses(d, classes) });
      return fit.length;
    },
    removeExample: (index, example) => {
      const d = data();
      set({
        myData: withClasses(
          d,
          d.classes.map((c, i) =>
            i === index ? { ...c, examples: c.examples.filter((_, j) => j !== example) } : c,
          ),
        ),
      });
    },
    setMyShape: (shape) => {
      const d = data();
      if (sameShape(d.shape, shape)) return;
      set({ myData: withShape(d, shape) });
      if (get().spec.input.dataset === d.id) get().setDatasetOfSpec(d.id);
    },
    trainOnMyData: () => {
      const d = get().myData;
      if (!d) return;
      const problem = trainingProblems(d)[0];
      if (problem) {
        get().setNotice(problem);
        return;
      }
      if (get().spec.input.dataset === d.id) get().sendMyData();
      else get().setDatasetOfSpec(d.id);
    },
    sendMyData: () => {
      const { myData: d, myDataLoaded, spec, client } = get();
      const id = spec.input.dataset;
      if (!isUserDataset(id) || !myDataLoaded) return;
      get().datasetLoading(id);
      if (!d || d.id !== id) {
        get().datasetFailed(
          `“${spec.input.name ?? 'your dataset'}” is not kept in this browser: open the project file that holds it, or pick MNIST.`,
        );
        return;
      }
      const want = inputOf(d).shape.join('×');
      const problem =
        trainingProblems(d)[0] ??
        (spec.input.shape.join('×') !== want
          ? tr('ui:myDataSlice.theDesignReadsImages', { shape: spec.input.shape.join('×'), want })
          : undefined);
      if (problem) get().datasetFailed(problem);
      else client?.useDataset(splitForTraining(d));
    },
  };
};
