import * as tf from '@tensorflow/tfjs';
import { buildNet } from '../models/build';
import { restorerSpec } from '../models/zoo';
import { Adam } from './adam';
import { mse } from './losses';

/**
 * Choosing the tfjs backend by what each candidate is and does: webgpu ->
 * webgl -> wasm -> cpu, skipping software GPUs (a WebGPU fallback adapter,
 * SwiftShader/llvmpipe WebGL) unless nothing else works, then timing a few
 * training steps of the fast denoiser on each remaining candidate and taking
 * the fastest. The caller caches the report per device signature.
 */

export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export interface BackendProbe {
  readonly name: BackendName;
  readonly available: boolean;
  /** Software rendering (fallback adapter, SwiftShader): never preferred. */
  readonly software: boolean;
  /** Why it was not measured or not chosen, in words. */
  readonly note: string;
  /** Measured ms per training step of the self-test, when measured. */
  readonly msPerStep?: number;
}

export interface BackendReport {
  readonly active: BackendName;
  readonly forced: boolean;
  readonly fromCache: boolean;
  readonly msPerStep: number | null;
  /** One sentence: why this backend. */
  readonly reason: string;
  readonly probes: BackendProbe[];
  readonly device: string;
  /** The restorer preset the UI should default to on this backend. */
  readonly suggestedPreset: 'paper' | 'fast';
  /** wasm only, filled in by the browser worker: threads that ran and why. */
  readonly threads?: { readonly threads: number; readonly isolated: boolean; readonly note: string; readonly simd?: boolean; readonly convThreads?: number };
}

export function isBackendName(x: string | null | undefined): x is BackendName {
  return (BACKENDS as readonly string[]).includes(x ?? '');
}

interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

async function webgpuAdapter(): Promise<GpuAdapterLike | null> {
  const gpu = (globalThis.navigator as Navigator & { gpu?: { requestAdapter(o?: object): Promise<GpuAdapterLike | null> } })?.gpu;
  if (!gpu) return null;
  try {
    return await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch {
    return null;
  }
}

const SOFTWARE_GL = /swiftshader|llvmpipe|software|softpipe|microsoft basic render/i;

function webglRenderer(): string {
  try {
    const backend = tf.findBackend('webgl') as unknown as { gpgpu?: { gl?: WebGLRenderingContext } } | null;
    const gl = backend?.gpgpu?.gl;
    if (!gl) return '';
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  } catch {
    return '';
  }
}

async function trySet(name: BackendName): Promise<boolean> {
  try {
    // setBackend can resolve false while getBackend() still names it: check both.
    const ok = await tf.setBackend(name);
    await tf.ready();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}

/** ms per step of a fast-denoiser MSE step (batch 8, 28x28x1), after one warm-up step. */
export async function selfTest(steps = 3, budgetMs = 20_000): Promise<number> {
  const net = buildNet(restorerSpec('denoiser', 'fast', [28, 28, 1]), 1);
  const adam = new Adam(net.weights, { lr: 1e-3, beta1: 0.5, beta2: 0.9 });
  const x = tf.randomUniform([8, 28, 28, 1], 0, 1, 'float32', 1);
  const y = tf.tidy(() => tf.add(x, tf.randomNormal([8, 28, 28, 1], 0, 1, 'float32', 2)));
  const one = async () => {
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => mse(net.apply(y, { training: true, updateStats: true }), x), net.weights);
      adam.apply(net.weights.map((v) => grads[v.name]));
      return value;
    });
    await loss.data();
    loss.dispose();
  };
  try {
    const t0 = performance.now();
    await one(); // shader compilation, wasm warm-up
    const warm = performance.now() - t0;
    if (warm > budgetMs) return warm;
    const t1 = performance.now();
    for (let i = 0; i < steps; i++) await one();
    return (performance.now() - t1) / steps;
  } finally {
    tf.dispose([x, y]);
    net.dispose();
    adam.dispose();
  }
}

export function deviceSignature(adapter: GpuAdapterLike | null, renderer: string): string {
  const nav = globalThis.navigator as Navigator | undefined;
  const a = adapter?.info ? `${adapter.info.vendor ?? ''}/${adapter.info.architecture ?? ''}/${adapter.info.description ?? ''}` : 'none';
  return [nav?.userAgent ?? 'node', nav?.hardwareConcurrency ?? 0, a, renderer].join(' | ');
}

