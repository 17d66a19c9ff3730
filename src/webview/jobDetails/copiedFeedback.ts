import { copyTargetKey, type CopyTarget } from '../../panel/protocol';
import { model } from './state';

/** Long enough to notice the tick, short enough that the button is back before the next copy. */
const COPIED_FEEDBACK_MS = 1600;

const announcer = document.getElementById('announcer')!;
const copiedTimers = new Map<string, ReturnType<typeof setTimeout>>();

/**
 * Turns the buttons that asked for `target` into a tick with "Copied" for a moment, and tells screen
 * readers what the extension copied.
 */
export function showCopied(target: CopyTarget, description: string): void {
  const key = copyTargetKey(target);
  announcer.textContent = description;
  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('#app button[data-copy-key]'))) {
    if (b.dataset.copyKey !== key) continue;
    b.classList.add('copied');
    const label = b.querySelector('.btn-label');
    const glyph = b.querySelector('.btn-icon');
    const before = label?.textContent ?? '';
    if (label && model.strings) label.textContent = model.strings.copied;
    glyph?.classList.replace('codicon-copy', 'codicon-check');
    glyph?.classList.replace('codicon-terminal', 'codicon-check');
    clearTimeout(copiedTimers.get(key));
    copiedTimers.set(
      key,
      setTimeout(() => {
        b.classList.remove('copied');
        if (label) label.textContent = before;
        glyph?.classList.replace('codicon-check', key.startsWith('downloadCommand') ? 'codicon-terminal' : 'codicon-copy');
      }, COPIED_FEEDBACK_MS),
    );
  }
}
