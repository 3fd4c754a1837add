/**
 * The arithmetic of `npm run bench -- --plan-cost` (scripts/bench-plan-cost.ts): which figure is
 * divided by which for each goal, the Go floor's included, and how a goal line reads. No
 * measurement runs here.
 */
import { GO_FLOOR_GOALS, PLAN_COST_GOALS, type PlanCostFigures, goalLines, planCostRatios } from '../../scripts/bench-plan-cost';

const figures: PlanCostFigures = {
  bareNodeMs: 50,
  providerStartMs: 120,
  echoStartMs: 110,
  goEchoStartMs: 20,
  binaryStartMs: 30,
  binaryJoinStartMs: 5,
  bunHelloStartMs: 25,
  planN100Decomposed: {
    terraformDataMs: 400,
    echoMs: 1600,
    echoWarmMs: 900,
    providerMs: 1800,
    providerWarmMs: 1000,
    goEchoMs: 1000,
    goEchoWarmMs: 800,
    binaryMs: 1300,
    providerNoRunHostMs: 2400,
    binaryNoRunHostMs: 1625,
  },
  applyN100Decomposed: { terraformDataMs: 500, echoMs: 1500, providerMs: 3300, floorMs: 1000, goEchoMs: 2000, providerNoRunHostMs: 4400 },
};

test('what the run host saves: each figure with it over the same without it', () => {
  expect(planCostRatios(figures).runHostRatios).toEqual({ coldPlan: 0.75, coldPlanBinary: 0.8, apply: 0.75 });
});

test('the provider is measured against the Go echo cold, warm, as the executable, in its apply and at start', () => {
  expect(planCostRatios(figures).goFloorRatios).toEqual({
    coldPlanToGoEcho: 1.8,
    coldPlanBinaryToGoEcho: 1.3,
    warmPlanToWarmGoEcho: 1.25,
    // 3300 / (2000 + 1000): the Go echo's apply makes no requests, so the rate floor is added to it.
    applyToGoEchoPlusFloor: 1.1,
    binaryStartToGoEcho: 1.5,
    providerStartToBareNode: 2.4,
  });
});

test('the earlier ratios keep their meaning beside the Go floor', () => {
  const { ratios, echoRatios } = planCostRatios(figures);
  expect(ratios).toEqual({
    warmPlanToWarmEcho: 1.11,
    warmPlanToTerraformData: 2.5,
    coldPlanToTerraformData: 4.5,
    providerStartToBareNode: 2.4,
    applyToTerraformPlusFloor: 2.2,
  });
  expect(echoRatios).toEqual({ warmPlanToTerraformData: 2.25, coldPlanToTerraformData: 4, providerStartToBareNode: 2.2, applyToTerraformPlusFloor: 3 });
});

test('without the Go echo there are no Go floor ratios, and the rest are unchanged', () => {
  const withoutGo: PlanCostFigures = {
    ...figures,
    goEchoStartMs: null,
    planN100Decomposed: { ...figures.planN100Decomposed, goEchoMs: null, goEchoWarmMs: null },
    applyN100Decomposed: { ...figures.applyN100Decomposed, goEchoMs: null },
  };
  const ratios = planCostRatios(withoutGo);
  expect(ratios.goFloorRatios).toBeNull();
  expect(ratios.ratios).toEqual(planCostRatios(figures).ratios);
});

test('a goal line says met at or below the goal and NOT met above it, one line per goal in order', () => {
  const lines = goalLines(planCostRatios(figures).goFloorRatios!, GO_FLOOR_GOALS);
  expect(lines.map((line) => line.split(/\s+/)[0])).toEqual(Object.keys(GO_FLOOR_GOALS));
  expect(lines.find((line) => line.startsWith('warmPlanToWarmGoEcho'))).toMatch(/1\.25 ≤ 1\.25 {2}met$/);
  expect(lines.find((line) => line.startsWith('applyToGoEchoPlusFloor'))).toMatch(/1\.10 ≤ 1\.15 {2}met$/);
  expect(lines.find((line) => line.startsWith('coldPlanToGoEcho'))).toMatch(/1\.80 ≤ 1\.25 {2}NOT met$/);
  expect(goalLines(planCostRatios(figures).ratios, PLAN_COST_GOALS)).toHaveLength(Object.keys(PLAN_COST_GOALS).length);
});

test("the executable's start against its runtime's own (a Bun-compiled one-line program), and that against the Go echo", () => {
  expect(planCostRatios(figures).startFloorRatios).toEqual({ binaryStartToBunHello: 1.2, bunHelloToGoEcho: 1.25 });
  expect(planCostRatios({ ...figures, bunHelloStartMs: null }).startFloorRatios).toBeNull();
});
