import { setUpAlarms } from './alarms';
import { setUpBadge } from './badge';
import { setUpDiagnostics } from './diagnostics';
import { setUpDrafts } from './drafts';
import { setUpMessages } from './messages';
import { setUpNotifications } from './notifications';
import { setUpSends } from './sends';
import { setUpSidePanel } from './side-panel';

// Only composition here, synchronously, so every listener is registered in the worker's first turn
// (Chrome delivers the event that woke a stopped worker only to listeners added by then).
export default defineBackground(() => {
  setUpMessages();
  setUpSends();
  setUpSidePanel();
  setUpNotifications();
  setUpBadge();
  setUpAlarms();
  setUpDiagnostics();
  setUpDrafts();
});
