import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartDataset,
} from 'chart.js';
import { DICTIONARY, HIDDEN_MARK, LANGUAGES, type Dictionary, type Language } from '../../../../libs/contracts/src/domain/labels.js';
import { coverageOf, type Cell, type Loaded, type ReferralPerformance, type SpmRow, type TablesResponse } from './api.js';
import { chartModels, fill, type ChartModel } from './model.js';

// Only what the dashboard draws: keeps the bundle small.
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);
Chart.defaults.color = '#2b2b2b';
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';
Chart.defaults.animation = false;

declare global {
  interface Window {
    /** The Chart.js instances by chart id, for tests and for anyone checking a figure. */
    __charts: Record<string, Chart>;
  }
}

interface State {
  lang: Language;
  token: string | null;
  year: number;
  district: string;
  districts: string[];
  /** The date cases count by: reported (the public view always), or incident (analysts may choose). */
  countedBy: 'reported' | 'incident';
  data: Loaded | null;
  status: 'loading' | 'ready' | 'error';
  message: string | null;
  signInFailed: boolean;
}

const thisYear = Number(new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Jakarta' }).slice(0, 4));
const state: State = {
  lang: 'id',
  token: null,
  year: thisYear,
  district: '',
  districts: [],
  countedBy: 'reported',
  data: null,
  status: 'loading',
  message: null,
  signInFailed: false,
};
window.__charts = {};

const dict = (): Dictionary => DICTIONARY[state.lang];

class HttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: state.token ? { authorization: `Bearer ${state.token}` } : {} });
  if (!res.ok) throw new HttpError(res.status);
  return (await res.json()) as T;
}

function query(): string {
  const q = new URLSearchParams({ year: String(state.year) });
  if (state.district) q.set('district', state.district);
  return q.toString();
}

/** The public (suppressed) view, or with an analyst's token the exact one. */
async function load(): Promise<void> {
  state.status = 'loading';
  render();
  try {
    let loaded: Loaded;
    if (state.token) {
      const exact = `${query()}&date=${state.countedBy}`;
      const [tables, spm, referrals] = await Promise.all([
        getJson<TablesResponse>(`/statistics/tables?${exact}&view=internal`),
        getJson<SpmRow[]>(`/statistics/spm?${exact}`),
        getJson<ReferralPerformance>(`/statistics/referral-performance?${exact}`),
      ]);
      loaded = {
        view: 'internal',
        countedBy: state.countedBy,
        year: state.year,
        k: 0,
        tables: new Map(tables.tables.map((t) => [t.id, t])),
        spm: spm.map((s) => ({
          indicator: s.indicator,
          numerator: s.numerator,
          denominator: s.denominator,
          coverage: s.coverage,
          target: s.target,
        })),
        referrals,
      };
    } else {
      const r = await getJson<TablesResponse>(`/public/statistics/tables?${query()}`);
      const tables = new Map(r.tables.map((t) => [t.id, t]));
      const spm = tables.get('spm-coverage');
      loaded = {
        view: 'public',
        countedBy: 'reported',
        year: state.year,
        k: r.k ?? 5,
        tables,
        spm: (spm?.rows ?? [])
          .filter((row) => row !== 'total')
          .map((indicator) => {
            const numerator: Cell = spm!.values[indicator].numerator;
            const denominator: Cell = spm!.values[indicator].denominator;
            return {
              indicator,
              numerator,
              denominator,
              coverage: coverageOf(numerator, denominator),
              target: r.targets?.[indicator] ?? null,
            };
          }),
        referrals: null,
      };
    }
    if (!state.district) {
      const byDistrict = loaded.tables.get('cases-by-district');
      state.districts = [...new Set([...state.districts, ...(byDistrict?.rows ?? []).filter((r) => r !== 'total')])].sort();
    }
    state.data = loaded;
    state.status = 'ready';
    state.message = null;
  } catch (err) {
    if (err instanceof HttpError && err.status === 401 && state.token) {
      state.token = null; // expired: back to the public view
      state.countedBy = 'reported';
      return load();
    }
    state.data = null;
    state.status = 'error';
    state.message =
      err instanceof HttpError && err.status === 409
        ? 'publicUnavailable'
        : // The public tables answer only years and districts that have data.
          err instanceof HttpError && err.status === 400 && !state.token
          ? 'noData'
          : err instanceof HttpError && err.status === 403
            ? 'notAnalyst'
            : 'loadFailed';
  }
  render();
}

async function signIn(username: string, password: string): Promise<void> {
  const res = await fetch('/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) {
    state.signInFailed = true;
    render();
    return;
  }
  state.token = ((await res.json()) as { accessToken: string }).accessToken;
  state.signInFailed = false;
  await load();
}

/* ---------- drawing ---------- */

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

