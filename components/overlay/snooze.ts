// The snooze choices every surface offers, so the side panel and the overlays agree: see
// lib/cadence/snooze.ts (each named by the day it really lands on).
export { snoozeChoices, type SnoozeChoice } from '../../lib/cadence/snooze';
