"""A view of server-drawn markup (the overview's map with its headlines, the ranked bars and the table of
states): hover text, a click opens a state, and the table's headers sort it.

A Streamlit v2 component with its script inline: nothing is fetched, no chart library loads. The markup
is built by charts/world_svg.py and charts/overview_html.py, which escape every text; the script only ever
sets hover text as text.
"""
from __future__ import annotations

from collections.abc import Callable

import streamlit as st

# Elements with data-iso3 are states: hover or keyboard focus shows their data-tip, click or Enter opens them.
# One Tab stop per group of states (the map has 160): the arrow keys move between them, in the markup's order.
_JS = """
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

// A table's header sorts its rows by that column: by data-sort where a cell has one (figures), else by text;
// cells with no data-sort in a column that has them (no figure) go last either way.
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
    const header = event.target.closest('.mbc-th');
    if (header) { sortTable(header); return; }
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
"""
# rem units: presenter mode's bigger root size reaches this text too.
_CSS = """
.mbc-view { position: relative; font-size: 1rem; color: #1a1a1a; }
.mbc-body { width: 100%; }
.mbc-map { width: 100%; height: auto; max-height: 34rem; display: block; }
.mbc-land path { stroke: #ffffff; stroke-width: 0.4; }
.mbc-map .mbc-state { cursor: pointer; }
.mbc-dot { stroke: #444444; stroke-width: 0.8; cursor: pointer; }
.mbc-state:focus { outline: none; }
.mbc-dot:hover, .mbc-dot:focus { stroke: #000000; stroke-width: 1.5; }
.mbc-highlight { fill: none; stroke: #000000; stroke-width: 1.5; pointer-events: none; }
.mbc-headlines { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: 0.5rem 1.5rem;
  margin-bottom: 0.75rem; }
.mbc-headline p { margin: 0; }
.mbc-headline-label { font-size: 0.875rem; }
.mbc-headline-value { font-size: 2rem; line-height: 1.25; white-space: nowrap; }
.mbc-note { margin: 0.2rem 0 0; font-size: 0.875rem; color: #555555; }
.mbc-view h3 { font-size: 1.5rem; font-weight: 600; margin: 0 0 0.5rem; padding: 0; }
.mbc-legend-title { margin: 0.4rem 0 0.1rem; font-weight: 600; }
.mbc-legend { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 0.2rem 1.2rem; }
.mbc-legend li { display: flex; align-items: center; gap: 0.35rem; }
.mbc-swatch { width: 1rem; height: 1rem; border: 1px solid #8c8c8c; display: inline-block; }
.mbc-bars { display: flex; flex-direction: column; gap: 0.25rem; }
.mbc-bar-row { display: grid; grid-template-columns: minmax(6rem, 38%) 1fr minmax(3rem, max-content); gap: 0.6rem;
  align-items: center; cursor: pointer; }
.mbc-bar-row:hover .mbc-bar-name, .mbc-bar-row:focus .mbc-bar-name { text-decoration: underline; }
.mbc-bar-row:focus { outline: 2px solid #0b3d91; outline-offset: 2px; }
.mbc-bar-track { height: 1.1rem; }
.mbc-bar { display: block; height: 100%; min-width: 2px; border: 1px solid #8c8c8c; box-sizing: border-box; }
.mbc-bar-value { font-variant-numeric: tabular-nums; text-align: right; }
.mbc-bar-unit, .mbc-empty, .mbc-not-drawn { margin: 0.3rem 0 0; color: #555555; }
.mbc-split { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); gap: 1rem 2rem; }
@media (max-width: 56rem) { .mbc-split { grid-template-columns: minmax(0, 1fr); } }
.mbc-table { max-height: 28rem; overflow: auto; border: 1px solid #d6d6d6; border-radius: 4px; font-size: 0.875rem; }
.mbc-tr { display: grid; grid-template-columns: minmax(9rem, 2fr) minmax(7rem, 1.3fr) minmax(6.5rem, 1fr) minmax(7rem, 1.2fr)
  minmax(6rem, 1fr) minmax(6rem, 1fr) 3.5rem; min-width: 46rem; border-bottom: 1px solid #ececec; }
.mbc-tr > * { padding: 0.3rem 0.5rem; }
.mbc-tbody .mbc-tr > * { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
/* Rows scrolled out of sight are neither laid out nor painted, which makes a filter change's redraw of the
   table about four times cheaper (bench/overview.py). */
.mbc-tbody .mbc-tr { content-visibility: auto; contain-intrinsic-size: auto 2rem; }
.mbc-thead { position: sticky; top: 0; z-index: 1; background: #f7f7f7; font-weight: 600; }
.mbc-th { font: inherit; text-align: left; background: none; border: none; cursor: pointer; color: inherit; }
.mbc-th[aria-sort="ascending"]::after { content: " \\25B2"; }
.mbc-th[aria-sort="descending"]::after { content: " \\25BC"; }
.mbc-th:focus-visible, .mbc-name:focus { outline: 2px solid #0b3d91; outline-offset: -2px; }
.mbc-name { cursor: pointer; text-decoration: underline; }
.mbc-view a { color: #0b3d91; }
.mbc-tip { position: absolute; z-index: 10; pointer-events: none; white-space: pre-line; background: #ffffff;
  border: 1px solid #8c8c8c; border-radius: 4px; padding: 0.3rem 0.5rem; max-width: 26rem; font-size: 0.9rem;
  overflow-wrap: anywhere; box-shadow: 0 2px 6px rgba(0, 0, 0, 0.15); }
"""
_VIEW = st.components.v2.component(
    "mbc.svg_view", html='<div class="mbc-view"><div class="mbc-body" role="group"></div><div class="mbc-tip" hidden></div></div>',
    css=_CSS, js=_JS, isolate_styles=False,
)


def render_svg_view(markup: str, key: str, alt: str) -> str | None:
    """Show the markup; the ISO3 of the state clicked in this run, else None."""
    return _VIEW(key=key, data={"markup": markup, "alt": alt}, on_clicked_change=lambda: None).clicked


def render_world_map(outline: Callable[[], str], view: dict, *, key: str, alt: str, before: str = "", after: str = "",
                     browser_has_outline: bool = False) -> str | None:
    """Show the outline (charts.world_svg.make_outline_svg) coloured as `view` says (make_world_view), with
    markup `before` and `after` it (escaped by whoever built it); the ISO3 of the state clicked in this run, else None.

    `browser_has_outline` (a rerun of the fragment that drew the map): only the view is sent, about a tenth of
    the bytes of each filter change. Should the browser lack the outline after all, it asks, and gets it."""
    resend = f"{key}_resend_outline"
    send = not browser_has_outline or st.session_state.pop(resend, False)
    data = {"outline": outline() if send else None, "view": view, "alt": alt, "before": before, "after": after}
    result = _VIEW(key=key, data=data, on_clicked_change=lambda: None, on_missing_change=lambda: None)
    if result.missing and not send:
        st.session_state[resend] = True
        st.rerun(scope="fragment")
    return result.clicked
