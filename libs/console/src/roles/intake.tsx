import { intakeClient } from '../api.js';
import { CasePage } from '../intake/case.js';
import { CaseListPage } from '../intake/cases.js';
import { RegisterComplaintPage } from '../intake/register.js';
import { startConsole } from '../shell.js';

/** The UPTD PPA's console (the intake node): its cases, registering a complaint, a case. */
startConsole('intake', (session) => {
  const api = intakeClient(session);
  return [
    { path: '/cases', nav: 'navCases', render: () => <CaseListPage api={api} /> },
    { path: '/register', nav: 'navRegister', render: () => <RegisterComplaintPage api={api} /> },
    { path: '/cases/:id', render: ({ id }) => <CasePage key={id} api={api} session={session} id={id} /> },
  ];
});
