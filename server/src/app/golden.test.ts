import { describe } from 'vitest';
import { describeGoldenCases, endpointGoldenCases, fixturesDirOf } from '../../test/golden-harness.ts';
import { boards } from './boards.ts';

// The golden cases of every board's endpoint table (`__fixtures__/<case>.case.json`): a board's
// new endpoint gets its golden check from a fixture file, with no test of its own.
for (const board of boards) {
  const cases = endpointGoldenCases(board);
  if (cases.length > 0) describe(board.name, () => describeGoldenCases(fixturesDirOf(board), cases));
}
