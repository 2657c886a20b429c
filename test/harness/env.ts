/**
 * n8n-core reads N8N_USER_FOLDER at import time; without it, it writes into the home folder.
 * Jest's globalSetup and the benchmark set it to a temp folder they remove; this is the fallback.
 * Every harness module that imports n8n-core imports this first.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-dastra-test-'));
