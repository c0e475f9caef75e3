// Types of report.mjs, for the TypeScript tests: the raw measurements in, the report out (plain JSON).
export type Json = Record<string, unknown>;
export declare function buildReport(raw: Json, meta: { date: string; machine: Json }): Json;
export declare function printReport(report: Json, say: (line: string) => void): void;
