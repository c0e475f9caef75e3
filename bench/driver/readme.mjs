// Writes the latest benchmark report between two markers: the whole report into docs/BENCH.md, and its
// headline (the first table: training images/s, each step synced) into README.md with a link to the rest,
// so both always show the last complete `npm run bench` (adapter, date and load included). The markers sit
// inside prettier-ignore comments: the tables are written as printed, not in Prettier's layout.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { printReport } from './report.mjs';

export const START = '<!-- bench-report:start (written by npm run bench) -->';
export const END = '<!-- bench-report:end -->';

/** Where the README's headline links to, relative to the README. */
export const FULL_REPORT = 'docs/BENCH.md';

/**
 * `text` with the report between the markers: whole, or with `summary` only its lines up to the end of the
 * first table and a link to the full report. Throws if the markers are missing or out of order.
 */
export function withReport(text, report, summary = false) {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`the file needs the markers ${START} and ${END}`);
  let lines = [];
  printReport(report, (line) => lines.push(...line.split('\n')));
  if (summary) {
    const tableEnd = lines.findIndex((line, i) => line.startsWith('|') && !lines[i + 1]?.startsWith('|'));
    lines = [
      ...lines.slice(0, tableEnd + 1),
      '',
      `The full report (every group and kernel): [${FULL_REPORT}](${FULL_REPORT}).`,
    ];
  }
  return `${text.slice(0, start + START.length)}\n${lines.join('\n').trim()}\n\n${text.slice(end)}`;
}

/** Rewrites the report in `root`'s README.md (its headline) and docs/BENCH.md (all of it). */
export async function updateReadme(root, report) {
  const readme = path.join(root, 'README.md');
  const full = path.join(root, FULL_REPORT);
  await writeFile(full, withReport(await readFile(full, 'utf8'), report));
  await writeFile(readme, withReport(await readFile(readme, 'utf8'), report, true));
}
