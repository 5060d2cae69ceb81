import { describe, expect, it } from 'vitest';
import { EXPORT_VERSION, exportBundle, exportFileName, exportText, parseExport, parseExportText, type ExportV1 } from './exportFile';
import { fakeBundle } from './fixtures';
import { EXPERIMENT_PRESETS } from './presets';
import { ExperimentRecordSchema } from './records';

const reject = (text: string) => {
  const r = parseExportText(text);
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.reason;
};

function damaged(mutate: (f: Record<string, any>) => void): string {
  const f = JSON.parse(exportText(fakeBundle({ withWeights: true }), { includeWeights: true }));
  mutate(f);
  return JSON.stringify(f);
}

describe('experiment export (version 3)', () => {
  it('round-trips: export then import gives the same experiment and points', () => {
    const b = fakeBundle({ withWeights: true });
    const r = parseExportText(exportText(b, { includeWeights: true }));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.experiment).toEqual(b.experiment);
      expect(r.value.points).toEqual(b.points);
    }
  });

  it('a file from before the shared warm start existed reads as trained from scratch', () => {
    const f = JSON.parse(exportText(fakeBundle({}), {}));
    delete f.experiment.config.warmStart;
    const r = parseExportText(JSON.stringify(f));
    expect(r.ok && r.value.experiment.config.warmStart).toBe(0);
    f.experiment.config.warmStart = -5;
    expect(reject(JSON.stringify(f))).toMatch(/warmStart/);
  });

  it('standard errors (Pse, Cse, n) round-trip; a file from before they existed still imports without them', () => {
    const b = fakeBundle({});
    const withSe = {
      experiment: {
        ...b.experiment,
        baselines: {
          identity: { ...b.experiment.baselines.identity!, Pse: 0.9, Cse: 0.0155, n: 1000 },
          clean: { ...b.experiment.baselines.clean!, Pse: 0, Cse: 0.0086, n: 1000 },
        },
      },
      points: b.points.map((p, k) => ({ ...p, metrics: p.metrics && { ...p.metrics, Pse: k === 0 ? null : 0.05, Cse: 0.014, n: 1000 } })),
    };
    const text = exportText(withSe);
    expect(text).toContain('"Pse":0.05');
    const r = parseExportText(text);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.experiment).toEqual(withSe.experiment);
      expect(r.value.points).toEqual(withSe.points);
    }
    // Older file: no such keys anywhere.
    const old = JSON.parse(text);
    for (const m of [old.experiment.baselines.identity, old.experiment.baselines.clean, ...old.points.map((p: { metrics: object }) => p.metrics)]) {
      delete m.Pse;
      delete m.Cse;
      delete m.n;
    }
    const o = parseExportText(JSON.stringify(old));
    expect(o.ok).toBe(true);
    if (o.ok) {
      expect(o.value.points[0].metrics).not.toHaveProperty('Pse');
      expect(o.value.points[0].metrics?.P).toBe(withSe.points[0].metrics?.P);
    }
    const bad = JSON.parse(text);
    bad.points[1].metrics.Cse = -0.1;
    expect(reject(JSON.stringify(bad))).toMatch(/points\[1\]\.metrics\.Cse/);
    bad.points[1].metrics.Cse = 0.01;
    bad.points[1].metrics.n = 0;
    expect(reject(JSON.stringify(bad))).toMatch(/points\[1\]\.metrics\.n/);
  });

  it('leaves restorer weights out unless asked, and orders points by index', () => {
    const b = fakeBundle({ withWeights: true });
    const f = exportBundle({ ...b, points: [...b.points].reverse() }, { now: new Date('2024-05-01T10:00:00Z') });
    expect(f.version).toBe(EXPORT_VERSION);
    expect(f.exportedAt).toBe('2024-05-01T10:00:00.000Z');
    expect(f.points.every((p) => p.restorerWeights === null)).toBe(true);
    expect(f.points.map((p) => p.index)).toEqual(b.points.map((p) => p.index));
  });

  it('migrates version 2: the same bundle, without a source or Dse; a version 2 file claiming a source is refused', () => {
    const b = fakeBundle({});
    const v2 = { ...JSON.parse(exportText(b)), version: 2 };
    const r = parseExport(v2);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.experiment).toEqual(b.experiment);
      expect(r.value.experiment).not.toHaveProperty('source');
      expect(r.value.points).toEqual(b.points);
      const again = JSON.parse(exportText(r.value));
      expect(again.version).toBe(3);
    }
    const source = { kind: 'conditional', model: 'cond-exp1', iterations: 4000, trainSeconds: 700, seNote: 'x' };
    expect(parseExport({ ...v2, experiment: { ...v2.experiment, source } }).ok).toBe(false);
  });

  it('version 3: a conditional source and Dse round-trip; a bad source is refused with its path', () => {
    const b = fakeBundle({});
    const source = { kind: 'conditional' as const, model: 'cond-exp1', iterations: 4000, trainSeconds: 700, seNote: 'SEs include the seed spread' };
    const withSource = { experiment: { ...b.experiment, source }, points: b.points.map((p) => ({ ...p, metrics: p.metrics && { ...p.metrics, Dse: 0.001 } })) };
    const r = parseExportText(exportText(withSource));
    expect(r.ok && r.value).toEqual(withSource);
    const bad = JSON.parse(exportText(withSource));
    bad.experiment.source.model = '../etc';
    expect(reject(JSON.stringify(bad))).toMatch(/experiment\.source\.model/);
    bad.experiment.source = { ...source, kind: 'magic' };
    expect(reject(JSON.stringify(bad))).toMatch(/experiment\.source\.kind/);
  });

  it('keeps a partial sweep partial', () => {
    const r = parseExportText(exportText(fakeBundle({ done: 4 })));
    expect(r.ok && [r.value.points.length, r.value.experiment.sweep]).toEqual([4, 'interrupted']);
  });

  it('file names are safe and dated', () => {
    const e = { ...fakeBundle().experiment, name: 'Exp 1: <beta> / "gamma"' };
    expect(exportFileName(e, new Date('2024-05-01T10:00:00Z'))).toBe('cdp-lab-Exp-1-beta-gamma-2024-05-01.json');
  });
});

