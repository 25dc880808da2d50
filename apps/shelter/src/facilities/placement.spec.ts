import { describe, expect, it } from '@jest/globals';
import { capacityByGroup, capacityOf, chooseRoom, placementProblem, roomGroupFor, type RoomOccupancy } from './placement.js';

const room = (id: string, sex: 'female' | 'male', ageGroup: 'child' | 'adult', beds: number, occupied: number): RoomOccupancy => ({
  id,
  facilityId: 'f',
  sex,
  ageGroup,
  beds,
  occupied,
});

describe('shelter placement', () => {
  const rooms = [
    room('women', 'female', 'adult', 4, 1),
    room('girls', 'female', 'child', 3, 3),
    room('girls-2', 'female', 'child', 2, 0),
    room('boys', 'male', 'child', 2, 0),
  ];

  it('puts a girl of 13 in a girls’ room with a free bed, never with the women', () => {
    expect(chooseRoom({ sex: 'female', ageYears: 13 }, rooms)?.id).toBe('girls-2');
    expect(placementProblem({ sex: 'female', ageYears: 13 }, rooms[0])).toBe('a child is never placed in a room with adults');
    expect(placementProblem({ sex: 'female', ageYears: 13 }, rooms[1])).toBe('the room has no free bed');
  });

  it('puts an adult woman with adults, a boy with boys; 18 is an adult', () => {
    expect(chooseRoom({ sex: 'female', ageYears: 18 }, rooms)?.id).toBe('women');
    expect(chooseRoom({ sex: 'male', ageYears: 9 }, rooms)?.id).toBe('boys');
    expect(placementProblem({ sex: 'male', ageYears: 9 }, rooms[2])).toBe('the room is for women and girls');
    expect(placementProblem({ sex: 'female', ageYears: 30 }, rooms[2])).toBe('an adult is never placed in a children’s room');
  });

  it('finds no room when every suitable bed is taken, or the person’s sex or age is unknown', () => {
    const full = [room('girls', 'female', 'child', 3, 3), room('women', 'female', 'adult', 2, 0)];
    expect(chooseRoom({ sex: 'female', ageYears: 12 }, full)).toBeNull();
    expect(chooseRoom({ sex: 'male', ageYears: 40 }, rooms)).toBeNull();
    expect(chooseRoom({ sex: 'female' }, rooms)).toBeNull();
    expect(roomGroupFor({ ageYears: 5 })).toBeNull();
  });

  it('counts places and free places over all rooms', () => {
    expect(capacityOf(rooms)).toEqual({ places: 11, free: 7 });
    expect(capacityOf([])).toEqual({ places: 0, free: 0 });
    expect(capacityByGroup(rooms)).toEqual({
      'female-adult': { places: 4, free: 3 },
      'female-child': { places: 5, free: 2 },
      'male-child': { places: 2, free: 2 },
    });
  });
});
