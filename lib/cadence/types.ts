import type { Channel, LocalDay, Outcome, ProspectStatus, Settings, Touch } from '../model';

export type CadencePhase = 'cadence' | 'nurture' | 'after-win' | 'paused' | 'ended';

/** What the engine reads: one prospect's history. Order does not matter. */
export interface PlanInput {
  touches: Pick<Touch, 'at' | 'day' | 'channel' | 'direction' | 'angleId'>[];
  outcomes: Pick<Outcome, 'kind' | 'at' | 'day' | 'until'>[];
  settings: Settings;
  /** The user's local today; needed only for a prospect with no touches yet. */
  today: LocalDay;
  /**
   * The next touch is due no earlier than `day` while no outbound touch is later than `at` (an
   * import spreading its leads over business days).
   */
  notBefore?: { at: number; day: LocalDay };
  /** A status set by hand that outcomes cannot derive (not a prospect). */
  manualStatus?: ProspectStatus;
}

/** What the engine answers. */
export interface FollowUpPlan {
  status: ProspectStatus;
  phase: CadencePhase;
  /** The day the next touch is due; absent when nothing is due (replied, ended, paused). */
  dueDay?: LocalDay;
  channels: Channel[];
  /** 1-based step of the touch that is due ("touch 4 of 9"). */
  step: number;
  totalSteps: number;
  /** Outbound touch days so far. */
  touchCount: number;
  noCount: number;
  /** One human sentence: why this is due when it is (or why nothing is). */
  reason: string;
}
