// LinkedIn's isolated-world script. Empty for now: the send detectors and overlays arrive with the
// LinkedIn work; being injected on the real URL already lets end-to-end tests message the background.
export default defineContentScript({
  matches: ['https://www.linkedin.com/*'],
  runAt: 'document_idle',
  main(_ctx) {},
});
