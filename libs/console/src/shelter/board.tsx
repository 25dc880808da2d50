import { useQuery } from '@tanstack/react-query';
import type { ShelterClient, ShelterSchemas } from '../api.js';
import { useI18n } from '../i18n.js';
import { INBOX_REFRESH_MS } from '../service/inbox.js';

type Sex = ShelterSchemas['AddRoomBody']['sex'];
type AgeGroup = ShelterSchemas['AddRoomBody']['ageGroup'];
const GROUPS: Array<[Sex, AgeGroup]> = [
  ['female', 'child'],
  ['female', 'adult'],
  ['male', 'child'],
  ['male', 'adult'],
];

/** Today in the browser's calendar (the node counts the day in its own time zone, and says which). */
export const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** The bed board: every room by room group (sex and age group), its beds occupied and free today. */
export function BoardPage({ api }: { api: ShelterClient }) {
  const { t, dict } = useI18n();
  const date = today();
  const board = useQuery({
    queryKey: ['occupancy', date],
    queryFn: async () => {
      const { data, error } = await api.GET('/facilities/occupancy', { params: { query: { date } } });
      if (!data) throw new Error(JSON.stringify(error));
      return data;
    },
    refetchInterval: INBOX_REFRESH_MS,
  });
  return (
    <section aria-labelledby="board-title" id="board">
      <h1 id="board-title">{t('boardTitle')}</h1>
      {board.isPending ? <p>{t('loading')}</p> : null}
      {board.isError ? <p role="alert">{t('loadFailed')}</p> : null}
      {board.data ? (
        <>
          <p className="facts">
            {t('boardToday', { date: `${board.data.date} (${board.data.timeZone})` })} ·{' '}
            <strong data-total-occupied={board.data.total.occupied}>
              {t('totalOccupancy', { occupied: board.data.total.occupied, beds: board.data.total.beds })}
            </strong>
          </p>
          {board.data.rooms.length === 0 ? <p>{t('noRooms')}</p> : null}
          <div className="columns">
            {GROUPS.map(([sex, age]) => {
              const rooms = board.data.rooms.filter((r) => r.sex === sex && r.ageGroup === age);
              if (!rooms.length) return null;
              const title = t('roomGroup', { sex: dict.sex[sex], age: dict.ageGroup[age] });
              return (
                <section key={`${sex}-${age}`} className="card" aria-labelledby={`group-${sex}-${age}`} data-room-group={`${sex}-${age}`}>
                  <h2 id={`group-${sex}-${age}`}>{title}</h2>
                  {rooms.map((r) => (
                    <div key={r.roomId} className="room" data-room={r.roomId} data-occupied={r.occupied} data-beds={r.beds}>
                      <h3>
                        {r.room} <span className="hint">({r.facility})</span>
                      </h3>
                      <p>{t('bedsFree', { free: Math.max(0, r.beds - r.occupied), beds: r.beds })}</p>
                      <ul className="beds">
                        {Array.from({ length: r.beds }, (_, i) => (
                          <li key={i} className={i < r.occupied ? 'bed occupied' : 'bed free'}>
                            {i < r.occupied ? t('bedOccupied') : t('bedFree')}
                          </li>
                        ))}
                      </ul>
                    </div>
                  ))}
                </section>
              );
            })}
          </div>
        </>
      ) : null}
    </section>
  );
}
