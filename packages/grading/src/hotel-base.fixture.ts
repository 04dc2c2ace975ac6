import { addDays } from './dates';
import type { StayFact, StayStatus } from './facts';

/**
 * A small hand-built customer base as of 2025-06-30, shared by the tests. Every stay is given
 * by its age in days at the as-of date, so decay weights read straight off the list below.
 *
 * Weight of a stay: w(age) = 0.5^(age / 30.4375 / 12) = 0.5^(age / 365.25).
 * M = revenue per stay × Σ w over the guest's stays:
 *
 * - c01: 10 stays of 300, ages 10, 40, …, 280 (every 30 days)
 *   M = 300 × (0.981+0.927+0.876+0.827+0.781+0.738+0.697+0.659+0.622+0.588) = 300 × 7.696
 *     = 2,308.91
 * - c02: 5 stays of 1,200, ages 60, 200, 400, 600, 800
 *   M = 1,200 × (0.892+0.684+0.468+0.320+0.219) = 3,100.81
 * - c03: 3 stays of 600, ages 20, 300, 700: M = 600 × (0.963+0.566+0.265) = 1,076.14
 * - c04: 2 stays of 1,000, ages 40, 500: M = 1,000 × (0.927+0.387) = 1,314.08
 * - c05: 4 stays of 400, ages 150, 300, 450, 600: M = 400 × (0.752+0.566+0.426+0.320) = 825.66
 * - c06: 3 stays of 350, ages 100, 400, 800: M = 350 × (0.827+0.468+0.219) = 530.02
 * - c07: 2 stays of 400, ages 250, 900: M = 400 × (0.622+0.181) = 321.39
 * - c08: 1 stay of 500, age 500: M = 500 × 0.387 = 193.59
 * - c09: 1 stay of 300, age 400: M = 300 × 0.468 = 140.43
 * - c10: 1 stay of 200, age 700: M = 200 × 0.265 = 52.98; its cancellation (age 5) and no-show
 *   (age 15) count for nothing
 * - n01: 1 stay of 5,000, age 30: first stay under 90 days ago → N (new), not in the population
 * - l01: 1 stay of 900, age 1,200: before the window (after 2022-06-30) → N, no stay in window
 * - x01: a cancellation only → no completed stay, no grade at all
 */
export const AS_OF = '2025-06-30';

const BASE: Record<string, { revenue: number; agesDays: readonly number[] }> = {
  c01: { revenue: 300, agesDays: [10, 40, 70, 100, 130, 160, 190, 220, 250, 280] },
  c02: { revenue: 1200, agesDays: [60, 200, 400, 600, 800] },
  c03: { revenue: 600, agesDays: [20, 300, 700] },
  c04: { revenue: 1000, agesDays: [40, 500] },
  c05: { revenue: 400, agesDays: [150, 300, 450, 600] },
  c06: { revenue: 350, agesDays: [100, 400, 800] },
  c07: { revenue: 400, agesDays: [250, 900] },
  c08: { revenue: 500, agesDays: [500] },
  c09: { revenue: 300, agesDays: [400] },
  c10: { revenue: 200, agesDays: [700] },
  n01: { revenue: 5000, agesDays: [30] },
  l01: { revenue: 900, agesDays: [1200] },
};

export function stayFact(
  customerId: string,
  reservationId: string,
  ageDays: number,
  revenue: number,
  overrides: Partial<StayFact> = {},
): StayFact {
  return {
    customerId,
    reservationId,
    departureDate: addDays(AS_OF, -ageDays),
    roomNights: 2,
    revenue,
    status: 'checked_out' as StayStatus,
    version: 1,
    ...overrides,
  };
}

/** Every fact of the base, version 1, in customer order. */
export function baseFacts(): StayFact[] {
  const facts = Object.entries(BASE).flatMap(([customerId, { revenue, agesDays }]) =>
    agesDays.map((age, i) => stayFact(customerId, `${customerId}-r${i + 1}`, age, revenue)),
  );

  return [
    ...facts,
    stayFact('c10', 'c10-cancelled', 5, 9000, { status: 'cancelled' }),
    stayFact('c10', 'c10-no-show', 15, 9000, { status: 'no_show' }),
    stayFact('x01', 'x01-r1', 50, 700, { status: 'cancelled' }),
  ];
}

/** A fixed shuffle, so order-independence tests need no randomness. */
export function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  let seed = 7;
  for (let i = copy.length - 1; i > 0; i -= 1) {
    seed = (seed * 16807) % 2147483647;
    const j = seed % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
