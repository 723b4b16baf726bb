export interface Ids {
  /** A new unique identifier (UUID). */
  newId(): string;
}