export interface ChooseOptions {
  /** ?backend=NAME: use it if it initialises, whatever it is. */
  readonly force?: string | null;
  /** A previous report for this device (matched by signature). */
  readonly cached?: BackendReport | null;
  readonly selfTestSteps?: number;
}

function suggestPreset(name: BackendName, software: boolean): 'paper' | 'fast' {
  return (name === 'webgpu' || name === 'webgl') && !software ? 'paper' : 'fast';
}

export async function chooseBackend(opts: ChooseOptions = {}): Promise<BackendReport> {
  const adapter = await webgpuAdapter();
  const fallback = Boolean(adapter?.info?.isFallbackAdapter ?? adapter?.isFallbackAdapter);
  const probes: BackendProbe[] = [];
  const available = new Map<BackendName, { software: boolean; note: string }>();

  for (const name of BACKENDS) {
    if (name === 'webgpu' && !adapter) {
      probes.push({ name, available: false, software: false, note: 'no WebGPU adapter in this browser' });
      continue;
    }
    if (!tf.findBackendFactory(name)) {
      probes.push({ name, available: false, software: false, note: 'not in this build' });
      continue;
    }
    const ok = await trySet(name);
    if (!ok) {
      probes.push({ name, available: false, software: false, note: 'failed to initialise' });
      continue;
    }
    let software = false;
    let note = '';
    if (name === 'webgpu' && fallback) {
      software = true;
      note = 'software fallback adapter (isFallbackAdapter)';
    }
    if (name === 'webgl') {
      const r = webglRenderer();
      software = SOFTWARE_GL.test(r);
      note = software ? `software renderer (${r})` : r;
    }
    available.set(name, { software, note });
  }
  const renderer = available.get('webgl')?.note ?? '';
  const device = deviceSignature(adapter, renderer);

  const finish = async (active: BackendName, reason: string, ms: number | null, forced: boolean, fromCache: boolean): Promise<BackendReport> => {
    if (!(await trySet(active))) throw new Error(`backend ${active} failed to initialise`);
    const info = available.get(active);
    return { active, forced, fromCache, msPerStep: ms, reason, probes, device, suggestedPreset: suggestPreset(active, info?.software ?? false) };
  };

  if (opts.force) {
    const f = opts.force;
    for (const [name, a] of available) probes.push({ name, available: true, software: a.software, note: a.note || 'available' });
    if (isBackendName(f) && available.has(f)) {
      return finish(f, `forced by ?backend=${f}`, null, true, false);
    }
    const note = isBackendName(f) ? `${f} is not available here` : `unknown backend "${f}"`;
    const fallbackName = available.has('wasm') ? 'wasm' : 'cpu';
    return finish(fallbackName, `?backend=${f} ignored: ${note}`, null, false, false);
  }

  if (opts.cached && opts.cached.device === device && available.has(opts.cached.active)) {
    return { ...opts.cached, fromCache: true, probes: opts.cached.probes };
  }

  const hardware = [...available].filter(([, a]) => !a.software).map(([n]) => n);
  const candidates = hardware.length > 0 ? hardware : [...available.keys()];
  const times = new Map<BackendName, number>();
  let best = Infinity;
  for (const name of candidates) {
    await trySet(name);
    // A candidate already 5x slower on its warm-up than the best total is not worth finishing.
    const ms = await selfTest(opts.selfTestSteps ?? 3, Number.isFinite(best) ? 5 * best * 4 : 20_000);
    times.set(name, ms);
    best = Math.min(best, ms);
  }
  for (const [name, a] of available) {
    const ms = times.get(name);
    const skipped = a.software && hardware.length > 0 ? `skipped: ${a.note}` : '';
    probes.push({ name, available: true, software: a.software, note: skipped || a.note || 'measured', msPerStep: ms });
  }
  const ranked = [...times].sort((p, q) => p[1] - q[1]);
  const [active, ms] = ranked[0];
  const others = ranked
    .slice(1)
    .map(([n, t]) => `${n} ${t.toFixed(0)} ms`)
    .join(', ');
  const reason = `fastest in the self-test (${ms.toFixed(0)} ms per step${others ? `; ${others}` : ''})`;
  return finish(active, reason, ms, false, false);
}
