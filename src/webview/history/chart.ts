/**
 * The timeline: one mark per restore at its request time, as tall as its time to ready (log scale),
 * coloured by its status with the tree's own map. Marks are keyboard reachable (one tab stop, arrows move
 * between them, Enter opens the job) and each says what it is; the table after the chart has every job
 * for screen readers and for reading.
 */
import type { HistoryMark, HistoryStrings, HistoryView } from '../../historyPanel/historyProtocol';
import { el } from '../jobDetails/dom';
import { durationScale, timeScale } from './scales';
import { svg } from './svg';

const HEIGHT = 220;
const MARGIN = { left: 58, right: 14, top: 10, bottom: 26 };

/** Theme colour id → the class of jobDetails.css that sets `color` to it; marks draw with currentColor. */
function colorClass(color: string): string {
  return /^[A-Za-z0-9.]+$/.test(color) ? `color-${color.replace(/\./g, '-')}` : '';
}

function zoneOffset(timeZone: HistoryView['timeZone']): (ms: number) => number {
  return (ms) => (timeZone === 'utc' ? 0 : -new Date(ms).getTimezoneOffset() * 60_000);
}

function fill(template: string, value: string): string {
  return template.replace('{0}', value);
}

function tickText(minutes: number, s: HistoryStrings): string {
  if (minutes < 60) return fill(s.tickMinutes, String(minutes));
  if (minutes < 1440) return fill(s.tickHours, String(minutes / 60));
  return fill(s.tickDays, String(minutes / 1440));
}

export interface Chart {
  element: HTMLElement;
  /** Draws again at the container's width (after a resize). */
  redraw(): void;
}

const TIP_PAD = 7;
const TIP_LINE = 16;

