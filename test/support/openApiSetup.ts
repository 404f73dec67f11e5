import { afterAll } from 'vitest';
import { finishFile } from './openApiValidator';

// Any answer an API suite got that the OpenAPI document does not describe fails the file.
afterAll(() => {
  const violations = finishFile();
  if (violations.length) {
    const lines = violations.slice(0, 40).map((v) => `${v.method} ${v.url} → ${v.status} (${v.route}): ${v.message}`);
    throw new Error(`${violations.length} answer(s) do not match the OpenAPI document:\n${lines.join('\n')}`);
  }
});
