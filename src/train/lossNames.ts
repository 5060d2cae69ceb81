/** Names of the reported losses (no tfjs here: the page imports this). */
export const LOSS_NAMES = ['total', 'mse', 'adv', 'ce', 'critic', 'wTrain', 'gp'] as const;
export type LossName = (typeof LOSS_NAMES)[number];
export type Losses = Partial<Record<LossName, number>>;
