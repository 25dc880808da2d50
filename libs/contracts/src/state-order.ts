/**
 * Events can arrive out of order and more than once. State that events move
 * forward is therefore a ranked order: an event may only move a record to a
 * state of higher rank; anything else is a late or repeated event and changes
 * nothing. Terminal states of equal rank do not replace one another.
 */
export type StateRanks<S extends string> = Readonly<Record<S, number>>;

/** The state to keep when `incoming` arrives while the record is in `current`. */
export function advanceState<S extends string>(ranks: StateRanks<S>, current: S | undefined, incoming: S): S {
  if (current === undefined) return incoming;
  return ranks[incoming] > ranks[current] ? incoming : current;
}

/** True when `incoming` would move a record in `current` forward. */
export function movesForward<S extends string>(ranks: StateRanks<S>, current: S | undefined, incoming: S): boolean {
  return advanceState(ranks, current, incoming) !== current;
}
