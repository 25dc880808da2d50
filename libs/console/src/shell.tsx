import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useEffect, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { Button, Form, Input, Label, TextField } from 'react-aria-components';
import { I18nProvider, LANGUAGES, useI18n, type ConsoleRole, type Dictionary } from './i18n.js';
import { Session, useSession, type SignInProvider } from './session.js';

/** The dictionary's words for each refusal of a sign-in through the identity provider. */
const REFUSALS: Record<string, keyof Dictionary['console']> = {
  'unknown-state': 'oidcUnknownState',
  expired: 'oidcExpired',
  'provider-refused': 'oidcProviderRefused',
  'provider-unavailable': 'oidcProviderUnavailable',
  'invalid-token': 'oidcInvalidToken',
  'wrong-agency': 'oidcWrongAgency',
  'no-role': 'oidcNoRole',
  disabled: 'oidcDisabled',
};

/** "Sign in with <provider>": one button per identity provider the node offers. */
function ProviderSignIn({ session }: { session: Session }) {
  const { t } = useI18n();
  const [providers, setProviders] = useState<SignInProvider[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    void session.providers().then((found) => live && setProviders(found));
    return () => {
      live = false;
    };
  }, [session]);
  if (!providers.length) return null;
  return (
    <div className="providers">
      {providers.map((p) => (
        <Button
          key={p.id}
          className="primary"
          id={`sign-in-${p.id}`}
          isDisabled={busy}
          onPress={() => {
            setBusy(true);
            void session.startProviderSignIn().then((sent) => !sent && setBusy(false));
          }}
        >
          {t('signInWith', { provider: p.name })}
        </Button>
      ))}
      <p className="or">{t('signInOr')}</p>
    </div>
  );
}

/** A page of a role's console, at `#/<path>`; `:id` matches one segment. */
export interface ConsolePage {
  path: string;
  /** The navigation entry (pages without one are reached from others). */
  nav?: keyof Dictionary['console'];
  /** The staff roles whose navigation shows the entry (default: every role). */
  staff?: readonly string[];
  render: (params: Record<string, string>) => ReactNode;
}

