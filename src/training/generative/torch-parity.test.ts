// The generators against PyTorch in the suite: a short run, seconds on both sides (torch-parity-checks.ts);
// the 200-step run is in the `long` project (torch-parity-long.test.ts).
import { describeTorchParity } from './torch-parity-checks';

describeTorchParity(30);
