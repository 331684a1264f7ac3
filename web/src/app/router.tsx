import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { RootFallback, RootLayout, RouteError } from './root-layout';

/** Each page's code is loaded when it is first visited; only the frame is in the first bundle. */
const page = (load: () => Promise<{ default: ComponentType }>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load()).default }),
});

export const routes: RouteObject[] = [
  {
    path: '/',
    Component: RootLayout,
    HydrateFallback: RootFallback,
    ErrorBoundary: RouteError,
    children: [
      {
        ErrorBoundary: RouteError,
        children: [
          { index: true, ...page(() => import('./routes/home')) },
          { path: 'todo', ...page(() => import('./routes/todo')) },
          { path: 'report', ...page(() => import('./routes/report')) },
          { path: 'targets', ...page(() => import('./routes/targets')) },
          { path: 'targets/:code', ...page(() => import('./routes/target')) },
          { path: 'observations/:id', ...page(() => import('./routes/observation')) },
          { path: 'dashboard', ...page(() => import('./routes/dashboard')) },
          { path: 'review', ...page(() => import('./routes/review')) },
          { path: 'records', ...page(() => import('./routes/records')) },
          { path: 'audit', ...page(() => import('./routes/audit')) },
          { path: 'reports', ...page(() => import('./routes/reports')) },
          { path: 'reports/:id', ...page(() => import('./routes/report-detail')) },
          { path: 'exports', ...page(() => import('./routes/exports')) },
          { path: 'plans/:code', ...page(() => import('./routes/plan')) },
          { path: 'admin/units', ...page(() => import('./routes/admin-units')) },
          { path: 'admin/users', ...page(() => import('./routes/admin-users')) },
          { path: 'admin/plans', ...page(() => import('./routes/admin-plans')) },
          { path: 'admin/targets', ...page(() => import('./routes/admin-targets')) },
          { path: 'admin/import', ...page(() => import('./routes/admin-import')) },
          { path: 'method', ...page(() => import('./routes/method')) },
          { path: '*', ...page(() => import('./routes/not-found')) },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
