export function buildReport(raw, meta) {
  return { ...meta, raw };
}
export function printReport(report, say) {
  say(JSON.stringify(report.raw, null, 1).slice(0, 6000));
}
