import * as tf from '@tensorflow/tfjs';
import type { CondTrainer } from './trainer';

/**
 * A CondTrainer's state as bytes, for reload-safe training in the browser:
 * every restorer and critic variable by name (weights and batch-norm running
 * statistics, float32, bit for bit), Adam's moments and step counts, and the
 * iteration counts. The batch and loss-weight streams are not stored: they
 * are seeded, and a restored trainer replays them to where the checkpoint
 * stood (CondTrainer.skipDraws). A resumed run therefore takes exactly the
 * steps the uninterrupted run would have taken (checkpoint.test.ts).
 */

export interface WeightBytes {
  readonly specs: tf.io.WeightsManifestEntry[];
  readonly data: ArrayBuffer;
}

export interface CondCheckpoint {
  readonly iteration: number;
  readonly criticIterations: number;
  readonly restorer: WeightBytes;
  readonly critic: WeightBytes;
  /** Adam's moments by name and its step count per group (CondTrainer.optimizerState). */
  readonly optimizer: WeightBytes;
  readonly adamSteps: Readonly<Record<string, number>>;
}

async function encode(named: ReadonlyMap<string, tf.Variable>): Promise<WeightBytes> {
  // Copies taken before the first await: training that runs while the bytes
  // are read back cannot mix two iterations into one checkpoint.
  const copies: tf.NamedTensorMap = Object.fromEntries([...named].map(([k, v]) => [k, tf.clone(v)]));
  try {
    const { data, specs } = await tf.io.encodeWeights(copies);
    return { data, specs };
  } finally {
    tf.dispose(Object.values(copies));
  }
}

export async function checkpointOf(t: CondTrainer): Promise<CondCheckpoint> {
  const iteration = t.iteration;
  const criticIterations = t.criticIterations;
  const opt = t.optimizerState();
  const restorer = encode(t.restorer.named);
  const critic = encode(t.critic.named);
  const optimizer = encode(opt.named);
  return { iteration, criticIterations, restorer: await restorer, critic: await critic, optimizer: await optimizer, adamSteps: opt.steps };
}

/** Whether every stored value is finite (a checkpoint taken as training diverged is not kept). */
export function checkpointFinite(c: CondCheckpoint): boolean {
  for (const w of [c.restorer, c.critic, c.optimizer]) {
    const f = new Float32Array(w.data);
    for (let i = 0; i < f.length; i++) if (!Number.isFinite(f[i])) return false;
  }
  return true;
}

function assignAll(named: ReadonlyMap<string, tf.Variable>, w: WeightBytes, what: string, checkOnly = false): void {
  const want = w.specs.reduce((s, sp) => s + 4 * sp.shape.reduce((a, b) => a * b, 1), 0);
  if (w.specs.some((s) => s.dtype !== 'float32')) throw new Error(`the checkpoint's ${what} holds weights that are not float32`);
  if (w.data.byteLength !== want) throw new Error(`the checkpoint's ${what} has ${w.data.byteLength} bytes, expected ${want}`);
  const decoded = tf.io.decodeWeights(w.data, w.specs);
  try {
    // Everything is checked before anything is assigned: a checkpoint that does not fit leaves the trainer as it was.
    for (const [k, v] of named) {
      const d = decoded[k];
      if (!d) throw new Error(`the checkpoint's ${what} has no variable ${k}: it belongs to another network`);
      if (d.shape.join('x') !== v.shape.join('x')) throw new Error(`the checkpoint's ${what} variable ${k} has shape ${d.shape}, expected ${v.shape}`);
    }
    if (Object.keys(decoded).length !== named.size) throw new Error(`the checkpoint's ${what} has ${Object.keys(decoded).length} variables, expected ${named.size}`);
    if (!checkOnly) for (const [k, v] of named) v.assign(decoded[k]);
  } finally {
    tf.dispose(Object.values(decoded));
  }
}

/** Puts a checkpoint into a fresh trainer built with the same config and seed: it then continues exactly as the checkpointed one would have. */
export function restoreCheckpoint(t: CondTrainer, c: CondCheckpoint): void {
  if (t.iteration !== 0 || t.criticIterations !== 0) throw new Error('a checkpoint is restored into a fresh trainer (its streams are replayed from the start)');
  if (!c.optimizer || !c.adamSteps) throw new Error('the checkpoint has no optimiser state (stored by an older version): start the run again');
  if (!checkpointFinite(c)) throw new Error('the checkpoint holds a NaN or Inf');
  const opt = t.optimizerState();
  // Shapes and names are checked for all three before the first assignment.
  assignAll(t.restorer.named, c.restorer, 'restorer', true);
  assignAll(t.critic.named, c.critic, 'critic', true);
  assignAll(opt.named, c.optimizer, 'optimiser', true);
  assignAll(t.restorer.named, c.restorer, 'restorer');
  assignAll(t.critic.named, c.critic, 'critic');
  assignAll(opt.named, c.optimizer, 'optimiser');
  t.setOptimizerSteps(c.adamSteps);
  t.skipDraws(c.iteration + c.criticIterations);
  t.iteration = c.iteration;
  t.criticIterations = c.criticIterations;
}
