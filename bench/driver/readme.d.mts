// Types of readme.mjs, for the TypeScript tests.
import type { Json } from './report.mjs';
export declare const START: string;
export declare const END: string;
export declare const FULL_REPORT: string;
export declare function withReport(text: string, report: Json, summary?: boolean): string;
export declare function updateReadme(root: string, report: Json): Promise<void>;
