import { setUpMessages } from './messages';

// Only composition here, synchronously, so every listener is registered in the worker's first turn
// (Chrome delivers the event that woke a stopped worker only to listeners added by then).
export default defineBackground(() => {
  setUpMessages();
});
