/**
 * Performance marks of the page's milestones (script started, a view received, drawn, painted, every hash
 * row reachable, JSON shown, a key typed into the filter and its answer painted), for the UI test and the page benchmark to time from outside.
 * A name keeps only its latest mark.
 */
export type Milestone = 'start' | 'received' | 'content' | 'painted' | 'hashes' | 'json' | 'typed' | 'filtered';

export function mark(name: Milestone): void {
  const full = `jobDetails:${name}`;
  performance.clearMarks(full);
  performance.mark(full);
}

/**
 * Marks `name` once the frame showing what was just drawn has been painted. A timeout set inside an
 * animation frame runs after that frame's paint; outside one, the next frame is waited for first.
 */
export function markWhenPainted(name: Milestone, inAnimationFrame: boolean): void {
  const later = () => setTimeout(() => mark(name), 0);
  if (inAnimationFrame) later();
  else requestAnimationFrame(later);
}
