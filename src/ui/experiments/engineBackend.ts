import { create } from 'zustand';
import type { BackendReport } from '../../train/backend';

/** The backend the sweep engine's training worker runs on, once it started. */
export const useEngineBackend = create<{ report: BackendReport | null }>(() => ({ report: null }));