function formatCell(cell: Cell, number: Intl.NumberFormat): Node | string {
  if (typeof cell === 'number') return number.format(cell);
  if (cell.startsWith('<')) return el('abbr', { title: dict().dashboard.suppressed, class: 'suppressed' }, cell);
  // Hidden to protect a small count elsewhere: k or more, so never printed as "<k".
  if (cell === HIDDEN_MARK)
    return el('abbr', { title: fill(dict().dashboard.hidden, { k: state.data?.k ?? 0 }), class: 'suppressed' }, cell);
  // A whole table withheld by the publishing rule (docs/reporting.md), in the page's language.
  if (cell === 'withheld') return el('abbr', { title: dict().dashboard.withheld, class: 'suppressed' }, dict().dashboard.withheldShort);
  return cell;
}

function header(): HTMLElement {
  const ui = dict().dashboard;
  const other = LANGUAGES.find((l) => l !== state.lang)!;
  const switchButton = el(
    'button',
    { type: 'button', id: 'language-switch', lang: other, 'data-i18n': 'dashboard.switchLanguage' },
    ui.switchLanguage,
  );
  switchButton.addEventListener('click', () => {
    state.lang = other;
    render();
  });
  let account: HTMLElement;
  if (state.token) {
    const out = el('button', { type: 'button', id: 'sign-out' }, ui.signOut);
    out.addEventListener('click', () => {
      state.token = null;
      void load();
    });
    account = el('div', { class: 'account' }, out);
  } else {
    const form = el(
      'form',
      { id: 'sign-in', class: 'account', 'aria-labelledby': 'sign-in-title' },
      el('h2', { id: 'sign-in-title', class: 'small' }, ui.signInTitle),
      el('label', { for: 'username' }, ui.username),
      el('input', { id: 'username', name: 'username', autocomplete: 'username', required: '' }),
      el('label', { for: 'password' }, ui.password),
      el('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: '' }),
      el('button', { type: 'submit', id: 'sign-in-button' }, ui.signIn),
    );
    if (state.signInFailed) form.append(el('p', { role: 'alert', class: 'error' }, ui.signInFailed));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const data = new FormData(form);
      void signIn(formText(data, 'username'), formText(data, 'password'));
    });
    account = form;
  }
  return el(
    'header',
    {},
    el('a', { href: '#charts', class: 'skip' }, ui.skipLink),
    el('div', { class: 'titles' }, el('h1', {}, ui.pageTitle), el('p', { class: 'subtitle' }, ui.subtitle)),
    el('div', { class: 'tools' }, switchButton, account),
  );
}

/** A text field of a form (FormData also holds files). */
function formText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}

function filters(): HTMLElement {
  const ui = dict().dashboard;
  const year = el('select', { id: 'year', name: 'year' });
  for (let y = thisYear; y > thisYear - 5; y--)
    year.append(el('option', { value: String(y), ...(y === state.year ? { selected: '' } : {}) }, String(y)));
  const district = el('select', { id: 'district', name: 'district' }, el('option', { value: '' }, ui.allDistricts));
  for (const d of state.districts) district.append(el('option', { value: d, ...(d === state.district ? { selected: '' } : {}) }, d));
  year.addEventListener('change', () => {
    state.year = Number(year.value);
    void load();
  });
  district.addEventListener('change', () => {
    state.district = district.value;
    void load();
  });
  // Analysts may count by the incident date; the public view counts by the date reported.
  const countedBy = el('select', { id: 'counted-by', name: 'counted-by' });
  for (const by of ['reported', 'incident'] as const)
    countedBy.append(
      el(
        'option',
        { value: by, ...(by === state.countedBy ? { selected: '' } : {}) },
        by === 'incident' ? ui.countedByIncident : ui.countedByReported,
      ),
    );
  countedBy.addEventListener('change', () => {
    state.countedBy = countedBy.value === 'incident' ? 'incident' : 'reported';
    void load();
  });
  const note = !state.data
    ? ''
    : state.data.view === 'internal'
      ? ui.viewInternal
      : fill(ui.viewPublic, { k: state.data.k, mark: HIDDEN_MARK });
  return el(
    'section',
    { class: 'filters', 'aria-label': ui.filters },
    el('div', { class: 'field' }, el('label', { for: 'year' }, ui.year), year),
    el('div', { class: 'field' }, el('label', { for: 'district' }, ui.district), district),
    ...(state.token ? [el('div', { class: 'field' }, el('label', { for: 'counted-by' }, ui.countedBy), countedBy)] : []),
    ...(note ? [el('p', { id: 'view-note', class: state.data?.view === 'internal' ? 'note internal' : 'note' }, note)] : []),
    ...(state.data
      ? [
          el(
            'p',
            { id: 'counted-by-note', class: 'note' },
            state.data.countedBy === 'incident' ? ui.countedByIncidentNote : ui.countedByReportedNote,
          ),
        ]
      : []),
  );
}

function dataTable(model: ChartModel, number: Intl.NumberFormat): HTMLTableElement {
  const ui = dict().dashboard;
  return el(
    'table',
    { id: `table-${model.id}` },
    el('caption', {}, `${ui.tableOf}: ${model.title}`),
    el(
      'thead',
      {},
      el('tr', {}, el('th', { scope: 'col' }, model.table.corner), ...model.table.headers.map((h) => el('th', { scope: 'col' }, h))),
    ),
    el(
      'tbody',
      {},
      ...model.table.rows.map((r) =>
        el('tr', {}, el('th', { scope: 'row' }, r.label), ...r.cells.map((c) => el('td', {}, formatCell(c, number)))),
      ),
    ),
  );
}

