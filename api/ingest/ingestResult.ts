export interface IngestedItem {
  externalId: string;
  id: number;
  /** false when the platform had sent this item before: nothing was written for it. */
  created: boolean;
}
