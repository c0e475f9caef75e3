// The messages between the page and the image-decoding worker (the only file both sides share): the page
// sends picked files and zips with the dataset's shape, the worker answers with examples as it decodes
// them, its progress, what it could not read, and the end. Examples travel as transferred buffers.
import type { Language } from '../../../i18n';
import type { ImageShape } from '../image-shape';
import type { LabelledFile } from '../images';

export type DecodeRequest =
  /** Decode `files` (images, and zips laid out like ImageFolder) into examples of `shape`. */
  | { type: 'decode'; id: number; language: Language; shape: ImageShape; files: LabelledFile[] }
  /** Stop decoding run `id` after the image in hand; what was sent stays sent. */
  | { type: 'cancel'; id: number };

export type DecodeEvent =
  /** Zips opened and files screened: `total` images will be decoded. */
  | { type: 'started'; id: number; total: number }
  /** One image decoded, for the class its folder names (null: the chosen class). */
  | { type: 'example'; id: number; className: string | null; pixels: Uint8Array }
  /** A file or zip refused or unreadable, in words for the reader. */
  | { type: 'problem'; id: number; message: string }
  /** `done` of `total` images handled (decoded or refused). */
  | { type: 'progress'; id: number; done: number; total: number }
  /** The run is over: every image handled, or cancelled after `done`. */
  | { type: 'finished'; id: number; cancelled: boolean }
  /** The run could not start (this browser's workers cannot draw images), in words for the reader. */
  | { type: 'failed'; id: number; message: string };

/** The buffers an event hands over rather than copies. */
export const transferablesOf = (event: DecodeEvent): Transferable[] =>
  event.type === 'example' ? [event.pixels.buffer as ArrayBuffer] : [];
