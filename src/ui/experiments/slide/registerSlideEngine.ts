import { workerSlideEngine } from './slideEngine';
import { registerSlideEngine, slideIdle, useSlide } from './slideStore';

registerSlideEngine(workerSlideEngine);

// e2e and the latency bench read the store and wait for the worker through this handle.
(globalThis as unknown as { cdpSlide?: unknown }).cdpSlide = { state: () => useSlide.getState(), idle: slideIdle };