describe('import validation: rejects with a reason', () => {
  it('not JSON, not an object, not ours, no version, a newer version', () => {
    expect(reject('{"format": "cdp-lab-experiment", ')).toMatch(/^not JSON/);
    expect(reject('[1,2]')).toMatch(/not a JSON object/);
    expect(reject('{"format":"something-else","version":2}')).toMatch(/not a CDP Lab experiment file/);
    expect(reject('{"format":"cdp-lab-experiment"}')).toMatch(/^version: missing/);
    expect(reject('{"format":"cdp-lab-experiment","version":4}')).toMatch(/version 4 was written by a newer CDP Lab; this one reads versions 1 to 3/);
  });

  it('damaged fields name the path of the damage', () => {
    expect(reject(damaged((f) => (f.experiment.config.classifier = 'resnet')))).toMatch(/experiment\.config\.classifier/);
    expect(reject(damaged((f) => (f.points[0].metrics.D = 'low')))).toMatch(/points\[0\]\.metrics\.D/);
    expect(reject(damaged((f) => (f.points[1].thumbnails.clean = f.points[1].thumbnails.clean.slice(4))))).toMatch(
      /points\[1\]\.thumbnails\.clean: 29 bytes; 32 expected/,
    );
    expect(reject(damaged((f) => (f.points[2].restorerWeights.data = 'AAAA')))).toMatch(/points\[2\]\.restorerWeights\.data: 3 bytes for 6 float32 weights/);
    expect(reject(damaged((f) => (f.points[0].history.series.total = [1])))).toMatch(/points\[0\]\.history\.series\.total: 1 values for 3 iterations/);
    expect(reject(damaged((f) => (f.experiment.id = '../../etc')))).toMatch(/experiment\.id: not an experiment id/);
    expect(reject(damaged((f) => (f.points[0].status = 'failed')))).toMatch(/points\[0\]\.reason: a failed point needs a reason/);
  });

  it('points must belong to the config, once each', () => {
    expect(reject(damaged((f) => (f.points[1].index = 0)))).toMatch(/points\[1\]: index 0 appears twice/);
    expect(reject(damaged((f) => (f.points[1].index = 99)))).toMatch(/points\[1\]: index 99 but the config has 9 points/);
    expect(reject(damaged((f) => (f.points[1].weights.beta = 0.7)))).toMatch(/points\[1\]: weights .* differ from the config's point 1/);
  });

  it('never throws, whatever the input', () => {
    const inputs: unknown[] = [null, 1, 'x', [], {}, { format: 'cdp-lab-experiment', version: 1.5 }, { format: 'cdp-lab-experiment', version: 2, experiment: null }];
    for (const x of inputs) expect(parseExport(x).ok).toBe(false);
    const text = exportText(fakeBundle());
    for (let cut = 0; cut < text.length; cut += 97) expect(parseExportText(text.slice(0, cut)).ok).toBe(false);
  });
});

describe('migration of version 1 files', () => {
  const v1: ExportV1 = {
    format: 'cdp-lab-experiment',
    version: 1,
    name: 'old sweep',
    created: '2024-01-02T03:04:05.000Z',
    config: {
      dataset: 'mnist',
      task: 'denoise',
      sigma: 1,
      classifier: 'cnn1',
      restorer: 'fast',
      critic: 'clip',
      iterations: 200,
      batchSize: 50,
      seed: 1,
      evalCount: 500,
      evalCriticSteps: 100,
      weights: { alpha: [1, 1, 1], beta: [0.5, 1, 6], gamma: [0.5, 0.5, 1] },
    },
    points: [
      { alpha: 1, beta: 0.7, gamma: 0.5, D: 0.05, P: 1.5, C: 0.1, iteration: 200 },
      { alpha: 1, beta: 0.5, gamma: 0.5, D: 0.04, P: null, C: 0.12, iteration: 200 },
    ],
  };

  it('fills what version 1 lacked and places points by their weights', () => {
    const r = parseExport(v1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { experiment: e, points } = r.value;
    expect(ExperimentRecordSchema.safeParse(e).success).toBe(true);
    expect(e.name).toBe('old sweep');
    expect(e.createdAt).toBe(Date.parse('2024-01-02T03:04:05.000Z'));
    expect(e.config.weights).toEqual({
      kind: 'grid',
      alpha: { from: 1, to: 1, steps: 1 },
      beta: { from: 0.5, to: 1, steps: 6 },
      gamma: { from: 0.5, to: 0.5, steps: 1 },
    });
    expect([e.config.evalEvery, e.config.saveWeights, e.config.budget]).toEqual([0, false, 'browser']);
    // Exp-2's settings with the counts it was run with, no live re-evaluation, no warm start and the paper's 5 critic steps
    // (version 1 had no choice of either): custom.
    expect(e.config).toEqual({ ...EXPERIMENT_PRESETS[1].config, iterations: 200, batchSize: 50, evalEvery: 0, evalCount: 500, evalCriticSteps: 100, warmStart: 0, criticSteps: 5, preset: 'custom' });
    expect(e.sweep).toBe('interrupted');
    expect(e.baselines).toEqual({ identity: null, clean: null });
    expect(points.map((p) => [p.index, p.status, p.metrics?.D, p.metrics?.P, p.metrics?.Ptrain])).toEqual([
      [0, 'done', 0.04, null, null],
      [2, 'done', 0.05, 1.5, null],
    ]);
  });

  it('is deterministic (same file, same id) and a migrated file re-exports as a valid version 3', () => {
    const a = parseExport(v1);
    const b = parseExport(structuredClone(v1));
    expect(a.ok && b.ok && a.value.experiment.id === b.value.experiment.id).toBe(true);
    if (!a.ok) return;
    expect(a.value.experiment.id).toMatch(/^v1-[0-9a-f]{16}$/);
    const again = parseExportText(exportText(a.value));
    expect(again.ok && again.value).toEqual(a.value);
  });

  it('list weights migrate too; a point off the grid or a bad config is refused with the reason', () => {
    const list = parseExport({ ...v1, config: { ...v1.config, weights: [[1, 0.7, 0.5], [1, 0.5, 0.5]] } });
    expect(list.ok && list.value.points.map((p) => p.index)).toEqual([0, 1]);
    const off = parseExport({ ...v1, points: [{ ...v1.points[0], beta: 0.75 }] });
    expect(off.ok ? '' : off.reason).toMatch(/cannot migrate version 1: points\[0\]: weights α=1 β=0\.75 γ=0\.5 are not a point of the config/);
    const bad = parseExport({ ...v1, config: { ...v1.config, classifier: 'cnn2p' } });
    expect(bad.ok ? '' : bad.reason).toMatch(/cannot migrate version 1: config: classifier: cnn2p takes 32x32x3/);
    const date = parseExport({ ...v1, created: 'yesterday' });
    expect(date.ok ? '' : date.reason).toMatch(/created: not a date/);
    const shape = parseExport({ ...v1, points: [{ alpha: 1 }] });
    expect(shape.ok ? '' : shape.reason).toMatch(/^invalid version 1 file: points\[0\]\.beta/);
  });
});
