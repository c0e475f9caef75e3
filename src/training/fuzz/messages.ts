// What a refusal must look like to a student: a sentence, not a crash report.

/** Why `message` is not a plain-language message, or null when it is one. */
export function messageProblem(message: unknown): string | null {
  if (typeof message !== 'string') return `the message is a ${typeof message}, not text`;
  const text = message.trim();
  if (text.length < 10) return `the message is too short to explain anything: '${text}'`;
  if (/\n\s*at\s|\.ts:\d+|\.js:\d+/.test(text)) return `the message holds a stack trace: '${text}'`;
  if (/\bundefined\b|\bNaN\b|\[object \w+\]|\bnull\b/.test(text))
    return `the message shows a programming value: '${text}'`;
  if (/^(TypeError|RangeError|ReferenceError|SyntaxError|Error)\b/.test(text))
    return `the message is a raw exception: '${text}'`;
  // The size guard must give the numbers it compared.
  if (/GPU (memory|buffer)/.test(text) && !/\d(\.\d)? (bytes|KiB|MiB|GiB|TiB)/.test(text))
    return `a memory refusal without the sizes: '${text}'`;
  return null;
}
