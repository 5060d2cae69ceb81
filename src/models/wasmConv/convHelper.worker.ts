/// <reference lib="webworker" />
import { SLOT, serveConvJobs, type ConvExports } from './convPool';

// One helper thread of the fast conv (convPool.ts): instantiates the conv
// module on the backend's shared memory, says it is ready, then serves jobs
// until the pool stops it.
self.onmessage = (e: MessageEvent<{ memory: WebAssembly.Memory; bytes: Uint8Array<ArrayBuffer>; control: Int32Array }>) => {
  const { memory, bytes, control } = e.data;
  let conv: ConvExports;
  try {
    conv = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports as unknown as ConvExports;
  } catch (err) {
    self.postMessage({ error: String(err) });
    return;
  }
  self.onmessage = null;
  // serveConvJobs sets the ready slot before it blocks; the message wakes the starter.
  Atomics.store(control, SLOT.ready, 1);
  self.postMessage({ ready: true });
  serveConvJobs(conv, control);
};