/** The hash route: `#/cases/<id>` (hash routes never collide with the node's API paths). */
function useRoute(): string {
  const [route, setRoute] = useState(() => location.hash.replace(/^#/, '') || '/');
  useEffect(() => {
    const changed = () => setRoute(location.hash.replace(/^#/, '') || '/');
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return route;
}

function match(pages: ConsolePage[], route: string): { page: ConsolePage; params: Record<string, string> } | undefined {
  for (const page of pages) {
    const want = page.path.split('/');
    const got = route.split('/');
    if (want.length !== got.length) continue;
    const params: Record<string, string> = {};
    if (want.every((w, i) => (w.startsWith(':') ? ((params[w.slice(1)] = decodeURIComponent(got[i])), true) : w === got[i])))
      return { page, params };
  }
  return undefined;
}

export function navigate(path: string): void {
  location.hash = `#${path}`;
}

function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const other = LANGUAGES.find((l) => l !== lang)!;
  return (
    <Button className="link-button" id="language-switch" onPress={() => setLang(other)}>
      <span lang={other}>{t('switchLanguage')}</span>
    </Button>
  );
}

function SignIn({ session }: { session: Session }) {
  const { t } = useI18n();
  const state = useSession(session);
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [needCode, setNeedCode] = useState(false);
  const reason =
    state.reason === 'idle'
      ? t('signedOutIdle')
      : state.reason === 'ended'
        ? t('signedOutEnded')
        : state.reason === 'signed-out'
          ? t('signedOut')
          : null;
  return (
    <main id="main" className="sign-in">
      <h1>{t('signInTitle')}</h1>
      {reason ? (
        <p role="status" className="notice" id="signed-out-reason">
          {reason}
        </p>
      ) : null}
      {state.refusal ? (
        <p role="alert" className="error" id="sign-in-refused">
          {t(REFUSALS[state.refusal] ?? 'oidcProviderRefused')}
        </p>
      ) : null}
      <ProviderSignIn session={session} />
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          const field = (name: string) => {
            const value = data.get(name);
            return typeof value === 'string' ? value : '';
          };
          setBusy(true);
          setFailed(null);
          void session
            .signIn(field('username'), field('password'), field('code') || undefined)
            .then((outcome) => {
              if (outcome === 'second-factor') setNeedCode(true);
              else if (outcome === 'next-step') setFailed(t('nextStepNeeded'));
              else if (outcome === 'failed') setFailed(t('signInFailed'));
            })
            .finally(() => setBusy(false));
        }}
      >
        <TextField className="field" name="username" isRequired autoComplete="username">
          <Label>{t('username')}</Label>
          <Input />
        </TextField>
        <TextField className="field" name="password" type="password" isRequired autoComplete="current-password">
          <Label>{t('password')}</Label>
          <Input />
        </TextField>
        {needCode ? (
          <TextField className="field" name="code" inputMode="numeric" autoComplete="one-time-code">
            <Label>{t('code')}</Label>
            <Input />
          </TextField>
        ) : null}
        {failed ? (
          <p role="alert" className="error">
            {failed}
          </p>
        ) : null}
        <Button type="submit" className="primary" isDisabled={busy}>
          {busy ? t('signingIn') : t('signIn')}
        </Button>
      </Form>
    </main>
  );
}

function Shell({ role, session, pages, queries }: { role: ConsoleRole; session: Session; pages: ConsolePage[]; queries: QueryClient }) {
  const { t, dict } = useI18n();
  const state = useSession(session);
  const route = useRoute();
  useEffect(() => {
    const clear = () => queries.clear();
    session.onEnd.add(clear);
    return () => void session.onEnd.delete(clear);
  }, [session, queries]);
  const found = match(pages, route) ?? match(pages, pages[0].path)!;
  return (
    <>
      <a className="skip" href="#main">
        {t('skipLink')}
      </a>
      <header className="top">
        <p className="brand">{dict.consoleTitle[role]}</p>
        {state.signedIn ? (
          <nav aria-label={dict.consoleTitle[role]}>
            {pages
              .filter((p) => p.nav && (!p.staff || (state.role !== null && p.staff.includes(state.role))))
              .map((p) => (
                <a key={p.path} href={`#${p.path}`} aria-current={found.page === p ? 'page' : undefined}>
                  {t(p.nav!)}
                </a>
              ))}
          </nav>
        ) : null}
        <div className="tools">
          {state.signedIn && state.role ? (
            <span className="who">{t('signedInAs', { role: dict.role[state.role as keyof Dictionary['role']] ?? state.role })}</span>
          ) : null}
          <LanguageSwitch />
          {state.signedIn ? (
            <Button className="link-button" id="sign-out" onPress={() => void session.signOut()}>
              {t('signOut')}
            </Button>
          ) : null}
        </div>
      </header>
      {state.signedIn ? (
        <main id="main" tabIndex={-1}>
          {found.page.render(found.params)}
        </main>
      ) : (
        <SignIn session={session} />
      )}
    </>
  );
}

/** Starts a role's console: the pages of that role only (each role's entry lists its own). */
export function startConsole(role: ConsoleRole, pages: (session: Session) => ConsolePage[]): Session {
  const session = new Session();
  // Back from the identity provider (?code=&state=): the address bar forgets them at once, the node finishes the sign-in.
  const back = new URLSearchParams(location.search);
  if (back.has('state') || back.has('code') || back.has('error')) {
    history.replaceState(null, '', location.pathname + location.hash);
    void session.finishProviderSignIn(back);
  }
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });
  document.body.dataset.session = 'signed-out';
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nProvider role={role}>
        <QueryClientProvider client={queries}>
          <Shell role={role} session={session} pages={pages(session)} queries={queries} />
        </QueryClientProvider>
      </I18nProvider>
    </StrictMode>,
  );
  return session;
}
