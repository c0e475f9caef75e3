// A layer as plain data, as a design stores it: imports nothing, so issues and types both build on it.

/** Per-sample shape without the batch dimension: [C, H, W] for images, [N] for flat vectors. */
export type Shape = number[];
export type ParamValue = number | boolean | string | number[];

export interface LayerBase {
  kind: string;
  id: string;
  /** Ids of the layers this one reads, in order ('input' is the network's input); absent: the previous layer. */
  inputs?: string[];
}

/** Any layer as plain data: what fixes insert and what generic code reads parameters from. */
export type LayerData = LayerBase & { [param: string]: ParamValue | string[] | undefined };
