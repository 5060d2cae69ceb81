/** MNIST, Fashion-MNIST and CIFAR-10 all have ten classes. */
export const CLASS_COUNT_DEFAULT = 10;

/** Shards aim at about this many bytes: a few MB each. */
export const TARGET_SHARD_BYTES = 4 * 1024 * 1024;

/** Seed of the deterministic split of the npm package's digits. */
export const NPM_SPLIT_SEED = 20190305;
export const NPM_TEST_FRACTION = 0.2;
