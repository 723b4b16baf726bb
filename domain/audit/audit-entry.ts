export type ActorKind = 'anonymous' | 'user' | 'staff' | 'system';

/** One line of who did what, when and from where. Never changed once written. */
export interface AuditEntry {
  readonly id: string;
  readonly at: Date;
  readonly actorKind: ActorKind;
  readonly actorId: string | null;
  readonly accountId: string | null;
  readonly action: string;
  readonly clientAddress: string | null;
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
}
