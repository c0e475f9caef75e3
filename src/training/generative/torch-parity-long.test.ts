// Issue 17's "at least 200 steps of each generator with matching losses", in the `long` project
// (`npm run test:long`): the checks of torch-parity-checks.ts over 200 steps.
import { describeTorchParity } from './torch-parity-checks';

describeTorchParity(200);
