/**
 * How hard the fire suites push. `npm test` runs them small enough to add well under a minute
 * on two cores; `npm run test:soak` (FIRE_SOAK=1) runs the same suites, and the soak-only ones,
 * an order of magnitude harder. Each figure can also be set on its own for a one-off run.
 */
const soak = process.env.FIRE_SOAK === '1';

function setting(name: string, quick: number, long: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return soak ? long : quick;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive whole number, not ${JSON.stringify(raw)}`);
  }
  return value;
}

export const SCALE = {
  soak,
  /** Cases per fuzzing property (hostile.test.ts). */
  fuzzRuns: setting('FIRE_FUZZ_RUNS', 400, 4_000),
  /** Junk `track` calls in the page (browser.test.ts). */
  junkRuns: setting('FIRE_JUNK_RUNS', 1_000, 20_000),
  /** Beacons in the burst (load.test.ts). */
  loadBeacons: setting('FIRE_LOAD_BEACONS', 1_000, 20_000),
  /** Orders in the many-orders storm, each reported 6 times (duplicates.test.ts). */
  stormOrders: setting('FIRE_STORM_ORDERS', 60, 600),
  /** Forged beacons in the flood (hostile-world.test.ts). */
  forgedBeacons: setting('FIRE_FORGED_BEACONS', 240, 2_400),
  /** Real purchases among them (hostile-world.test.ts). */
  realPurchases: setting('FIRE_REAL_PURCHASES', 12, 60),
  /** Least length of each outage phase, in ms (outage.test.ts). */
  outagePhaseMs: setting('FIRE_OUTAGE_PHASE_MS', 500, 6_000),
} as const;
