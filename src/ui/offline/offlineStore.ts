import { create } from 'zustand';

interface OfflineState {
  /** A new deployment is installed and waiting for the user's go-ahead. */
  needRefresh: boolean;
  /** The app is cached: it will start without the network. */
  offlineReady: boolean;
  /** Activates the waiting version; the page reloads once it controls it. */
  update: () => void;
  dismiss(): void;
}

export const useOfflineStore = create<OfflineState>()((set) => ({
  needRefresh: false,
  offlineReady: false,
  update: () => undefined,
  dismiss: () => set({ needRefresh: false }),
}));
