// A step's text: plain text, with `*word*` shown emphasised (the only markup a lesson file may use).
export function StepText({ text }: { text: string }) {
  const parts = text.split(/\*([^*]+)\*/);
  return <>{parts.map((part, i) => (i % 2 === 1 ? <em key={i}>{part}</em> : part))}</>;
}
