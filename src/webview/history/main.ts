/**
 * The Restore History page: draws what the extension sends (src/historyPanel) and asks it for the rest
 * (open a job, copy the incident note, refresh), through the typed messages of historyProtocol.ts.
 */
import type { ToHistoryPage } from '../../historyPanel/historyProtocol';
import { onMessage, saveScope, send } from './messaging';
import { model, render } from './page';

let announce: ReturnType<typeof setTimeout> | undefined;

/** Says a short text to screen readers through the page's live region. */
function say(text: string): void {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = text;
  if (announce) clearTimeout(announce);
  announce = setTimeout(() => (region.textContent = ''), 4000);
}

function apply(m: ToHistoryPage): boolean {
  switch (m.type) {
    case 'init':
      model.strings = m.strings;
      model.seq = m.seq;
      saveScope(m.scope);
      return true;
    case 'sync':
      // The panel's last state, sent before this page loaded: if it did not arrive, ask for everything.
      if (model.seq !== m.seq) send({ type: 'ready' });
      return false;
    case 'view':
      model.view = m.view;
      return true;
    case 'loading':
      model.loading = m.loading;
      model.progress = m.progress;
      return true;
    case 'error':
      model.error = m.error ?? undefined;
      return true;
    case 'copied':
      say(m.description);
      return false;
    default:
      return false;
  }
}

let scheduled = false;
onMessage((m) => {
  if (!apply(m) || scheduled) return;
  // Progress arrives in bursts: draw once per frame.
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    render();
  });
});

send({ type: 'ready' });
