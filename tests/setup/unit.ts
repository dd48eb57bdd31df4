// Real IndexedDB semantics in Node: every Dexie test runs against fake-indexeddb, not a mock.
import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

beforeEach(() => {
  fakeBrowser.reset();
});
