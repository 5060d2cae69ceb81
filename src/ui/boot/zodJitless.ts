import { config } from 'zod';

// zod 4 compiles object parsers with `new Function` unless told not to, and
// probes for eval with `Function('')` when the first object schema is built.
// Under the app's CSP (no 'unsafe-eval') that probe is a reported violation.
// This module must be evaluated before any schema is created: it is the
// first import of main.tsx.
config({ jitless: true });
