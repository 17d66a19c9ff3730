/**
 * The job details page. It shows what the extension sends and asks the extension for everything
 * else (copy, refresh, open), through the typed messages of `src/panel/protocol.ts`.
 */
import type { ToWebview } from '../../panel/protocol';
import { showCopied } from './copiedFeedback';
import { onMessage, saveRef, send } from './messaging';
import { render, scheduleRender } from './page';
import { model } from './state';

/** Takes in what the extension says; true when the page must be drawn again. */
function apply(m: ToWebview): boolean {
  switch (m.type) {
    case 'init':
      model.strings = m.strings;
      saveRef(m.ref);
      return true;
    case 'render':
      model.view = m.view;
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

render();
send({ type: 'ready' });
