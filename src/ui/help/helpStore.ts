import { create } from 'zustand';

interface HelpState {
  open: boolean;
  setOpen(open: boolean): void;
  /** Last message for the polite live region (copied link, ...). */
  message: string;
  announce(message: string): void;
}

export const useHelpStore = create<HelpState>()((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
  message: '',
  // A repeated message must still be announced: clear, then set.
  announce: (message) => {
    set({ message: '' });
    queueMicrotask(() => set({ message }));
  },
}));
