import { z } from 'zod';

/** Every KPI a report can ask for; DOMAIN.md §4.2 gives the formulas. */
export const KPIS = [
  'room_nights',
  'occupancy',
  'adr',
  'revpar',
  'length_of_stay',
  'lead_time',
  'cancellation_rate',
  'no_show_rate',
  'channel_mix',
  'segment_mix',
  'source_market',
  'repeat_guest_rate',
  'review_score',
  'nps',
] as const;
export type Kpi = (typeof KPIS)[number];

/** The places a KPI is rolled up to: a hotel, its city, region or country, or an H3 cell. */
export const PLACES = ['property', 'city', 'region', 'country', 'h3'] as const;
export type Place = (typeof PLACES)[number];

export const GRAINS = ['day', 'week', 'month'] as const;
export type Grain = (typeof GRAINS)[number];

/** The longest period one request may cover, so that a typo in a year cannot scan centuries. */
const MAX_DAYS = 366 * 20;

const isoDate = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required (YYYY-MM-DD)' : 'expected a date as YYYY-MM-DD') })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((v) => {
    const day = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(v);
  }, 'not a day of the calendar');

const point = z.string().transform((text, ctx) => {
  const parts = text.split(',').map((p) => p.trim());
  const [lat, lon] = parts.map(Number);
  if (parts.length !== 2 || parts.some((p) => p === '') || !Number.isFinite(lat) || !Number.isFinite(lon)) {
    ctx.addIssue({ code: 'custom', message: `expected latitude,longitude such as 52.37,4.89, got ${JSON.stringify(text)}` });
    return z.NEVER;
  }
  if (Math.abs(lat!) > 90) ctx.addIssue({ code: 'custom', message: `latitude ${lat} must lie within -90..90` });
  if (Math.abs(lon!) > 180) ctx.addIssue({ code: 'custom', message: `longitude ${lon} must lie within -180..180` });
  return { latitude: lat!, longitude: lon! };
});

/** One KPI request, from the CLI's options or the query string of GET /v1/kpi/:kpi. */
export const KpiRequest = z
  .object({
    kpi: z.enum(KPIS, { message: `expected one of ${KPIS.join(', ')}` }),
    by: z.enum(PLACES, { message: `expected one of ${PLACES.join(', ')}` }).default('property'),
    grain: z.enum(GRAINS, { message: `expected one of ${GRAINS.join(', ')}` }).default('month'),
    from: isoDate,
    to: isoDate,
    near: point.optional(),
    radius_km: z.coerce.number().positive('must be positive').max(20_040, 'must be at most 20040 (half the Earth)').optional(),
    h3_resolution: z.coerce.number().int('must be a whole number').min(0, 'must be 0 to 15').max(15, 'must be 0 to 15').default(7),
  })
  .superRefine((value, ctx) => {
    if (Number.isNaN(Date.parse(value.from)) || Number.isNaN(Date.parse(value.to))) return;
    if (value.to < value.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    const days = (Date.parse(value.to) - Date.parse(value.from)) / 86_400_000;
    if (days > MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `the period may span at most ${MAX_DAYS} days` });
    if (value.near && value.radius_km === undefined) {
      ctx.addIssue({ code: 'custom', path: ['radius_km'], message: 'is required with near' });
    }
    if (value.radius_km !== undefined && !value.near) {
      ctx.addIssue({ code: 'custom', path: ['near'], message: 'is required with radius_km' });
    }
  });
export type KpiRequest = z.infer<typeof KpiRequest>;

export interface RequestIssue {
  field: string;
  message: string;
}

export type KpiRequestResult = { ok: true; request: KpiRequest } | { ok: false; issues: RequestIssue[] };

/** Checks a request; each problem names its field (as the CLI option or query parameter). */
export function parseKpiRequest(input: Record<string, unknown>): KpiRequestResult {
  const parsed = KpiRequest.safeParse(input);
  if (parsed.success) return { ok: true, request: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(request)', message: issue.message })),
  };
}
