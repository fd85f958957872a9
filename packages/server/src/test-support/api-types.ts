// Answer shapes the API has that core's schemas do not name.

export interface Items<T> {
  items: T[];
}