function chartConfig(model: ChartModel): ChartConfiguration<'bar' | 'line', Array<number | null>, string> {
  const datasets: Array<ChartDataset<'bar' | 'line', Array<number | null>>> = model.series.map((s) => {
    const type = s.type ?? model.kind;
    return type === 'line'
      ? {
          type: 'line',
          label: s.label,
          data: [...s.data],
          borderColor: s.color,
          backgroundColor: s.color,
          spanGaps: false,
          ...(model.kind === 'bar'
            ? { showLine: false, pointStyle: 'line', pointRadius: 14, pointBorderWidth: 3, pointHoverRadius: 14 }
            : { pointRadius: 3, borderWidth: 2 }),
          ...(s.axis ? { yAxisID: s.axis } : {}),
        }
      : { type: 'bar', label: s.label, data: [...s.data], backgroundColor: s.color, ...(s.axis ? { yAxisID: s.axis } : {}) };
  });
  const valueAxis = model.horizontal ? 'x' : 'y';
  const scales: NonNullable<ChartConfiguration<'bar' | 'line'>['options']>['scales'] = {
    [valueAxis]: {
      beginAtZero: true,
      ...(model.percent ? { max: 100 } : {}),
      ticks: { precision: 0 },
      title: { display: true, text: model.axisTitle },
    },
  };
  if (model.secondAxisTitle)
    scales.y1 = {
      position: 'right',
      beginAtZero: true,
      grid: { drawOnChartArea: false },
      title: { display: true, text: model.secondAxisTitle },
    };
  return {
    type: model.kind,
    data: { labels: [...model.labels], datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: model.horizontal ? 'y' : 'x',
      locale: state.lang === 'id' ? 'id-ID' : 'en-GB',
      scales,
      plugins: { legend: { display: model.series.length > 1, position: 'bottom' } },
    },
  };
}

/** The chart's section, and a function that draws the chart once the section is in the page (Chart.js sizes it there). */
function chartSection(model: ChartModel, number: Intl.NumberFormat): { section: HTMLElement; draw: () => void } {
  const ui = dict().dashboard;
  const section = el(
    'section',
    { class: 'card', id: `chart-${model.id}`, 'aria-labelledby': `title-${model.id}` },
    el('h2', { id: `title-${model.id}` }, model.title),
  );
  if (model.unavailable) {
    section.append(el('p', { class: 'note' }, model.unavailable));
    return { section, draw: () => undefined };
  }
  if (!model.keys.length) {
    section.append(el('p', { class: 'note' }, ui.noData));
    return { section, draw: () => undefined };
  }
  const canvas = el('canvas', { role: 'img', 'aria-label': model.title }, `${ui.tableOf}: ${model.title}`);
  const table = dataTable(model, number);
  section.append(el('div', { class: model.horizontal ? 'chart tall' : 'chart' }, canvas), table);
  // The table's own note from the API (public view): what its marks mean, in the page's language.
  const note = state.data?.tables.get(model.id)?.note?.[state.lang];
  if (note) {
    section.append(el('p', { class: 'note table-note', id: `note-${model.id}` }, note));
    table.setAttribute('aria-describedby', `note-${model.id}`);
  }
  return { section, draw: () => void (window.__charts[model.id] = new Chart(canvas, chartConfig(model))) };
}

function render(): void {
  const d = dict();
  const focused = document.activeElement?.id;
  document.documentElement.lang = state.lang;
  document.title = d.dashboard.pageTitle;
  document.body.dataset.state = state.status;
  document.body.dataset.lang = state.lang;
  document.body.dataset.view = state.data?.view ?? (state.token ? 'internal' : 'public');
  for (const chart of Object.values(window.__charts)) chart.destroy();
  window.__charts = {};

  const app = document.getElementById('app')!;
  app.replaceChildren(header(), filters());
  const main = el('main', { id: 'charts', tabindex: '-1' });
  if (state.status === 'loading' && !state.data) main.append(el('p', { role: 'status' }, d.dashboard.loading));
  if (state.status === 'error') {
    const key = state.message as keyof Dictionary['dashboard'] | null;
    main.append(el('p', { role: 'alert', class: 'error' }, key && key in d.dashboard ? d.dashboard[key] : d.dashboard.loadFailed));
  }
  app.append(main);
  if (state.data && state.status !== 'error') {
    const number = new Intl.NumberFormat(state.lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 });
    const grid = el('div', { class: 'grid' });
    main.append(grid);
    for (const model of chartModels(state.data, d)) {
      const { section, draw } = chartSection(model, number);
      grid.append(section);
      draw();
    }
  }
  if (focused) document.getElementById(focused)?.focus();
}

void load();
