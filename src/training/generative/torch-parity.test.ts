// Issue 17's "at least 200 steps of each generator with matching losses", in the suite: the checks of
// torch-parity-checks.ts over 200 steps (under a minute on both sides).
import { describeTorchParity } from './torch-parity-checks';

describeTorchParity(200);
