import type { MessageKey } from './vi';

export const en: Record<MessageKey, string> = {
  'app.name': 'Tiến Độ',
  'app.tagline': 'Digital transformation plan tracker',
  'app.skipToContent': 'Skip to main content',
  'app.loading': 'Loading…',
  'app.retry': 'Try again',
  'app.sessionCheckFailed': 'Could not check your session.',

  'language.label': 'Language',

  'signIn.title': 'Sign in',
  'signIn.intro': 'Use the account your unit gave you to follow and report progress on plans.',
  'signIn.email': 'Email',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.submitting': 'Signing in…',
  'signIn.retryAfter': 'Please try again in {seconds} seconds.',

  'demo.title': 'Demo accounts',
  'demo.intro': 'This is a demo installation. Pick an account to fill in the sign-in form.',
  'demo.use': 'Use this account',
  'demo.unavailable': 'Could not load the demo accounts.',

  'home.greeting': 'Hello, {name}',
  'home.profile': 'Your account',
  'home.role': 'Role',
  'home.unit': 'Unit',
  'home.email': 'Email',
  'home.comingSoon': 'The full dashboard — your unit’s plans, targets and progress reports — is coming here soon.',

  'auth.signOut': 'Sign out',

  'error.generic': 'Something went wrong. Please try again.',
  'error.network': 'Could not reach the server. Please check your connection and try again.',
  'error.unexpected': 'The server gave an unexpected answer (status {status}). Please try again later.',
};
