import { intakeClient } from '../api.js';
import { CasePage } from '../intake/case.js';
import { CaseListPage } from '../intake/cases.js';
import { IncomingHandOverPage, IncomingHandOversPage } from '../intake/handovers.js';
import { NeedsMePage } from '../intake/needs-me.js';
import { OutreachPage } from '../intake/outreach.js';
import { RegisterComplaintPage } from '../intake/register.js';
import { startConsole } from '../shell.js';

/** The UPTD PPA's console (the intake node): what needs her (its home page), her cases, registering a complaint, a case, outreach visits, the hand-overs that come in. */
startConsole('intake', (session) => {
  const api = intakeClient(session);
  return [
    { path: '/needs-me', nav: 'navNeedsMe', render: () => <NeedsMePage api={api} session={session} /> },
    { path: '/cases', nav: 'navCases', render: () => <CaseListPage api={api} /> },
    { path: '/register', nav: 'navRegister', render: () => <RegisterComplaintPage api={api} drafts={session.drafts} /> },
    { path: '/outreach', nav: 'navOutreach', render: () => <OutreachPage api={api} session={session} /> },
    { path: '/cases/:id', render: ({ id }) => <CasePage key={id} api={api} session={session} id={id} /> },
    {
      path: '/handovers',
      nav: 'navHandovers',
      staff: ['supervisor'],
      render: () => <IncomingHandOversPage api={api} session={session} />,
    },
    { path: '/handovers/:id', render: ({ id }) => <IncomingHandOverPage key={id} api={api} id={id} /> },
  ];
});
