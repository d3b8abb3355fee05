// The overview's view of server-drawn markup (ui/svg_view.py): hover text, click or Enter opens a state,
// and a table's header buttons sort it. Elements with data-iso3 are states: hover or keyboard focus shows
// their data-tip, click or Enter opens them. One Tab stop per group of states (the map has 160): the arrow
// keys move between them, in the markup's order.
const STATE_ATTRIBUTES = ['class', 'fill', 'data-iso3', 'data-tip', 'aria-label', 'role', 'tabindex'];

// The shapes come once per page; each view after that only recolours them. Should they ever be missing
// (the map drawn anew without them), the script asks for them and draws nothing until they come.
function drawMap(root, body, data) {
  if (data.outline && root.mbcOutline !== data.outline) {
    body.innerHTML = '<div class="mbc-before"></div>' + data.outline + '<div class="mbc-after"></div>';
    root.mbcOutline = data.outline;
    root.mbcShapes = new Map([...body.querySelectorAll('path[data-shape]')].map((p) => [p.dataset.shape, p]));
  }
  if (!root.mbcOutline) { root.mbcSend('missing', true); return; }
  const view = data.view;
  root.mbcView = view;  // bench/overview.py weighs the map as sent: the outline and this view
  body.querySelectorAll('.mbc-highlight').forEach((e) => e.remove());
  root.mbcHovered = null;  // the shapes stay: the next pointer move outlines its state again
  const shown = new Set();
  for (const [iso3, fill, tip] of view.states) {
    const shape = root.mbcShapes.get(iso3);
    if (!shape) continue;
    shown.add(iso3);
    shape.setAttribute('class', 'mbc-state');
    shape.setAttribute('fill', fill);
    shape.dataset.iso3 = iso3;
    shape.dataset.tip = tip;  // text in an attribute: never parsed as markup
    shape.setAttribute('aria-label', tip);
    shape.setAttribute('role', 'link');
    if (!shape.hasAttribute('tabindex')) shape.tabIndex = -1;
  }
  for (const [iso3, shape] of root.mbcShapes) {
    if (!shown.has(iso3) && shape.hasAttribute('data-iso3')) STATE_ATTRIBUTES.forEach((a) => shape.removeAttribute(a));
  }
  const svg = body.querySelector('svg');
  svg.setAttribute('viewBox', view.viewBox);
  svg.querySelector('.mbc-dots').innerHTML = view.dots;
  body.querySelector('.mbc-after').innerHTML = view.legend + data.after;
  const before = body.querySelector('.mbc-before');
  if (before.mbcMarkup !== data.before) { before.innerHTML = data.before; before.mbcMarkup = data.before; }
}

const groups = (body) => { const marked = [...body.querySelectorAll('[data-group]')]; return marked.length ? marked : [body]; };

// A column header's button sorts the table's rows by that column: by data-sort where a cell has one (figures),
// else by text; cells with no data-sort in a column that has them (no figure) go last either way. The header
// cell (role columnheader, holding the button) carries aria-sort.
function sortTable(header) {
  const table = header.closest('.mbc-table');
  const column = Number(header.dataset.col);
  const ascending = header.getAttribute('aria-sort') !== 'ascending';
  table.querySelectorAll('.mbc-th').forEach((h) => h.removeAttribute('aria-sort'));
  header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
  const rows = table.querySelector('.mbc-tbody');
  const key = (row) => row.children[column];
  const numeric = [...rows.children].some((row) => key(row).hasAttribute('data-sort'));
  const sorted = [...rows.children].sort((a, b) => {
    const x = key(a), y = key(b);
    if (numeric) {
      if (!x.hasAttribute('data-sort') || !y.hasAttribute('data-sort')) return y.hasAttribute('data-sort') - x.hasAttribute('data-sort');
      return (Number(x.dataset.sort) - Number(y.dataset.sort)) * (ascending ? 1 : -1);
    }
    return x.textContent.localeCompare(y.textContent) * (ascending ? 1 : -1);
  });
  rows.append(...sorted);
}

export default function ({ parentElement, data, setTriggerValue }) {
  const root = parentElement.querySelector('.mbc-view');
  const body = root.querySelector('.mbc-body');
  const tip = root.querySelector('.mbc-tip');
  root.mbcSend = setTriggerValue;
  if (data.view) {
    drawMap(root, body, data);
  } else if (root.mbcMarkup !== data.markup) {
    body.innerHTML = data.markup;
    root.mbcMarkup = data.markup;
  }
  for (const group of groups(body)) {  // one Tab stop per group of states (map, bars, table)
    const states = [...group.querySelectorAll('[data-iso3]')];
    if (states.length && !states.some((e) => e.tabIndex === 0)) {
      states.forEach((e) => { e.tabIndex = -1; });
      states[0].tabIndex = 0;
    }
  }
  body.setAttribute('aria-label', data.alt);
  if (root.mbcListening) return;  // the listeners outlive each redraw: added once
  root.mbcListening = true;
  const state = (event) => event.target.closest && event.target.closest('[data-iso3]');
  const open = (target) => root.mbcSend('clicked', target.dataset.iso3);
  const outline = (target) => {  // the state's outline drawn on top: its neighbours would hide part of it
    body.querySelectorAll('.mbc-highlight').forEach((e) => e.remove());
    if (target && target.tagName === 'path') {
      const copy = target.cloneNode(false);
      copy.removeAttribute('data-iso3'); copy.removeAttribute('tabindex'); copy.removeAttribute('role');
      copy.setAttribute('class', 'mbc-highlight');
      target.ownerSVGElement.appendChild(copy);
    }
  };
  const hide = () => { tip.hidden = true; root.mbcHovered = null; outline(null); };
  const placeTip = (x, y) => {
    const box = root.getBoundingClientRect();
    const left = Math.min(x - box.left + 14, box.width - tip.offsetWidth - 4);
    tip.style.left = Math.max(left, 0) + 'px';
    tip.style.top = (y - box.top + 14) + 'px';
  };
  const show = (target, x, y) => {
    root.mbcHovered = target;
    outline(target);
    if (!target.dataset.tip) { tip.hidden = true; return; }  // a table's row: its cells already say it all
    tip.textContent = target.dataset.tip;
    tip.hidden = false;
    placeTip(x, y);
  };
  body.addEventListener('pointermove', (event) => {
    const t = state(event);
    if (!t) { hide(); return; }
    if (t === root.mbcHovered && !tip.hidden) { placeTip(event.clientX, event.clientY); return; }  // same state: move the text only
    show(t, event.clientX, event.clientY);
  });
  body.addEventListener('pointerleave', hide);
  body.addEventListener('focusin', (event) => {
    const t = state(event);
    if (t) { const r = t.getBoundingClientRect(); show(t, r.left + r.width / 2, r.top + r.height / 2); }
  });
  body.addEventListener('focusout', hide);
  body.addEventListener('click', (event) => {
    const button = event.target.closest('.mbc-th button');
    if (button) { sortTable(button.closest('.mbc-th')); return; }
    const t = state(event);
    if (t) open(t);
  });
  body.addEventListener('keydown', (event) => {
    const t = state(event);
    if (!t) return;
    if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); open(t); return; }
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (!step) return;
    event.preventDefault();
    const all = [...(t.closest('[data-group]') || body).querySelectorAll('[data-iso3]')];
    const next = all[(all.indexOf(t) + step + all.length) % all.length];
    t.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  });
}
