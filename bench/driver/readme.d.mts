// Types of readme.mjs, for the TypeScript tests.
import type { Json } from './report.mjs';
export declare const START: string;
export declare const END: string;
export declare function withReport(readme: string, report: Json): string;
export declare function updateReadme(file: string, report: Json): Promise<void>;
