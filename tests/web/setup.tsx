/** Component tests run in jsdom; each starts from an empty page in Vietnamese, the default language. */
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';

beforeEach(() => {
  localStorage.clear();
  document.documentElement.lang = 'vi';
});

afterEach(() => {
  cleanup();
});