export function chart(view: HistoryView, s: HistoryStrings, open: (key: string) => void): Chart {
  const plot = el('div', { class: 'chart-plot' });
  const element = el('div', { class: 'chart' }, plot);
  const dateFormat = new Intl.DateTimeFormat(view.locale || undefined, {
    month: 'short',
    day: 'numeric',
    ...(view.timeZone === 'utc' ? { timeZone: 'UTC' } : {}),
  });

  // The hover is drawn inside the SVG and placed by attributes: the page sets no inline style (see
  // test/unit/panel/pageSource.test.ts), and what it says is also every mark's accessible name.
  let tooltip: SVGGElement | undefined;
  let bounds = { width: 0, height: 0 };
  const show = (mark: HistoryMark, at: { x: number; y: number }) => {
    if (!tooltip) return;
    const text = svg('text', { class: 'tip-text' });
    [mark.label, ...mark.detail].forEach((line, i) =>
      text.appendChild(svg('tspan', { x: TIP_PAD, y: TIP_PAD + 12 + i * TIP_LINE, class: i === 0 ? 'tip-title' : undefined }, line)),
    );
    const box = svg('rect', { class: 'tip-box', x: 0, y: 0, rx: 3 });
    tooltip.replaceChildren(box, text);
    tooltip.removeAttribute('visibility');
    const textBox = text.getBBox();
    const w = Math.ceil(textBox.width) + 2 * TIP_PAD;
    const h = (mark.detail.length + 1) * TIP_LINE + TIP_PAD;
    box.setAttribute('width', String(w));
    box.setAttribute('height', String(h));
    const x = Math.min(Math.max(-MARGIN.left, at.x - w / 2), bounds.width - MARGIN.left - w);
    const above = at.y - h - 10;
    const y = above >= -MARGIN.top ? above : at.y + 14;
    tooltip.setAttribute('transform', `translate(${x},${y})`);
  };
  const hide = () => tooltip?.setAttribute('visibility', 'hidden');

  const draw = () => {
    const width = Math.max(320, plot.clientWidth || 720);
    bounds = { width, height: HEIGHT };
    const innerW = width - MARGIN.left - MARGIN.right;
    const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
    const longest = Math.max(0, ...view.marks.map((m) => m.durationMs ?? m.runningMs ?? 0));
    const ys = durationScale(longest, innerH);
    const xs = timeScale(view.from, view.to, innerW, zoneOffset(view.timeZone));
    const root = svg('svg', {
      width,
      height: HEIGHT,
      viewBox: `0 0 ${width} ${HEIGHT}`,
      role: 'group',
      'aria-label': s.chartLabel,
      'aria-roledescription': s.chartRole,
      class: 'timeline',
    });
    const body = svg('g', { transform: `translate(${MARGIN.left},${MARGIN.top})` });
    root.appendChild(body);

    const axes = svg('g', { 'aria-hidden': 'true' });
    for (const t of ys.ticks) {
      axes.appendChild(svg('line', { class: 'grid', x1: 0, x2: innerW, y1: t.y, y2: t.y }));
      axes.appendChild(svg('text', { class: 'tick', x: -6, y: t.y, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, tickText(t.minutes, s)));
    }
    axes.appendChild(svg('line', { class: 'axis', x1: 0, x2: innerW, y1: innerH, y2: innerH }));
    for (const t of xs.ticks) {
      const x = xs.x(t);
      axes.appendChild(svg('line', { class: 'axis', x1: x, x2: x, y1: innerH, y2: innerH + 4 }));
      axes.appendChild(svg('text', { class: 'tick', x, y: innerH + 16, 'text-anchor': 'middle' }, dateFormat.format(new Date(t))));
    }
    axes.appendChild(
      svg('text', { class: 'axis-title', transform: `translate(${-MARGIN.left + 12},${innerH / 2}) rotate(-90)`, 'text-anchor': 'middle' }, s.axisTimeToReady),
    );
    body.appendChild(axes);

    // Oldest first, so arrow keys move forward in time.
    const marks = [...view.marks].sort((a, b) => a.at - b.at);
    const groups: SVGGElement[] = [];
    const placed: { mark: HistoryMark; g: SVGGElement; x: number; y: number }[] = [];
    marks.forEach((m, i) => {
      const x = xs.x(m.at);
      const length = m.durationMs ?? m.runningMs;
      const g = svg('g', {
        class: `mark ${colorClass(m.color)}${m.runningMs !== undefined ? ' running' : ''}${length === undefined ? ' untimed' : ''}`,
        role: 'button',
        tabindex: i === marks.length - 1 ? 0 : -1,
        'aria-label': [m.label, ...m.detail].join('. '),
        'data-key': m.key,
        'data-status': m.status,
        'data-outcome': m.outcome,
      });
      let y = innerH - 4;
      g.appendChild(svg('rect', { class: 'hit', x: x - 4, y: 0, width: 8, height: innerH }));
      if (length === undefined) {
        g.appendChild(svg('circle', { class: 'dot', cx: x, cy: y, r: 3.5 }));
      } else {
        y = ys.y(length);
        g.appendChild(svg('line', { class: 'stem', x1: x, x2: x, y1: innerH, y2: y }));
        g.appendChild(svg('circle', { class: 'head', cx: x, cy: y, r: 3.5 }));
      }
      const at = { x, y };
      g.addEventListener('focus', () => show(m, at));
      g.addEventListener('blur', hide);
      g.addEventListener('keydown', (e) => {
        const move = (to: number) => {
          const next = groups[Math.max(0, Math.min(groups.length - 1, to))];
          if (!next || next === g) return;
          g.setAttribute('tabindex', '-1');
          next.setAttribute('tabindex', '0');
          next.focus();
        };
        if (e.key === 'Enter' || e.key === ' ') open(m.key);
        else if (e.key === 'ArrowRight') move(i + 1);
        else if (e.key === 'ArrowLeft') move(i - 1);
        else if (e.key === 'Home') move(0);
        else if (e.key === 'End') move(groups.length - 1);
        else return;
        e.preventDefault();
      });
      groups.push(g);
      placed.push({ mark: m, g, x, y });
      body.appendChild(g);
    });

    // Restores of one incident sit within a pixel of each other (a pixel is hours wide): the pointer takes the
    // mark whose head is nearest to it anywhere over the plot, rather than whichever of the marks was drawn last.
    const surface = svg('rect', { class: 'surface', x: 0, y: 0, width: innerW, height: innerH });
    body.appendChild(surface);
    let hovered: (typeof placed)[number] | undefined;
    const nearest = (e: MouseEvent) => {
      const box = surface.getBoundingClientRect();
      const px = e.clientX - box.left;
      const py = e.clientY - box.top;
      let best: (typeof placed)[number] | undefined;
      let bestScore = Infinity;
      for (const p of placed) {
        const dx = p.x - px;
        if (Math.abs(dx) > 12) continue;
        const score = dx * dx + (p.y - py) * (p.y - py);
        if (score < bestScore) {
          best = p;
          bestScore = score;
        }
      }
      return best;
    };
    const hoverOn = (p: (typeof placed)[number] | undefined) => {
      if (p === hovered) return;
      hovered?.g.classList.remove('hover');
      hovered = p;
      if (!p) return hide();
      p.g.classList.add('hover');
      show(p.mark, p);
    };
    surface.addEventListener('mousemove', (e) => hoverOn(nearest(e)));
    surface.addEventListener('mouseleave', () => hoverOn(undefined));
    surface.addEventListener('click', (e) => {
      const p = nearest(e);
      if (p) open(p.mark.key);
    });
    surface.classList.toggle('has-marks', placed.length > 0);
    tooltip = svg('g', { class: 'mark-tooltip', 'aria-hidden': 'true', visibility: 'hidden' });
    body.appendChild(tooltip);
    hide();
    plot.replaceChildren(root);
  };

  draw();
  return { element, redraw: draw };
}
