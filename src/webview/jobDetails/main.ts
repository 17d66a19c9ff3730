/**
 * The job details page. It shows what the extension sends and asks the extension for everything
 * else (copy, refresh, open), through the typed messages of `src/panel/protocol.ts`.
 */
import type { PageStrings, ToWebview } from '../../panel/protocol';
import { showCopied } from './copiedFeedback';
import { mark } from './marks';
import { isOtherJob, onMessage, savePreview, saveRef, send } from './messaging';
import { forgetJob, render, scheduleRender } from './page';
import { model } from './state';

/** The host sends its words with every state; the same words again keep the sections built from them. */
function sameStrings(a: PageStrings | undefined, b: PageStrings): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/** Takes in what the extension says; true when the page must be drawn again. */
function apply(m: ToWebview): boolean {
  switch (m.type) {
    case 'init':
      // A preview panel moved on to another job: nothing of the last one may show with the new one's.
      if (isOtherJob(m.ref)) forgetJob();
      if (!sameStrings(model.strings, m.strings)) model.strings = m.strings;
      model.seq = m.seq;
      model.preview = m.preview;
      saveRef(m.ref, m.preview);
      return true;
    case 'preview':
      model.preview = m.preview;
      savePreview(m.preview);
      return true;
    case 'sync':
      // The panel's last state, sent before this page loaded: if it did not arrive, ask for everything.
      if (model.seq !== m.seq) send({ type: 'ready' });
      return false;
    case 'render':
      mark('received');
      model.view = m.view;
      model.freshView = true;
      return true;
    case 'hashes':
      model.hashes = m.table;
      return true;
    case 'document':
      model.document = { json: m.json, revealed: m.revealed };
      return true;
    case 'loading':
      model.loading = m.loading;
      return true;
    case 'error':
      model.error = m.error ?? undefined;
      return true;
    case 'copied':
      showCopied(m.target, m.description);
      return false;
    default:
      return false;
  }
}

onMessage((m) => {
  if (apply(m)) scheduleRender();
});

mark('start');
render();
send({ type: 'ready' });
