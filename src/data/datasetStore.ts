import { create } from 'zustand';
import { DATASETS, type DatasetName } from './catalog';
import { DataLoadError } from './errors';
import { defaultEnv, fetchDataIndex, fetchManifest, loadDataset, type LoadedDataset, type LoaderEnv, type LoadProgress } from './loader';
import type { Manifest } from './manifest';

/**
 * What the app knows about each dataset: installed or not, its manifest, and
 * once loaded its arrays (kept here for the training worker of a later issue,
 * which takes them by transfer or copy). Errors are kept as file + message.
 */

export type InstallState = 'checking' | 'installed' | 'not-installed';
export type LoadState = 'idle' | 'loading' | 'loaded' | 'error';

export interface FileError {
  readonly file: string;
  readonly message: string;
}

export interface DatasetSlot {
  readonly install: InstallState;
  readonly bytes?: number;
  readonly manifest?: Manifest;
  readonly load: LoadState;
  readonly progress?: LoadProgress;
  readonly data?: LoadedDataset;
  readonly error?: FileError;
  readonly loadMs?: number;
}

export interface DataState {
  readonly selected: DatasetName;
  readonly indexState: 'idle' | 'loading' | 'ready' | 'error';
  readonly indexNote?: string;
  readonly indexError?: FileError;
  readonly slots: Readonly<Record<DatasetName, DatasetSlot>>;
  select(name: DatasetName): void;
  /** Reads data/index.json and the manifests of installed datasets. */
  refresh(): Promise<void>;
  /** Loads (downloads or reads from cache) and verifies every shard. */
  load(name: DatasetName): Promise<LoadedDataset | undefined>;
}

function toFileError(e: unknown, fallbackFile: string): FileError {
  if (e instanceof DataLoadError) return { file: e.file, message: e.message };
  return { file: fallbackFile, message: `${fallbackFile}: ${(e as Error)?.message ?? String(e)}` };
}

const initialSlots = (): Record<DatasetName, DatasetSlot> =>
  Object.fromEntries(DATASETS.map((d) => [d.name, { install: 'checking', load: 'idle' } satisfies DatasetSlot])) as Record<
    DatasetName,
    DatasetSlot
  >;

/** Where the data folder is: beside the app's index.html. */
export function dataBaseUrl(): string {
  const base = globalThis.document?.baseURI ?? globalThis.location?.href ?? 'http://localhost/';
  return new URL('data/', base).href;
}

export function createDataStore(env: () => LoaderEnv = defaultEnv, base: () => string = dataBaseUrl) {
  return create<DataState>()((set, get) => {
    const patch = (name: DatasetName, p: Partial<DatasetSlot>) =>
      set((s) => ({ slots: { ...s.slots, [name]: { ...s.slots[name], ...p } } }));

    return {
      selected: 'mnist',
      indexState: 'idle',
      slots: initialSlots(),
      select: (name) => set({ selected: name }),

      async refresh() {
        set({ indexState: 'loading', indexError: undefined, indexNote: undefined });
        let installed: { name: string; bytes: number }[];
        try {
          const r = await fetchDataIndex(base(), env());
          installed = r.installed;
          set({ indexNote: r.note });
        } catch (e) {
          set({ indexState: 'error', indexError: toFileError(e, 'data/index.json') });
          for (const d of DATASETS) patch(d.name, { install: 'not-installed' });
          return;
        }
        await Promise.all(
          DATASETS.map(async (d) => {
            const entry = installed.find((x) => x.name === d.name);
            const prev = get().slots[d.name];
            if (prev.load === 'error') patch(d.name, { load: 'idle', error: undefined });
            if (!entry) {
              patch(d.name, { install: 'not-installed', manifest: undefined });
              return;
            }
            patch(d.name, { install: 'installed', bytes: entry.bytes });
            try {
              patch(d.name, { manifest: await fetchManifest(base(), d.name, env()) });
            } catch (e) {
              patch(d.name, { load: 'error', error: toFileError(e, `${d.name}/manifest.json`) });
            }
          }),
        );
        set({ indexState: 'ready' });
      },

      async load(name) {
        const slot = get().slots[name];
        if (slot.load === 'loading') return undefined;
        patch(name, { load: 'loading', error: undefined, progress: undefined });
        const t0 = performance.now();
        try {
          const data = await loadDataset(base(), name, {
            env: env(),
            onProgress: (progress) => patch(name, { progress }),
          });
          patch(name, { load: 'loaded', data, manifest: data.manifest, loadMs: performance.now() - t0 });
          return data;
        } catch (e) {
          patch(name, { load: 'error', error: toFileError(e, `${name}/manifest.json`) });
          return undefined;
        }
      },
    };
  });
}

export const useDataStore = createDataStore();
