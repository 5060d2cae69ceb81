import * as tf from '@tensorflow/tfjs';
import type { LossName, Losses } from './lossNames';

/**
 * The latest value of each loss, kept on the device, and whether every loss
 * recorded since the last clear was finite. Reading is the only read-back a
 * training loop makes (every N steps, GAN Lab style).
 */
export class LossBook {
  private latest = new Map<LossName, tf.Scalar>();
  private finite: tf.Tensor | null = null;

  /** Takes ownership of the scalars. */
  record(values: Partial<Record<LossName, tf.Scalar>>): void {
    for (const [k, v] of Object.entries(values) as [LossName, tf.Scalar][]) {
      this.latest.get(k)?.dispose();
      this.latest.set(k, v);
    }
    const all = Object.values(values) as tf.Scalar[];
    if (!all.length) return;
    const before = this.finite;
    this.finite = tf.tidy(() => {
      const now = tf.all(tf.isFinite(tf.stack(all)));
      return before ? tf.logicalAnd(before, now) : now;
    });
    before?.dispose();
  }

  async read(): Promise<{ losses: Losses; finite: boolean }> {
    const entries = [...this.latest.entries()];
    const values = await Promise.all(entries.map(([, t]) => t.data()));
    const finite = this.finite ? (await this.finite.data())[0] !== 0 : true;
    const losses: Losses = {};
    entries.forEach(([k], i) => {
      losses[k] = values[i][0];
    });
    return { losses, finite };
  }

  clear(): void {
    tf.dispose([...this.latest.values()]);
    this.latest.clear();
    this.finite?.dispose();
    this.finite = null;
  }
}
