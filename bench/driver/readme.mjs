// Writes the latest full benchmark report into README.md between two markers, so the README always shows
// the table of the last complete `npm run bench` (adapter, date and load included). The markers sit inside
// prettier-ignore comments: the tables are written as printed, not in Prettier's layout.
import { readFile, writeFile } from 'node:fs/promises';
import { printReport } from './report.mjs';

export const START = '<!-- bench-report:start (written by npm run bench) -->';
export const END = '<!-- bench-report:end -->';

/** The README text with the report between the markers; throws if the markers are missing or out of order. */
export function withReport(readme, report) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md needs the markers ${START} and ${END}`);
  const lines = [];
  printReport(report, (line) => lines.push(line));
  return `${readme.slice(0, start + START.length)}\n${lines.join('\n').trim()}\n\n${readme.slice(end)}`;
}

export async function updateReadme(file, report) {
  await writeFile(file, withReport(await readFile(file, 'utf8'), report));
}
