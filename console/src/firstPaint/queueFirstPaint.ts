/*
 * A queue list opened by its address shows its rows before the console has loaded: this small
 * entry runs beside the console's scripts (index.html), asks for the rows at once and draws
 * them read-only over the page until the console's own list is drawn, then steps aside. The
 * console takes over the same answer (dataProvider.ts adopts it), so the rows are asked for once.
 * Drawn with the DOM alone: React and the console's messages are what takes long to load.
 */
import { queueListParams } from '../flags/queueListPreload';
import { queueWordsChinese, queueWordsEnglish } from '../i18n/queueWords';
import { durationText } from '../common/durationText';
import type { RaRecord } from 'react-admin';
import { adoptFirstPaintList, type FirstPaintList } from './firstPaintList';

type Row = {
  id: number;
  priority: number;
  subjectType: string;
  subjectId: number;
  createdAt: string;
  claimActive?: boolean;
  claimedBy?: number | null;
  claimedByName?: string | null;
  subject?: { snippet?: string | null; authorName?: string | null; authorHandle?: string | null; reach?: number | null } | null;
};

/** The console's language as react-admin keeps it, else the browser's. */
function consoleLocale(): 'en' | 'zh' {
  try {
    const stored = JSON.parse(localStorage.getItem('RaStore.locale') ?? 'null') as unknown;
    if (stored === 'zh' || stored === 'en') return stored;
  } catch {
    // An unreadable store falls back to the browser's language.
  }
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function draw(rows: Row[], queue: string | undefined, locale: 'en' | 'zh'): HTMLElement {
  const words = locale === 'zh' ? queueWordsChinese : queueWordsEnglish;
  const queueName = queue ? (words.queue[queue as keyof typeof words.queue] ?? queue) : '';
  const root = el('div', 'first-paint');
  root.id = 'first-paint';
  root.setAttribute('role', 'region');
  root.setAttribute('aria-label', words.first_paint);
  root.setAttribute('aria-busy', 'true');
  root.append(el('div', 'first-paint-bar', words.title));
  const main = el('div', 'first-paint-main');
  main.append(el('h1', 'first-paint-title', words.queue_title.replace('%{queue}', queueName)));
  const table = el('table', 'first-paint-table');
  const head = el('tr', '');
  for (const label of [words.priority, words.col.subject, words.col.author, words.col.reach, words.col.age, words.col.claimed]) {
    const th = el('th', '', label);
    th.scope = 'col';
    head.append(th);
  }
  table.append(el('thead', ''), el('tbody', ''));
  table.tHead!.append(head);
  const now = Date.now();
  const numbers = new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-GB');
  for (const r of rows) {
    const tr = el('tr', '');
    tr.dataset.id = String(r.id);
    const type = words.subject_type[r.subjectType as keyof typeof words.subject_type] ?? r.subjectType;
    const author = r.subject?.authorHandle ? `${r.subject.authorName ?? r.subject.authorHandle} @${r.subject.authorHandle}` : '–';
    tr.append(
      el('td', 'first-paint-number', String(r.priority)),
      el('td', '', `${type} #${r.subjectId} · ${r.subject?.snippet ?? '–'}`),
      el('td', '', author),
      el('td', 'first-paint-number', r.subject?.reach == null ? '–' : numbers.format(r.subject.reach)),
      el('td', '', durationText(now - new Date(r.createdAt).getTime(), locale)),
      el('td', '', r.claimActive ? String(r.claimedByName ?? `#${r.claimedBy}`) : '–'),
    );
    table.tBodies[0]!.append(tr);
  }
  main.append(table);
  root.append(main);
  return root;
}

/** Steps aside once the console shows anything of its own: its list's rows, a sign-in form, or another page. */
function removeWhenConsoleDraws(node: HTMLElement): void {
  const app = document.getElementById('root');
  const done = () => {
    observer.disconnect();
    window.removeEventListener('hashchange', done);
    node.remove();
  };
  const observer = new MutationObserver(() => {
    if (app?.querySelector('tbody tr, input[type="password"]')) done();
  });
  if (app) observer.observe(app, { childList: true, subtree: true });
  window.addEventListener('hashchange', done);
}

function start(): void {
  const hash = window.location.hash;
  const params = queueListParams(hash);
  if (!params) return;
  const { page, perPage } = params.pagination!;
  const query = new URLSearchParams({
    filter: JSON.stringify(params.filter),
    range: JSON.stringify([(page - 1) * perPage, page * perPage - 1]),
    sort: JSON.stringify([params.sort!.field, params.sort!.order]),
  });
  // Ahead of the console's own scripts in the browser's queue.
  const answer: FirstPaintList['answer'] = fetch(`/api/flags?${query}`, {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
    priority: 'high',
  } as RequestInit).then(async (res) => {
    if (!res.ok) throw new Error(`first paint: ${res.status}`);
    const total = Number(res.headers.get('Content-Range')?.split('/').pop());
    return { data: (await res.json()) as RaRecord[], total: Number.isFinite(total) ? total : undefined };
  });
  answer.catch(() => undefined);
  adoptFirstPaintList({ params, answer, at: Date.now() });
  void answer.then(
    ({ data }) => {
      // Not when the console was quicker, or the address changed meanwhile.
      if (window.location.hash !== hash || document.querySelector('#root tbody tr')) return;
      const node = draw(data as Row[], (params.filter as { queue?: string }).queue, consoleLocale());
      document.body.prepend(node);
      removeWhenConsoleDraws(node);
    },
    () => undefined,
  );
}

start();
