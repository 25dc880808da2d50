import { referralClient, shelterClient } from '../api.js';
import { servicePages } from '../service/pages.js';
import { AdmissionSection, ResidentsPage } from '../shelter/admission.js';
import { BoardPage } from '../shelter/board.js';
import { FacilitiesPage } from '../shelter/facilities.js';
import { startConsole } from '../shell.js';

/** The safe house's console (the shelter node): its inbox, the bed board, admission and discharge, facilities and rooms. */
startConsole('shelter', (session) => {
  const api = shelterClient(session);
  const [inbox, ...rest] = servicePages(referralClient(session), session, {
    // Discharge completes a shelter referral: no separate completion.
    sections: (referral) => <AdmissionSection api={api} referral={referral} />,
  });
  return [
    inbox,
    { path: '/board', nav: 'navBoard', render: () => <BoardPage api={api} /> },
    { path: '/residents', nav: 'navResidents', render: () => <ResidentsPage api={api} /> },
    { path: '/facilities', nav: 'navFacilities', render: () => <FacilitiesPage api={api} /> },
    ...rest,
  ];
});
