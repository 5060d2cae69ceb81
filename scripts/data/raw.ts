/** A dataset as read from its official files, before sharding. */
export interface RawSplit {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}

export interface RawDataset {
  readonly name: string;
  readonly title: string;
  readonly source: string;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly classNames: readonly string[];
  readonly train: RawSplit;
  readonly test: RawSplit;
}
