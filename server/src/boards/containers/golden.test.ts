import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeGoldenCases } from '../../../test/golden-harness.ts';
import { STEP_CASES } from './__fixtures__/cases.ts';

describeGoldenCases(path.join(path.dirname(fileURLToPath(import.meta.url)), '__fixtures__'), STEP_CASES);
