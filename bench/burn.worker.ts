// A worker that spins an integer recurrence for the number of iterations it is sent and answers when done:
// the parallelism probe's load (see parallel-probe.ts).
self.onmessage = (event: MessageEvent<number>) => {
  let x = 1;
  for (let i = 0; i < event.data; i++) x = (Math.imul(x, 1664525) + 1013904223) | 0;
  self.postMessage(x);
};
