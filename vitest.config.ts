import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The CLI tests run the compiled lib/: build it once before any test.
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One test file per core: most of a file's time is spent waiting on the processes, git and files
    // it starts (vitest's default leaves one core of two idle).
    maxWorkers: 2,
  },
});
