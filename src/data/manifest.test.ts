import { describe, expect, it } from 'vitest';
import { parseDataIndex, parseManifest } from './manifest';

const sha = 'a'.repeat(64);
const valid = {
  format: 'cdp-lab-shards',
  formatVersion: 1,
  name: 'mnist',
  title: 'MNIST',
  version: '0123456789abcdef',
  source: 'test',
  imageShape: [28, 28, 1],
  classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  splits: { train: 3, test: 1 },
  shards: [
    { file: 'train-000.bin', split: 'train', count: 2, bytes: 32 + 2 * 785, sha256: sha },
    { file: 'train-001.bin', split: 'train', count: 1, bytes: 32 + 785, sha256: sha },
    { file: 'test-000.bin', split: 'test', count: 1, bytes: 32 + 785, sha256: sha },
  ],
};

const with_ = (patch: (m: typeof valid) => unknown) => JSON.stringify(patch(structuredClone(valid)));

describe('manifest schema', () => {
  it('accepts a consistent manifest', () => {
    const r = parseManifest(JSON.stringify(valid));
    expect(r.ok).toBe(true);
  });

  it.each([
    ['not JSON', '{"format":', /not valid JSON/],
    ['bad hash', with_((m) => ((m.shards[0].sha256 = 'xyz'), m)), /shards\.0\.sha256/],
    ['byte size inconsistent with count', with_((m) => ((m.shards[1].bytes = 100), m)), /train-001\.bin: 1 images of 28x28x1 make 817 bytes, not 100/],
    ['split total wrong', with_((m) => ((m.splits.train = 4), m)), /split train has 4 images but its shards hold 3/],
    ['duplicate file', with_((m) => ((m.shards[1].file = 'train-000.bin'), m)), /listed twice/],
    ['path in file name', with_((m) => ((m.shards[0].file = '../x.bin'), m)), /plain name/],
    ['no shards', with_((m) => ({ ...m, shards: [] })), /shards/],
    ['wrong format', with_((m) => ({ ...m, format: 'other' })), /format/],
    ['missing classNames', with_(({ classNames: _c, ...m }) => m), /classNames/],
  ])('rejects %s', (_name, text, message) => {
    const r = parseManifest(text as string);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message as RegExp);
  });

  it('parses the data index', () => {
    expect(parseDataIndex('{"format":"cdp-lab-shards","datasets":[{"name":"mnist","version":"ab","bytes":5}]}').ok).toBe(true);
    expect(parseDataIndex('{"format":"cdp-lab-shards","datasets":[{"name":"Bad Name","version":"ab","bytes":5}]}').ok).toBe(false);
  });
});
