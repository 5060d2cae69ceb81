import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergeTrailing } from './fastSlice';

describe('Slice on wasm, trailing whole axes merged', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
  });

  it('merges the axes a slice keeps whole into the last partial one', () => {
    expect(mergeTrailing([50, 16, 16, 32], [0, 1, 1, 0], [50, 14, 14, 32])).toEqual({ shape: [50, 16, 512], begin: [0, 1, 32], size: [50, 14, 448] });
    expect(mergeTrailing([4, 5, 6], [0, 0, 0], [4, 5, 6])).toEqual({ shape: [120], begin: [0], size: [120] });
    expect(mergeTrailing([4, 5, 6], [0, 0, 1], [4, 5, 2])).toEqual({ shape: [4, 5, 6], begin: [0, 0, 1], size: [4, 5, 2] });
  });

  it('equals an index-by-index slice on random shapes and dtypes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 5 }).chain((shape) =>
          fc.record({
            shape: fc.constant(shape),
            begin: fc.tuple(...shape.map((d) => fc.integer({ min: 0, max: d - 1 }))),
            frac: fc.tuple(...shape.map(() => fc.double({ min: 0, max: 1, noNaN: true }))),
            dtype: fc.constantFrom<'float32' | 'int32' | 'bool'>('float32', 'int32', 'bool'),
          }),
        ),
        ({ shape, begin, frac, dtype }) => {
          const size = shape.map((d, i) => Math.round(frac[i] * (d - begin[i])));
          const n = shape.reduce((a, b) => a * b, 1);
          const values = Array.from({ length: n }, (_, i) => (dtype === 'bool' ? i % 3 === 0 : i * 3 - 7));
          const x = tf.tensor(values as number[], shape, dtype);
          const y = tf.slice(x, begin, size);
          const strides = tf.util.computeStrides(shape);
          const expected: number[] = [];
          const idx = new Array(shape.length).fill(0);
          const count = size.reduce((a, b) => a * b, 1);
          for (let r = 0; r < count; r++) {
            let off = 0;
            for (let d = 0; d < shape.length; d++) off += (begin[d] + idx[d]) * (d < shape.length - 1 ? strides[d] : 1);
            expected.push(Number(values[off]));
            for (let d = shape.length - 1; d >= 0; d--) {
              if (++idx[d] < size[d]) break;
              idx[d] = 0;
            }
          }
          expect(y.shape).toEqual(size);
          expect(Array.from(y.dataSync())).toEqual(expected);
          tf.dispose([x, y]);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});
