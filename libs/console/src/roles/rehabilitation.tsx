import { referralClient } from '../api.js';
import { servicePages } from '../service/pages.js';
import { startConsole } from '../shell.js';

/** The Dinas Sosial's rehabilitation console: its referral inbox, accept, decline (completion needs the outcome: not here yet). */
startConsole('rehabilitation', (session) => servicePages(referralClient(session), session));
