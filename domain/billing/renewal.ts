export type RenewalItemKind = 'service' | 'domain';
export type RenewalStage = 'quoted' | 'reminded' | 'suspended' | 'cancelled' | 'renewed';
export type RenewalStep = 'remind' | 'suspend' | 'cancel';

export interface RenewalPolicy {
  /** Days before expiry the renewal quote goes out (default 30). */
  readonly quoteDaysBefore: number;
  readonly reminderDaysBefore: number;
  /** Days after expiry a suspended, unpaid item is cancelled. */
  readonly graceDays: number;
}

const DAY = 86_400_000;

/**
 * The renewal of one service or domain for one period. Each stage is reached once: the stage moves only
 * forward, and every move is mailed, so nobody gets the same notice twice.
 */
export class Renewal {
  id!: string;
  accountId!: string;
  itemKind!: RenewalItemKind;
  itemId!: string;
  itemName!: string;
  periodEnd!: Date;
  quoteId!: string;
  stage!: RenewalStage;
  updatedAt!: Date;

  static start(input: { id: string; accountId: string; itemKind: RenewalItemKind; itemId: string; itemName: string; periodEnd: Date; quoteId: string; now: Date }): Renewal {
    const renewal = new Renewal();
    const { now, ...rest } = input;
    Object.assign(renewal, rest, { stage: 'quoted', updatedAt: now });
    return renewal;
  }

  /** What is due now for an unpaid renewal, if anything. */
  nextStep(now: Date, policy: RenewalPolicy): RenewalStep | null {
    const t = now.getTime();
    const end = this.periodEnd.getTime();
    if ((this.stage === 'quoted' || this.stage === 'reminded') && t >= end) return 'suspend';
    if (this.stage === 'quoted' && t >= end - policy.reminderDaysBefore * DAY) return 'remind';
    if (this.stage === 'suspended' && t >= end + policy.graceDays * DAY) return 'cancel';
    return null;
  }

  static stageAfter(step: RenewalStep): RenewalStage {
    return step === 'remind' ? 'reminded' : step === 'suspend' ? 'suspended' : 'cancelled';
  }

  isOpen(): boolean {
    return this.stage === 'quoted' || this.stage === 'reminded' || this.stage === 'suspended';
  }
}
