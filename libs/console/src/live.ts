import { useEffect, useState } from 'react';
import type { Session } from './session.js';

/**
 * A server-sent event stream from the node, opened with a single-use ticket
 * (POST /auth/stream-ticket: an EventSource cannot send a bearer header) and
 * opened again after a break while she is signed in. `onChange` runs at each
 * `event`; the stream carries no data, so the page reads again through the
 * API. Answers whether the stream is open.
 */
export function useLiveStream(
  session: Session,
  ticket: () => Promise<string | undefined>,
  path: string,
  event: string,
  onChange: () => void,
): boolean {
  const [live, setLive] = useState(false);
  useEffect(() => {
    let source: EventSource | null = null;
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const again = () => {
      if (!stopped && session.snapshot().signedIn) retry = setTimeout(() => void open(), 3000);
    };
    const open = async () => {
      // A ticket refused or not answered (the node restarting): asked again, as after a broken stream.
      const got = await ticket().catch(() => undefined);
      if (stopped) return;
      if (!got) return again();
      source = new EventSource(`${path}${path.includes('?') ? '&' : '?'}ticket=${encodeURIComponent(got)}`);
      source.addEventListener('open', () => setLive(true));
      source.addEventListener(event, onChange);
      source.addEventListener('error', () => {
        source?.close();
        setLive(false);
        again();
      });
    };
    void open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [session, ticket, path, event, onChange]);
  return live;
}
