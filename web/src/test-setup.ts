import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';

// Testing Library only cleans up by itself when test globals are on; they are off here.
afterEach(cleanup);

// Lazy board chunks (recharts included) take more than the default 1 s to import on a loaded
// 2-core machine; waiting longer changes no assertion, it only stops slow machines failing.
configure({ asyncUtilTimeout: 5_000 });
